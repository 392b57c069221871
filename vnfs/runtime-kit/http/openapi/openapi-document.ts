import { readFile } from "node:fs/promises";
import yaml from "js-yaml";

/**
 * The parts of an OpenAPI 3.0 / 3.1 document the validator reads (OpenAPI 3.1.0 §4.8). Schemas
 * stay plain JSON: they are handed to ajv as they are.
 */
export type JsonSchema = Record<string, unknown> | boolean;

export interface ParameterObject {
  name: string;
  in: "path" | "query" | "header" | "cookie";
  required?: boolean;
  schema?: JsonSchema;
  style?: string;
  explode?: boolean;
}

export interface MediaTypeObject {
  schema?: JsonSchema;
}

export interface RequestBodyObject {
  required?: boolean;
  content: Record<string, MediaTypeObject>;
}

export interface ResponseObject {
  description?: string;
  content?: Record<string, MediaTypeObject>;
}

export interface OperationObject {
  operationId?: string;
  parameters?: (ParameterObject | RefObject)[];
  requestBody?: RequestBodyObject | RefObject;
  responses?: Record<string, ResponseObject | RefObject>;
}

export type PathItemObject = Partial<Record<HttpMethod, OperationObject>> & {
  parameters?: (ParameterObject | RefObject)[];
};

export interface RefObject {
  $ref: string;
}

export interface OpenApiDocument {
  openapi: string;
  info: { title: string; version: string };
  paths?: Record<string, PathItemObject>;
  components?: Record<string, Record<string, unknown>>;
}

export const HTTP_METHODS = ["get", "put", "post", "delete", "options", "head", "patch", "trace"] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export class OpenApiDocumentError extends Error {
  constructor(
    readonly source: string,
    message: string,
  ) {
    super(`${source}: ${message}`);
    this.name = "OpenApiDocumentError";
  }
}

/** Reads a YAML or JSON OpenAPI document and checks the version it declares. */
export async function loadOpenApiDocument(file: string): Promise<OpenApiDocument> {
  const text = await readFile(file, "utf8");
  let parsed: unknown;
  try {
    parsed = yaml.load(text, { filename: file, schema: yaml.CORE_SCHEMA });
  } catch (error) {
    throw new OpenApiDocumentError(file, error instanceof Error ? error.message : String(error));
  }
  return checkDocument(parsed, file);
}

export function checkDocument(parsed: unknown, source: string): OpenApiDocument {
  if (parsed === null || typeof parsed !== "object")
    throw new OpenApiDocumentError(source, "is not an object");
  const version = (parsed as { openapi?: unknown }).openapi;
  if (typeof version !== "string" || !/^3\.[01]\.\d+$/.test(version)) {
    throw new OpenApiDocumentError(source, `openapi must be 3.0.x or 3.1.x (got ${JSON.stringify(version)})`);
  }
  return parsed as OpenApiDocument;
}

export function isRef(value: unknown): value is RefObject {
  return value !== null && typeof value === "object" && typeof (value as RefObject).$ref === "string";
}

/**
 * Follows local `$ref`s of parameter, request body and response objects (`#/components/...`);
 * schema `$ref`s are left to ajv. Remote references are refused: bundle the document first.
 */
export function resolveRef<T>(document: OpenApiDocument, value: T | RefObject, source: string): T {
  let current: unknown = value;
  for (let hops = 0; isRef(current); hops += 1) {
    const ref = current.$ref;
    if (!ref.startsWith("#/") || hops > 20) {
      throw new OpenApiDocumentError(
        source,
        `cannot resolve $ref ${JSON.stringify(ref)} (only local references are supported)`,
      );
    }
    current = ref
      .slice(2)
      .split("/")
      .map((segment) => segment.replace(/~1/g, "/").replace(/~0/g, "~"))
      .reduce<unknown>((node, key) => (node as Record<string, unknown> | undefined)?.[key], document);
    if (current === undefined) throw new OpenApiDocumentError(source, `$ref ${ref} points to nothing`);
  }
  return current as T;
}
