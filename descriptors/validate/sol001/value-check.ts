import type { FindingSink } from "../findings/report.js";
import { locate, writtenAsInteger, type LoadedDocument } from "../yaml/load-document.js";
import { failedConstraint } from "./constraints.js";
import { isScalarUnitType, scalarValue, unitList } from "./scalar-units.js";
import { primitiveTypes, type Definition, type TypeRegistry } from "./type-registry.js";

export interface CheckContext {
  registry: TypeRegistry;
  sink: FindingSink;
  document: LoadedDocument;
  inputs: Set<string>;
}

type Path = (string | number)[];

/** TOSCA 4 intrinsic functions: their value is only known at deployment time. */
const functions = new Set([
  "get_input",
  "get_property",
  "get_attribute",
  "get_operation_output",
  "concat",
  "join",
  "token",
  "get_artifact",
  "get_nodes_of_type",
]);

function functionName(value: unknown): string | undefined {
  if (!value || typeof value !== "object" || Array.isArray(value)) return undefined;
  const keys = Object.keys(value);
  return keys.length === 1 && functions.has(keys[0] as string) ? keys[0] : undefined;
}

function isFunction(context: CheckContext, value: unknown, path: Path): boolean {
  const name = functionName(value);
  if (!name) return false;
  if (name === "get_input") {
    const argument = (value as Record<string, unknown>).get_input;
    const input = Array.isArray(argument) ? argument[0] : argument;
    if (typeof input === "string" && !context.inputs.has(input)) {
      context.sink.add(
        "IVF-TOSCA-010",
        locate(context.document, path),
        `get_input "${input}" is not declared in topology_template.inputs`,
        `declare input "${input}" or use a literal value`,
      );
    }
  }
  return true;
}

function report(context: CheckContext, path: Path, label: string, problem: string, hint: string): void {
  context.sink.add("IVF-TOSCA-007", locate(context.document, path), `${label} ${problem}`, hint);
}

function primitiveProblem(type: string, value: unknown): string | undefined {
  const base = type.replace(/^tosca:/, "");
  switch (base) {
    case "string":
      return typeof value === "string" ? undefined : `must be a string, got ${describe(value)}`;
    case "integer":
      return Number.isInteger(value) ? undefined : `must be an integer, got ${describe(value)}`;
    case "float":
      return typeof value === "number" ? undefined : `must be a number, got ${describe(value)}`;
    case "boolean":
      return typeof value === "boolean" ? undefined : `must be true or false, got ${describe(value)}`;
    case "timestamp":
      return typeof value === "string" && !Number.isNaN(Date.parse(value))
        ? undefined
        : `must be a YAML timestamp, got ${describe(value)}`;
    case "version":
      return (typeof value === "string" || typeof value === "number") &&
        /^\d+\.\d+(\.\d+)?(\.[A-Za-z0-9]+)?(-\d+)?$/.test(String(value))
        ? undefined
        : `must be a TOSCA version (major.minor[.fix[.qualifier[-build]]]), got ${describe(value)}`;
    case "range":
      return Array.isArray(value) &&
        value.length === 2 &&
        value.every((item) => Number.isInteger(item) || item === "UNBOUNDED")
        ? undefined
        : `must be a range [min, max], got ${describe(value)}`;
    case "null":
      return value === null ? undefined : `must be null`;
    default:
      if (isScalarUnitType(base))
        return scalarValue(base, value) !== undefined
          ? undefined
          : `must be a ${base} like "4 GB" (units: ${unitList(base)}), got ${describe(value)}`;
      return undefined;
  }
}

export function describe(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a map";
  return `${typeof value} ${JSON.stringify(value)}`;
}

/** Checks a value against a TOSCA property/parameter definition ({type, entry_schema, constraints}). */
export function checkValue(
  context: CheckContext,
  value: unknown,
  schema: Definition,
  path: Path,
  label: string,
  depth = 0,
): void {
  if (value === undefined || isFunction(context, value, path) || depth > 32) return;
  const type = typeof schema.type === "string" ? schema.type : "string";
  if (primitiveTypes.has(type)) {
    checkPrimitive(context, value, type, schema, path, label, depth);
  } else if (!context.registry.get("data", type)) {
    return; // the undefined type itself is reported where it is declared
  } else {
    checkDataType(context, value, type, path, label, depth);
  }
  checkConstraints(context, value, type, schema.constraints, path, label);
}

