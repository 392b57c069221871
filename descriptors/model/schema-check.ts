import { Ajv, type ErrorObject, type ValidateFunction } from "ajv";
import { schemaFor, type RootSchemaName } from "./model-schema.js";
import { modelErrorCodes, pointerOf, segmentsOf, type ModelIssue } from "./model-errors.js";
import type { YamlSource } from "./yaml-source.js";

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const compiled = new Map<RootSchemaName, ValidateFunction>();

function validatorFor(root: RootSchemaName): ValidateFunction {
  let validate = compiled.get(root);
  if (!validate) {
    validate = ajv.compile(schemaFor(root));
    compiled.set(root, validate);
  }
  return validate;
}

function describe(error: ErrorObject): { pointer: string; message: string; hint?: string } {
  const base = error.instancePath;
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case "additionalProperties":
      return {
        pointer: `${base}${pointerOf([String(params.additionalProperty)])}`,
        message: `unknown field "${String(params.additionalProperty)}"`,
        hint: "remove it or check its spelling against descriptors/model/model-schema.ts",
      };
    case "required":
      return { pointer: base, message: `missing required field "${String(params.missingProperty)}"` };
    case "enum":
      return {
        pointer: base,
        message: "value is not allowed",
        hint: `use one of ${(params.allowedValues as unknown[]).map((value) => JSON.stringify(value)).join(", ")}`,
      };
    case "propertyNames":
      return {
        pointer: `${base}${pointerOf([String(params.propertyName)])}`,
        message: `invalid key "${String(params.propertyName)}"`,
      };
    default:
      return { pointer: base, message: error.message ?? error.keyword };
  }
}

/** Validates a parsed document against one root schema; every violation becomes an issue. */
export function checkSchema(source: YamlSource, root: RootSchemaName): ModelIssue[] {
  const validate = validatorFor(root);
  if (validate(source.data)) return [];
  const issues: ModelIssue[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    if (error.keyword === "if") continue;
    const { pointer, message, hint } = describe(error);
    const key = `${pointer}|${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    issues.push({
      code: modelErrorCodes.SCHEMA,
      file: source.file,
      line: source.lineOf(pointer),
      pointer: pointerOf(segmentsOf(pointer)),
      message,
      ...(hint ? { hint } : {}),
    });
  }
  return issues;
}
