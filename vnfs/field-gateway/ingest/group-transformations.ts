import {
  CompiledExpression,
  EXPRESSION_LIMITS,
  ExpressionError,
  type Value,
} from "../../runtime-kit/expressions/transformation.js";
import { parse, type Node } from "../../runtime-kit/expressions/parser.js";
import type { Measurement } from "../../runtime-kit/primitives/request-primitive.js";
import type { DeviceGroupRecord } from "../registry/device-records.js";
import { IngestError } from "./ingest-errors.js";

/**
 * Measurement transformations of a device group (FIWARE IoT Agent `expression` on config group
 * attributes, iot-platforms.md §1.1; language in docs/design/expressions.md). Per timestamp of the
 * message, each declared attribute with an `expression` is computed from the values of that
 * timestamp (plus `device` and `group`, the ids):
 * - a result replaces or adds the attribute; an absent result (the expression read a value that is
 *   not there) means the attribute is not forwarded;
 * - incoming attributes an expression reads that the group does not declare are inputs only and
 *   are not forwarded (`power_w` in `power: power_w / 1000`); others pass unchanged;
 * - an expression that fails at run time (type error, step limit) refuses the message (400),
 *   naming the attribute, never silently dropping it.
 * Expressions were checked when the group was written; they are compiled once here and cached.
 */
const compiled = new Map<string, { expression: CompiledExpression; reads: Set<string> }>();
const MAX_CACHED = 10_000;

export function applyTransformations(
  measurements: Measurement[],
  group: DeviceGroupRecord,
  deviceId: string,
): Measurement[] {
  const rules = group.attributes.filter((attribute) => attribute.expression !== undefined);
  if (rules.length === 0) return measurements;
  const programs = rules.map((rule) => ({ name: rule.name, ...compile(rule.expression!) }));
  const declared = new Set(group.attributes.map((attribute) => attribute.name));
  const inputsOnly = new Set(
    [...programs.flatMap((program) => [...program.reads])].filter((name) => !declared.has(name)),
  );
  const computed = new Set(programs.map((program) => program.name));
  const output: Measurement[] = [];
  const problems: string[] = [];
  for (const [timestamp, batch] of byTimestamp(measurements)) {
    const context: Record<string, Value> = { device: deviceId, group: group.groupId };
    for (const measurement of batch) context[measurement.attribute] = measurement.value;
    for (const measurement of batch) {
      if (!computed.has(measurement.attribute) && !inputsOnly.has(measurement.attribute))
        output.push(measurement);
    }
    for (const program of programs) {
      try {
        const value = program.expression.evaluate(context);
        if (value !== undefined) output.push({ attribute: program.name, value, timestamp });
      } catch (error) {
        if (!(error instanceof ExpressionError)) throw error;
        problems.push(`attribute "${program.name}": transformation failed: ${error.message}`);
      }
    }
  }
  if (output.length === 0)
    problems.push("/: no measurement is left after the device group's transformations");
  if (problems.length > 0) throw new IngestError("INVALID_PAYLOAD", problems);
  return output;
}

function compile(source: string): { expression: CompiledExpression; reads: Set<string> } {
  let entry = compiled.get(source);
  if (!entry) {
    entry = {
      expression: CompiledExpression.compile(source),
      reads: expressionReferences(parse(source, EXPRESSION_LIMITS)).variables,
    };
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value as string);
    compiled.set(source, entry);
  }
  return entry;
}

/** Names an expression reads (`a` in `a.b`, not `b`) and functions it calls; shared with the device-manager's write-time check. */
export function expressionReferences(
  node: Node,
  found: { variables: Set<string>; calls: Set<string> } = { variables: new Set(), calls: new Set() },
): { variables: Set<string>; calls: Set<string> } {
  const children: Node[] =
    node.type === "member"
      ? [node.object]
      : node.type === "call"
        ? node.args
        : node.type === "unary"
          ? [node.operand]
          : node.type === "binary"
            ? [node.left, node.right]
            : node.type === "conditional"
              ? [node.test, node.then, node.otherwise]
              : [];
  if (node.type === "variable") found.variables.add(node.name);
  if (node.type === "call") found.calls.add(node.name);
  for (const child of children) expressionReferences(child, found);
  return found;
}

function byTimestamp(measurements: Measurement[]): Map<string, Measurement[]> {
  const groups = new Map<string, Measurement[]>();
  for (const measurement of measurements) {
    const batch = groups.get(measurement.timestamp);
    if (batch) batch.push(measurement);
    else groups.set(measurement.timestamp, [measurement]);
  }
  return groups;
}
