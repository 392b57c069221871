import { readFileSync } from "node:fs";
import { Ajv, type ValidateFunction } from "ajv";
import { Ajv2020 } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import yaml from "js-yaml";

/**
 * Generic conformance checking of HTTP exchanges and notifications against an API document:
 * (path template, method, status) -> declared headers and response schema -> ajv. One validator
 * for every document the tests use: the OFFICIAL SOL003 bundles in ../shared/reference (OpenAPI
 * 3.0 for v3.3.1, Swagger 2.0 for ONAP's v2.4.1) and our own api-specs/*.yaml (OpenAPI 3.1).
 *
 * The official bundles have defects a conforming server cannot satisfy (reference/etsi-nfv/
 * SOURCES.md "Known defects"). Each is corrected by the caller through an explicit, named
 * `Oddity` (never by picking fields), plus two generic rules on `oneOf`/`anyOf` groups made only
 * of `required` branches: dropped when they name attributes the object does not declare
 * (defect 1), read as "not more than one of them" when they name declared ones (defect 3).
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
  /** The corrected schema; undefined when the response has no body after all. */
  fix(schema: Json): Json | undefined;
}

/** One HTTP response as a test saw it; `path` is relative to the API base (e.g. /vnf_instances/x). */
export interface Exchange {
  method: string;
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
}

export class ConformanceValidator {
  private readonly ajv: Ajv | Ajv2020;
  private readonly cache = new Map<string, ValidateFunction>();
  private readonly templates: { template: string; pattern: RegExp }[];
  /** Swagger 2.0: bodies under `schema`, mandatory headers marked `minimum: 1`. */
  readonly swagger: boolean;

