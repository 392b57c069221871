/**
 * Request validation and attribute knowledge from our own OpenAPI documents in api-specs/
 * (STYLE.md §5: one source of truth). Bodies are checked with Ajv against the named component
 * schemas; filters and selectors ask the same schemas whether an attribute path exists.
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import yaml from "js-yaml";
import { vnfmError } from "../errors.js";

type Schema = Record<string, unknown>;

function specDirectory(): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); dirname(dir) !== dir; dir = dirname(dir)) {
    if (existsSync(join(dir, "api-specs", "vnflcm-v2.yaml"))) return join(dir, "api-specs");
  }
  throw new Error(
    "api-specs/vnflcm-v2.yaml not found above the VNFM adapter; the OpenAPI documents ship with the product",
  );
}

export class SpecSchemas {
  private readonly ajv = new Ajv({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();
  private readonly schemas: Record<string, Schema>;

  constructor(private readonly specName: string) {
    addFormats.default(this.ajv);
    const doc = yaml.load(readFileSync(join(specDirectory(), `${specName}.yaml`), "utf8")) as {
      components: { schemas: Record<string, Schema> };
    };
    this.schemas = doc.components.schemas;
    this.ajv.addSchema({ $id: specName, components: doc.components });
  }

  /** Validates `body` against component schema `name`; 400 listing every violation with its JSON pointer. */
  validate<T>(name: string, body: unknown): T {
    let validator = this.validators.get(name);
    if (!validator) {
      validator = this.ajv.getSchema(`${this.specName}#/components/schemas/${name}`);
      if (!validator) throw new Error(`schema ${name} is not in api-specs/${this.specName}.yaml`);
      this.validators.set(name, validator);
    }
    if (body === undefined || body === null || typeof body !== "object" || Array.isArray(body)) {
      throw vnfmError("INVALID_BODY", `the request body must be a JSON object (${name})`);
    }
    if (!validator(body))
      throw vnfmError("INVALID_BODY", `${name} is invalid: ${describe(validator.errors ?? [])}`, {
        violations: (validator.errors ?? []).map(violation),
      });
    return body as T;
  }

  private resolve(schema: Schema | undefined): Schema | undefined {
    let current = schema;
    for (let i = 0; current && typeof current.$ref === "string" && i < 10; i += 1)
      current = this.schemas[(current.$ref as string).split("/").pop()!];
    return current;
  }

  /** Whether an attribute path (SOL013 "/" notation) exists in schema `name`; free-form objects accept any key. */
  hasPath(name: string, path: string[]): boolean {
    let schema = this.resolve(this.schemas[name]);
    for (const segment of path) {
      while (schema?.type === "array") schema = this.resolve(schema.items as Schema);
      if (!schema) return false;
      const properties = schema.properties as Record<string, Schema> | undefined;
      if (properties?.[segment]) schema = this.resolve(properties[segment]);
      else if (schema.additionalProperties)
        schema =
          typeof schema.additionalProperties === "object"
            ? this.resolve(schema.additionalProperties as Schema)
            : {};
      else return false;
    }
    return true;
  }

  required(name: string): string[] {
    return (this.resolve(this.schemas[name])?.required as string[] | undefined) ?? [];
  }
}

const violation = (e: ErrorObject) => ({
  pointer: e.instancePath || "/",
  message: e.message ?? "invalid",
  ...(e.params ? { params: e.params } : {}),
});
const describe = (errors: ErrorObject[]) =>
  errors
    .slice(0, 5)
    .map((e) => `${e.instancePath || "/"} ${e.message}`)
    .join("; ");