function checkPrimitive(
  context: CheckContext,
  value: unknown,
  type: string,
  schema: Definition,
  path: Path,
  label: string,
  depth: number,
): void {
  const entrySchema = normaliseSchema(schema.entry_schema);
  if (type === "list" || type === "tosca:list") {
    if (!Array.isArray(value))
      return report(
        context,
        path,
        label,
        `must be a list, got ${describe(value)}`,
        "write the value as a YAML sequence",
      );
    if (entrySchema)
      value.forEach((item, index) =>
        checkValue(context, item, entrySchema, [...path, index], `${label}[${index}]`, depth + 1),
      );
    return;
  }
  if (type === "map" || type === "tosca:map") {
    if (!value || typeof value !== "object" || Array.isArray(value))
      return report(
        context,
        path,
        label,
        `must be a map, got ${describe(value)}`,
        "write the value as a YAML mapping",
      );
    if (entrySchema)
      for (const [key, item] of Object.entries(value))
        checkValue(context, item, entrySchema, [...path, key], `${label}.${key}`, depth + 1);
    return;
  }
  if (
    type.replace(/^tosca:/, "") === "float" &&
    Number.isInteger(value) &&
    writtenAsInteger(context.document, path)
  ) {
    return report(
      context,
      path,
      label,
      `must be a float, got the integer literal ${String(value)} (tosca-parser, Tacker v1's loader, rejects it)`,
      `write ${String(value)}.0`,
    );
  }
  const problem = primitiveProblem(type, value);
  if (problem) report(context, path, label, problem, `see the property definition (type ${type})`);
}

export function normaliseSchema(schema: unknown): Definition | undefined {
  if (typeof schema === "string") return { type: schema };
  return schema && typeof schema === "object" ? (schema as Definition) : undefined;
}

/** A data type derived from a primitive (e.g. string with constraints) or a complex data type. */
function checkDataType(
  context: CheckContext,
  value: unknown,
  type: string,
  path: Path,
  label: string,
  depth: number,
): void {
  const chain = context.registry.chain("data", type);
  const root = chain[chain.length - 1];
  const primitiveBase = root?.definition.derived_from;
  if (typeof primitiveBase === "string" && primitiveTypes.has(primitiveBase)) {
    checkPrimitive(context, value, primitiveBase, root?.definition ?? {}, path, label, depth);
    for (const entry of chain)
      checkConstraints(context, value, primitiveBase, entry.definition.constraints, path, label);
    return;
  }
  if (!value || typeof value !== "object" || Array.isArray(value)) {
    return report(
      context,
      path,
      label,
      `must be a map of type ${type}, got ${describe(value)}`,
      `write the fields of ${type}`,
    );
  }
  const definitions = context.registry.merged("data", type, "properties");
  checkProperties(
    context,
    value as Record<string, unknown>,
    definitions,
    path,
    `${label} (${type})`,
    depth + 1,
  );
}

/** Required/unknown/typed properties of a map against merged property definitions. */
export function checkProperties(
  context: CheckContext,
  values: Record<string, unknown>,
  definitions: Map<string, Definition>,
  path: Path,
  label: string,
  depth = 0,
): void {
  for (const [name, definition] of definitions) {
    const required = definition.required !== false;
    if (
      required &&
      values[name] === undefined &&
      definition.default === undefined &&
      definition.status !== "deprecated"
    ) {
      context.sink.add(
        "IVF-TOSCA-005",
        locate(context.document, path),
        `${label} lacks required property "${name}"`,
        `add "${name}" (type ${String(definition.type ?? "string")})`,
      );
    }
  }
  for (const [name, value] of Object.entries(values)) {
    const definition = definitions.get(name);
    if (!definition) {
      const known = [...definitions.keys()].join(", ") || "none";
      context.sink.add(
        "IVF-TOSCA-006",
        locate(context.document, [...path, name]),
        `${label} has no property "${name}"`,
        `defined properties: ${known}`,
      );
      continue;
    }
    checkValue(context, value, definition, [...path, name], `${label}.${name}`, depth);
  }
}

function checkConstraints(
  context: CheckContext,
  value: unknown,
  type: string,
  constraints: unknown,
  path: Path,
  label: string,
): void {
  if (!Array.isArray(constraints) || functionName(value)) return;
  for (const clause of constraints) {
    if (!clause || typeof clause !== "object") continue;
    const failure = failedConstraint(type, value, clause as Record<string, unknown>);
    if (failure)
      report(
        context,
        path,
        label,
        `${failure} (value ${JSON.stringify(value)})`,
        "change the value to satisfy the type's constraints",
      );
  }
}