  constructor(
    readonly document: Json,
    private readonly oddities: Oddity[] = [],
  ) {
    this.swagger = document.swagger === "2.0";
    const is31 = String(document.openapi ?? "").startsWith("3.1");
    const options = { strict: false, allErrors: true, validateFormats: true } as const;
    this.ajv = is31 ? new Ajv2020(options) : new Ajv(options);
    addFormats(this.ajv);
    // Non-standard formats of the ETSI/ONAP files: "url" is an absolute URI (ajv-formats' own
    // "url" rejects IP-literal hosts); "MAC", "IP", "URI" and "version" are descriptive only.
    this.ajv.addFormat("url", (value: string) => URL.canParse(value));
    for (const name of ["MAC", "IP", "URI", "version"])
      if (!this.ajv.formats[name]) this.ajv.addFormat(name, true);
    this.templates = Object.keys((document.paths ?? {}) as Json).map((template) => ({
      template,
      pattern: new RegExp(
        `^${template
          .replace(/[.*+?^$()|[\]\\]/g, "\\$&")
          .replace("{artifactPath}", "\u0000") // a package path may contain "/" (SOL003 10.4.7)
          .replace(/\{[^}]+\}/g, "[^/]+")
          .replace("\u0000", ".+")}$`,
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
    const operation = this.operation(template, lower);
    if (!operation) return [`${method.toUpperCase()} ${template} is not in the document`];
    const response = this.deref((operation.responses as Json)[String(status)]) as Json | undefined;
    if (!response) return [`status ${status} is not declared for ${method.toUpperCase()} ${template}`];
    const schema = this.bodySchema(response);
    if (!schema) {
      const declaresBody = this.swagger ? false : response.content !== undefined;
      return body === undefined || body === "" || declaresBody
        ? []
        : [`${method.toUpperCase()} ${template} ${status} declares no body`];
    }
    const fixed = this.applyOddities(template, lower, String(status), schema);
    return fixed ? this.run(`${template} ${lower} ${status}`, () => fixed, body) : [];
  }

  /**
   * A whole exchange, as a conformance suite sees it: the path and method must be in the document
   * (a method that is not must have been answered 405 with a ProblemDetails), the status declared,
   * the mandatory headers present (Location, Version, and those marked required) and the body
   * valid (none expected on 204). Messages start with "METHOD path -> status".
   */
  checkExchange(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
    const template = this.templateOf(exchange.path);
    if (!template) return [`${where}: path not in the document`];
    const lower = exchange.method.toLowerCase();
    const operation = this.operation(template, lower);
    let response: Json | undefined;
    let schema: Json | undefined;
    if (!operation) {
      if (exchange.status !== 405) return [`${where}: method not in the document, so 405 was expected`];
      schema = this.problemSchema();
    } else {
      response = this.deref((operation.responses as Json)[String(exchange.status)]) as Json | undefined;
      if (!response)
        return [`${where}: status ${exchange.status} is not declared for ${exchange.method} ${template}`];
      schema = this.bodySchema(response);
    }
    if (schema) schema = this.applyOddities(template, lower, String(exchange.status), schema);
    const violations = this.checkHeaders(where, response, exchange.headers);
    if (schema && exchange.status !== 204) {
      const key = `${template} ${lower} ${exchange.status}`;
      violations.push(
        ...this.run(key, () => schema!, exchange.body).map((error) => `${where}: body${error}`),
      );
    }
    return violations;
  }

  /** Errors of `body` against a named component schema (our own documents' notifications). */
  checkSchema(name: string, body: unknown): string[] {
    const schema = ((this.document.components as Json | undefined)?.schemas as Json | undefined)?.[name];
    if (!schema) return [`no component schema named ${name}`];
    return this.run(`#${name}`, () => ({ $ref: `#/components/schemas/${name}` }), body);
  }

  /** Errors of `body` against a schema built by the caller from this document's parts (refs allowed). */
  checkAgainst(key: string, schema: Json, body: unknown): string[] {
    return this.run(`custom ${key}`, () => schema, body);
  }

  /** A fragment of the document with its refs resolved (e.g. ["definitions", "VnfInstance"]). */
  fragment(path: string[]): Json {
    return inline(
      path.reduce<unknown>((node, key) => (node as Json)[key], this.document),
      this.document,
    );
  }

  private operation(template: string, method: string): Json | undefined {
    return ((this.document.paths as Json)[template] as Json | undefined)?.[method] as Json | undefined;
  }

  private bodySchema(response: Json): Json | undefined {
    if (this.swagger) return response.schema as Json | undefined;
    const content = response.content as Record<string, { schema?: Json }> | undefined;
    if (!content) return undefined;
    const media =
      content["application/json"] ?? content["application/problem+json"] ?? Object.values(content)[0];
    return media?.schema;
  }

  /** The ProblemDetails schema of the document (every error response carries the same one). */
  private problemSchema(): Json | undefined {
    for (const item of Object.values(this.document.paths as Json)) {
      for (const operation of Object.values(item as Json)) {
        const response = ((operation as Json)?.responses as Json | undefined)?.["400"];
        if (response) return this.bodySchema(this.deref(response) as Json);
      }
    }
    return undefined;
  }

  private checkHeaders(where: string, response: Json | undefined, headers: Headers): string[] {
    const declared = (response?.headers ?? {}) as Record<string, Json>;
    const problems: string[] = [];
    for (const [name, spec] of Object.entries(declared)) {
      const mandatory =
        spec.required === true ||
        (this.swagger && spec.minimum === 1) ||
        name === "Location" ||
        (!this.swagger && name === "Version");
      if (mandatory && name !== "Content-Type" && !headers.get(name))
        problems.push(`${where}: header ${name} is missing`);
    }
    return problems;
  }

  private run(key: string, schemaOf: () => Json, body: unknown): string[] {
    let validate = this.cache.get(key);
    if (!validate) {
      validate = this.ajv.compile(fixRequiredOnlyGroups(inline(schemaOf(), this.document)));
      this.cache.set(key, validate);
    }
    if (validate(body)) return [];
    return (validate.errors ?? []).map(
      (error) => `${error.instancePath || "/"} ${error.message ?? "invalid"} ${JSON.stringify(error.params)}`,
    );
  }

  private applyOddities(path: string, method: string, status: string, schema: Json): Json | undefined {
    let current: Json | undefined = inline(schema, this.document);
    for (const oddity of this.oddities) {
      if (current && oddity.path === path && oddity.method === method && oddity.status === status)
        current = oddity.fix(structuredClone(current));
    }
    return current;
  }

  private deref(value: unknown): unknown {
    return inline(value, this.document);
  }
}

function literalLength(template: string): number {
  return template.replace(/\{[^}]+\}/g, "").length;
}

/** Replaces internal `$ref`s by their targets; a ref met again inside itself becomes {} (cycles). */
function inline(value: unknown, root: Json, seen: ReadonlySet<string> = new Set()): Json {
  if (Array.isArray(value)) return value.map((item) => inline(item, root, seen)) as unknown as Json;
  if (!value || typeof value !== "object") return value as Json;
  const object = value as Json;
  if (typeof object.$ref === "string" && object.$ref.startsWith("#/")) {
    if (seen.has(object.$ref)) return {};
    const target = object.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>(
        (node, part) => (node as Json | undefined)?.[part.replace(/~1/g, "/").replace(/~0/g, "~")],
        root,
      );
    if (target === undefined) throw new Error(`unresolvable $ref ${object.$ref}`);
    return inline(target, root, new Set([...seen, object.$ref]));
  }
  return Object.fromEntries(Object.entries(object).map(([key, child]) => [key, inline(child, root, seen)]));
}

/**
 * SOURCES.md defects 1 and 3: `oneOf`/`anyOf` groups made only of `required` branches. Naming an
 * attribute the object does not declare, the group cannot be satisfied: dropped (defect 1). Flat
 * groups of several declared names mean "not more than one of them" (defect 3).
 */
export function fixRequiredOnlyGroups(schema: Json): Json {
  if (Array.isArray(schema))
    return schema.map((item) => fixRequiredOnlyGroups(item as Json)) as unknown as Json;
  if (!schema || typeof schema !== "object") return schema;
  const declared = new Set(Object.keys((schema.properties as Json | undefined) ?? {}));
  const result: Json = {};
  const exclusive: string[][] = [];
  for (const [key, value] of Object.entries(schema)) {
    if ((key === "oneOf" || key === "anyOf") && Array.isArray(value) && onlyRequired(value)) {
      if (namesUndeclared(value, declared)) continue;
      const flat = value.every((branch) => Object.keys(branch as Json).length === 1);
      const names = value.flatMap((branch) => ((branch as Json).required as string[] | undefined) ?? []);
      if (flat && names.length > 1) {
        exclusive.push(names);
        continue;
      }
    }
    result[key] = fixRequiredOnlyGroups(value as Json);
  }
  if (exclusive.length === 1) result.not = { required: exclusive[0] };
  else if (exclusive.length > 1) result.allOf = exclusive.map((names) => ({ not: { required: names } }));
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
  asArray: (schema: Json): Json => (schema.type === "array" ? schema : { type: "array", items: schema }),
  /** An item declared as an array although the resource is a single object. */
  asItem: (schema: Json): Json => (schema.type === "array" ? (schema.items as Json) : schema),
  /** The response has no body although one is declared. */
  noBody: (): undefined => undefined,
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
