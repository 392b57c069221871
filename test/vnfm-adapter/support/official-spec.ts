/**
 * Generic response validator over an OFFICIAL OpenAPI document (SOL003 v3.3.1, OpenAPI 3.0)
 * or Swagger document (ONAP's SOL003 v2.4.1, Swagger 2.0): path + method + status -> declared
 * headers and body schema -> Ajv. The known defects of the bundles (reference SOURCES.md,
 * "Known defects") are corrected here explicitly, each by its number, never by field picking.
 */
import { readFileSync } from "node:fs";
import { Ajv } from "ajv";
import addFormats from "ajv-formats";

type Json = Record<string, unknown>;
type Schema = Json;

export interface Exchange {
  method: string;
  /** Path below the API base, e.g. /vnf_instances/abc. */
  path: string;
  status: number;
  headers: Headers;
  body: unknown;
}

function resolveRefs(doc: Json, node: unknown, seen = new Set<string>()): unknown {
  if (Array.isArray(node)) return node.map((n) => resolveRefs(doc, n, seen));
  if (!node || typeof node !== "object") return node;
  const obj = node as Json;
  if (typeof obj.$ref === "string" && obj.$ref.startsWith("#/")) {
    if (seen.has(obj.$ref)) return {};
    const target = obj.$ref
      .slice(2)
      .split("/")
      .reduce<unknown>((acc, key) => (acc as Json)?.[key.replaceAll("~1", "/").replaceAll("~0", "~")], doc);
    return resolveRefs(doc, target, new Set([...seen, obj.$ref]));
  }
  return Object.fromEntries(Object.entries(obj).map(([k, v]) => [k, resolveRefs(doc, v, seen)]));
}

/** Defect 1 and 3: oneOf/anyOf groups whose branches are only `required` lists. */
function fixRequiredOnlyGroups(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(fixRequiredOnlyGroups);
  if (!node || typeof node !== "object") return node;
  const obj: Json = Object.fromEntries(
    Object.entries(node as Json).map(([k, v]) => [k, fixRequiredOnlyGroups(v)]),
  );
  const declared = Object.keys((obj.properties as Json | undefined) ?? {});
  for (const key of ["oneOf", "anyOf"] as const) {
    const group = obj[key] as Json[] | undefined;
    if (
      !Array.isArray(group) ||
      !group.every((b) => Object.keys(b).length === 1 && Array.isArray(b.required))
    )
      continue;
    const names = group.flatMap((b) => b.required as string[]);
    delete obj[key];
    // Defect 1: names the object does not declare -> the group cannot be satisfied: drop it.
    // Defect 3: declared names -> the spec means "not more than one of them".
    if (names.every((n) => declared.includes(n)) && names.length > 1) obj.not = { required: names };
  }
  return obj;
}

export class OfficialSpec {
  private readonly doc: Json;
  private readonly ajv = new Ajv({ strict: false, allErrors: true, validateFormats: true });
  private readonly cache = new Map<string, ReturnType<Ajv["compile"]>>();
  readonly swagger: boolean;

  constructor(
    source: string | Json,
    /** Explicit corrections keyed "METHOD path status" (defects 2, 4, 7). */
    private readonly corrections: Record<string, (schema: Schema | undefined) => Schema | undefined> = {},
  ) {
    this.doc = typeof source === "string" ? (JSON.parse(readFileSync(source, "utf8")) as Json) : source;
    this.swagger = this.doc.swagger === "2.0";
    addFormats.default(this.ajv);
    // Non-standard formats of the ETSI/ONAP files: "url" means an absolute URI (ajv-formats' own
    // "url" rejects IP-literal hosts), "MAC" and "IP" are descriptive only.
    this.ajv.addFormat("url", (value: string) => URL.canParse(value));
    for (const name of ["MAC", "IP", "URI", "version"])
      if (!this.ajv.formats[name]) this.ajv.addFormat(name, true);
  }

  private findPath(path: string): [string, Json] | undefined {
    for (const [template, item] of Object.entries(this.doc.paths as Json)) {
      // {artifactPath} is a package path and may contain "/" (SOL003 10.4.7).
      const pattern = new RegExp(
        `^${template.replace("{artifactPath}", ".+").replace(/\{[^}]+\}/g, "[^/]+")}$`,
      );
      if (pattern.test(path)) return [template, item as Json];
    }
    return undefined;
  }

  /** A ProblemDetails schema from the document (every error response carries the same one). */
  private problemSchema(): Schema | undefined {
    for (const item of Object.values(this.doc.paths as Json)) {
      for (const op of Object.values(item as Json)) {
        const response = (op as Json)?.responses && ((op as Json).responses as Json)["400"];
        if (response) return this.bodySchema(resolveRefs(this.doc, response) as Json);
      }
    }
    return undefined;
  }

  private bodySchema(response: Json): Schema | undefined {
    if (this.swagger) return response.schema as Schema | undefined;
    const content = response.content as Record<string, { schema?: Schema }> | undefined;
    return content?.["application/json"]?.schema ?? content?.["application/problem+json"]?.schema;
  }

  /** Validates one response; returns the violations (empty when it conforms). */
  check(exchange: Exchange): string[] {
    const where = `${exchange.method} ${exchange.path} -> ${exchange.status}`;
    const found = this.findPath(exchange.path);
    if (!found) return [`${where}: path not in the official document`];
    const [template, item] = found;
    const operation = item[exchange.method.toLowerCase()] as Json | undefined;
    const key = `${exchange.method} ${template} ${exchange.status}`;
    let response: Json | undefined;
    let schema: Schema | undefined;
    if (!operation) {
      if (exchange.status !== 405)
        return [`${where}: method not in the official document, so 405 was expected`];
      schema = this.problemSchema();
    } else {
      response = resolveRefs(this.doc, (operation.responses as Json)[String(exchange.status)]) as
        Json | undefined;
      if (!response)
        return [`${where}: status ${exchange.status} is not declared for ${exchange.method} ${template}`];
      schema = this.bodySchema(response);
    }
    if (this.corrections[key]) schema = this.corrections[key](schema);
    const violations = this.checkHeaders(where, response, exchange.headers);
    if (schema && exchange.status !== 204)
      violations.push(...this.validate(key, schema, exchange.body, where));
    return violations;
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

  validate(key: string, schema: Schema, body: unknown, where: string): string[] {
    let validator = this.cache.get(key);
    if (!validator) {
      validator = this.ajv.compile(fixRequiredOnlyGroups(resolveRefs(this.doc, schema)) as Schema);
      this.cache.set(key, validator);
    }
    if (validator(body)) return [];
    return (validator.errors ?? []).map(
      (e) => `${where}: body${e.instancePath} ${e.message} ${JSON.stringify(e.params)}`,
    );
  }

  /** A schema fragment of the document, refs resolved (for notifications, defect 6). */
  fragment(path: string[]): Schema {
    return resolveRefs(
      this.doc,
      path.reduce<unknown>((acc, key) => (acc as Json)[key], this.doc),
    ) as Schema;
  }
}
