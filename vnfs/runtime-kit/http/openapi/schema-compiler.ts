import { Ajv, type ValidateFunction, type ErrorObject } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import type { JsonSchema, OpenApiDocument } from "./openapi-document.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

/** OpenAPI schema keywords that JSON Schema validators do not know and must ignore. */
const ANNOTATION_KEYWORDS = ["example", "xml", "externalDocs", "discriminator"];

export interface CompiledSchemas {
  /** Validates without changing the data (bodies, responses). */
  compile(schema: JsonSchema): ValidateFunction;
  /** Validates and coerces strings to the declared types in place (path, query, header values). */
  compileCoercing(schema: JsonSchema): ValidateFunction;
}

/**
 * One pair of ajv instances per document: OpenAPI 3.1 schemas are JSON Schema 2020-12 (OpenAPI
 * 3.1.0 §4.8.24), 3.0 schemas are the draft-04 subset with `nullable` (ajv's default draft-07
 * mode understands it). The document's components are registered once under a private id, and
 * local `$ref`s ("#/components/schemas/X") are rewritten to point into it.
 */
export function compileSchemas(document: OpenApiDocument, documentId: string): CompiledSchemas {
  const make = (coerceTypes: boolean | "array") => {
    const options = {
      allErrors: true,
      strict: false,
      coerceTypes,
      useDefaults: coerceTypes !== false,
      discriminator: false,
    };
    const ajv = document.openapi.startsWith("3.1") ? new Ajv2020(options) : new Ajv(options);
    addFormats(ajv as unknown as Ajv);
    for (const keyword of ANNOTATION_KEYWORDS) if (!ajv.getKeyword(keyword)) ajv.addKeyword(keyword);
    ajv.addSchema({
      $id: documentId,
      components: rewriteRefs(document.components ?? {}, documentId),
    } as object);
    return ajv;
  };
  const plain = make(false);
  const coercing = make("array");
  return {
    compile: (schema) => plain.compile(rewriteRefs(schema, documentId) as object),
    compileCoercing: (schema) => coercing.compile(rewriteRefs(schema, documentId) as object),
  };
}

function rewriteRefs(node: unknown, documentId: string): unknown {
  if (Array.isArray(node)) return node.map((item) => rewriteRefs(item, documentId));
  if (node === null || typeof node !== "object") return node;
  const copy: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    copy[key] =
      key === "$ref" && typeof value === "string" && value.startsWith("#")
        ? `${documentId}${value}`
        : rewriteRefs(value, documentId);
  }
  return copy;
}

export interface Violation {
  /** JSON pointer (RFC 6901) into the request or response, e.g. "/query/limit", "/body/items/0/value". */
  pointer: string;
  detail: string;
}

/** Turns ajv errors into violations located under `root` ("/body", "/query", ...). */
export function violations(errors: ErrorObject[] | null | undefined, root: string): Violation[] {
  return (errors ?? []).map((error) => {
    const missing =
      error.keyword === "required"
        ? `/${String((error.params as { missingProperty: string }).missingProperty)}`
        : "";
    const extra =
      error.keyword === "additionalProperties"
        ? `/${String((error.params as { additionalProperty: string }).additionalProperty)}`
        : "";
    const pointer = `${root}${error.instancePath}${missing}${extra}`;
    const detail =
      error.keyword === "required"
        ? "is required"
        : error.keyword === "additionalProperties"
          ? "is not allowed"
          : error.keyword === "enum"
            ? `must be one of ${JSON.stringify((error.params as { allowedValues: unknown[] }).allowedValues)}`
            : (error.message ?? "is invalid");
    return { pointer, detail };
  });
}
