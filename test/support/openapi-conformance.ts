import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import yaml from "js-yaml";

/**
 * Generic conformance checking of HTTP responses and notifications against an OpenAPI document:
 * (path template, method, status) -> the response schema -> ajv. Used with the OFFICIAL SOL003
 * bundles in ../shared/reference (OpenAPI 3.0.2) and with our own api-specs/*.yaml (3.1).
 *
 * The official bundles have defects a conforming server cannot satisfy (reference/etsi-nfv/
 * SOURCES.md "Known defects"). They are corrected by the caller through explicit, named
 * `Oddity` entries, plus one generic rule: a oneOf/anyOf made only of `required` branches that
 * name attributes the object does not declare is dropped (defect 1).
 */
type Json = Record<string, unknown>;
const addFormats = addFormatsModule as unknown as (ajv: Ajv | Ajv2020) => void;

export interface Oddity {
  /** Path template as written in the document, e.g. "/alarms". */
  path: string;
  method: string;
  status: string;
  /** Why the official schema cannot be used as is (quoted in failures). */
  why: string;
  fix(schema: Json): Json;
}

export class ConformanceValidator {
  private readonly ajv: Ajv | Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp }[];

  constructor(
    readonly document: Json,
    private readonly oddities: Oddity[] = [],
  ) {
    const is31 = String(document.openapi ?? "").startsWith("3.1");
    const options = { strict: false, allErrors: true, validateFormats: true } as const;
    this.ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    this.ajv.addFormat("url", /^\S+$/);
    this.templates = Object.keys((document.paths ?? {}) as Json).map((template) => ({
      template,
      pattern: new RegExp(
        `^${template.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`,
      ),
    }));
  }

  static fromFile(file: string, oddities: Oddity[] = []): ConformanceValidator {
    const text = readFileSync(file, "utf8");
    const document = (file.endsWith(".json") ? JSON.parse(text) : yaml.load(text)) as Json;
    return new ConformanceValidator(document, oddities);
  }

  /** The path template a concrete request path (relative to the API base) belongs to. */
  templateOf(concretePath: string): string | undefined {
    const path = concretePath.split("?")[0]!;
    const exact = this.templates.find((entry) => entry.template === path);
    if (exact) return exact.template;
    return this.templates
      .filter((entry) => entry.pattern.test(path))
      .sort((a, b) => literalLength(b.template) - literalLength(a.template))[0]?.template;
  }

  /** Errors of `body` against the response (path, method, status); [] when it conforms. */
  checkResponse(concretePath: string, method: string, status: number, body: unknown): string[] {
    const template = this.templateOf(concretePath);
    if (!template) return [`no path in the document matches ${concretePath}`];
    const lower = method.toLowerCase();
    const operation = ((this.document.paths as Json)[template] as Json | undefined)?.[lower] as
      Json | undefined;
    if (!operation) return [`${method.toUpperCase()} ${template} is not in the document`];
    const response = this.deref((operation.responses as Json)[String(status)]) as Json | undefined;
    if (!response) return [`status ${status} is not declared for ${method.toUpperCase()} ${template}`];
    const content = response.content as Record<string, { schema?: Json }> | undefined;
    if (!content)
      return body === undefined || body === ""
        ? []
        : [`${method.toUpperCase()} ${template} ${status} declares no body`];
    const media =
      content["application/json"] ?? content["application/problem+json"] ?? Object.values(content)[0];
    if (!media?.schema) return [];
    const key = `${template} ${lower} ${status}`;
    return this.run(key, () => this.applyOddities(template, lower, String(status), media.schema!), body);
  }

  /** Errors of `body` against a named component schema (our own documents' notifications). */
  checkSchema(name: string, body: unknown): string[] {
    const schema = ((this.document.components as Json | undefined)?.schemas as Json | undefined)?.[name];
    if (!schema) return [`no component schema named ${name}`];
    return this.run(`#${name}`, () => ({ $ref: `#/components/schemas/${name}` }), body);
  }

  private run(key: string, schemaOf: () => Json, body: unknown): string[] {
    let validate = this.cache.get(key);
    if (!validate) {
      const resolved = inline(schemaOf(), this.document);
      validate = this.ajv.compile(dropUndeclaredRequiredGroups(resolved));
      this.cache.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || "/"} ${error.message ?? "invalid"} ${JSON.stringify(error.params)}`,
    );
  }

  private applyOddities(path: string, method: string, status: string, schema: Json): Json {
    let current = inline(schema, this.document);
    for (const oddity of this.oddities) {
      if (oddity.path === path && oddity.method === method && oddity.status === status)
        current = oddity.fix(structuredClone(current));
    }
    return current;
  }

  private deref(value: unknown): unknown {
    return inline(value as Json, this.document);
  }
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, "").length;
}

/** Replaces internal `$ref`s by their targets (the bundles are acyclic for the schemas used). */
function inline(value: unknown, root: Json, depth = 0): Json {
  if (depth > 64) throw new Error("schema nesting too deep (cyclic $ref?)");
  if (Array.isArray(value)) return value.map((item) => inline(item, root, depth + 1)) as unknown as Json;
  if (!value || typeof value !== "object") return value as Json;
  const object = value as Json;
  if (typeof object.$ref === "string" && object.$ref.startsWith("#/")) {
    const target = object.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        root,
      );
    if (target === undefined) throw new Error(`unresolvable $ref ${object.$ref}`);
    return inline(target, root, depth + 1);
  }
  return Object.fromEntries(
    Object.entries(object).map(([key, child]) => [key, inline(child, root, depth + 1)]),
  );
}

/** SOURCES.md defect 1: oneOf/anyOf of bare `required` branches naming undeclared attributes. */
export function dropUndeclaredRequiredGroups(schema: Json): Json {
  if (Array.isArray(schema))
    return schema.map((item) => dropUndeclaredRequiredGroups(item as Json)) as unknown as Json;
  if (!schema || typeof schema !== "object") return schema;
  const declared = new Set(Object.keys((schema.properties as Json | undefined) ?? {}));
  const result: Json = {};
  for (const [key, value] of Object.entries(schema)) {
    if (
      (key === "oneOf" || key === "anyOf") &&
      Array.isArray(value) &&
      onlyRequired(value) &&
      namesUndeclared(value, declared)
    )
      continue;
    result[key] = dropUndeclaredRequiredGroups(value as Json);
  }
  return result;
}

function onlyRequired(branches: unknown[]): boolean {
  return branches.every((branch) => {
    const entries = Object.entries(branch as Json);
    return entries.every(
      ([key, value]) =>
        key === "required" ||
        ((key === "oneOf" || key === "anyOf") && Array.isArray(value) && onlyRequired(value)),
    );
  });
}

function namesUndeclared(branches: unknown[], declared: Set<string>): boolean {
  return branches.some((branch) =>
    Object.entries(branch as Json).some(([key, value]) =>
      key === "required"
        ? (value as string[]).some((name) => !declared.has(name))
        : Array.isArray(value) && namesUndeclared(value, declared),
    ),
  );
}

/** Oddity helpers: the common corrections. */
export const fixes = {
  /** A collection declared as one item although the text says "array of". */
  asArray: (schema: Json): Json => ({ type: "array", items: schema }),
  /** An item declared as an array although the resource is a single object. */
  asItem: (schema: Json): Json => (schema.type === "array" ? (schema.items as Json) : schema),
  /** Replaces the schema at a dotted property path (e.g. "properties.reports"). */
  at(path: string, replace: (node: Json) => Json) {
    return (schema: Json): Json => {
      const parts = path.split(".");
      const parent = parts.slice(0, -1).reduce<Json>((node, part) => node[part] as Json, schema);
      parent[parts.at(-1)!] = replace(parent[parts.at(-1)!] as Json);
      return schema;
    };
  },
};
