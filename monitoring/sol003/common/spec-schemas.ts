import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormatsModule from "ajv-formats";
import yaml from "js-yaml";
import { apiError } from "./api-error.js";

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

/**
 * Request bodies are validated against the component schemas of our own OpenAPI documents
 * (api-specs/*.yaml), the same files the TypeScript types are generated from (STYLE.md §5).
 */
export class SpecSchemas {
  private readonly ajv = new Ajv2020({ strict: false, allErrors: true });
  private readonly validators = new Map<string, ValidateFunction>();

  constructor(private readonly specName: string) {
    addFormats(this.ajv);
    const document = yaml.load(readFileSync(specFile(specName), "utf8")) as Record<string, unknown>;
    this.ajv.addSchema(
      { $id: `urn:ivf:${specName}`, components: document.components },
      `urn:ivf:${specName}`,
    );
  }

  /** Throws a 400 ProblemDetails listing every violation with its JSON pointer. */
  check<T>(schemaName: string, body: unknown, what = "request body"): T {
    let validate = this.validators.get(schemaName);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `urn:ivf:${this.specName}#/components/schemas/${schemaName}` });
      this.validators.set(schemaName, validate);
    }
    if (validate(body)) return body as T;
    const problems = (validate.errors ?? [])
      .slice(0, 20)
      .map((error) => `${error.instancePath || "/"}: ${error.message ?? "invalid"}`);
    throw apiError("INVALID_BODY", `${what} is not a valid ${schemaName}: ${problems.join("; ")}`, {
      violations: problems,
    });
  }
}

/** Finds api-specs/<name>.yaml above this module (works from source and from dist/). */
function specFile(name: string): string {
  for (let dir = dirname(fileURLToPath(import.meta.url)); ; dir = dirname(dir)) {
    const candidate = join(dir, "api-specs", `${name}.yaml`);
    if (existsSync(candidate)) return candidate;
    if (dirname(dir) === dir)
      throw new Error(`api-specs/${name}.yaml not found above ${fileURLToPath(import.meta.url)}`);
  }
}
