import { scalarValue, isScalarUnitType } from "./scalar-units.js";

/** Evaluates one TOSCA 3.6.3 constraint clause; returns a failure text or undefined. */
export function failedConstraint(
  type: string,
  value: unknown,
  clause: Record<string, unknown>,
): string | undefined {
  const [operator, operand] = Object.entries(clause)[0] ?? [];
  if (!operator) return undefined;
  const comparable = (input: unknown): unknown => (isScalarUnitType(type) ? scalarValue(type, input) : input);
  const left = comparable(value) as number;
  const right = comparable(operand) as number;
  const size =
    typeof value === "string" || Array.isArray(value)
      ? value.length
      : typeof value === "object" && value
        ? Object.keys(value).length
        : undefined;
  switch (operator) {
    case "equal":
      return left === right ? undefined : `must equal ${JSON.stringify(operand)}`;
    case "greater_than":
      return left > right ? undefined : `must be greater than ${JSON.stringify(operand)}`;
    case "greater_or_equal":
      return left >= right ? undefined : `must be at least ${JSON.stringify(operand)}`;
    case "less_than":
      return left < right ? undefined : `must be less than ${JSON.stringify(operand)}`;
    case "less_or_equal":
      return left <= right ? undefined : `must be at most ${JSON.stringify(operand)}`;
    case "in_range": {
      const [low, high] = Array.isArray(operand) ? operand.map(comparable) : [];
      const within =
        (low === "UNBOUNDED" || left >= (low as number)) &&
        (high === "UNBOUNDED" || left <= (high as number));
      return within ? undefined : `must be in range ${JSON.stringify(operand)}`;
    }
    case "valid_values":
      return Array.isArray(operand) && operand.some((candidate) => comparable(candidate) === left)
        ? undefined
        : `must be one of ${JSON.stringify(operand)}`;
    case "length":
      return size === operand ? undefined : `must have length ${String(operand)}`;
    case "min_length":
      return size !== undefined && size >= (operand as number)
        ? undefined
        : `must have length at least ${String(operand)}`;
    case "max_length":
      return size !== undefined && size <= (operand as number)
        ? undefined
        : `must have length at most ${String(operand)}`;
    case "pattern":
      return typeof value === "string" && safePattern(operand)?.test(value) !== false
        ? undefined
        : `must match pattern ${String(operand)}`;
    default:
      return undefined;
  }
}

function safePattern(source: unknown): RegExp | undefined {
  if (typeof source !== "string") return undefined;
  try {
    return new RegExp(`^(?:${source})$`);
  } catch {
    return undefined;
  }
}
