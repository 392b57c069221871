import type { MeasurementValue } from "../../runtime-kit/primitives/request-primitive.js";
import type { Criterion } from "../subscriptions/subscription-records.js";

/**
 * Whether one measurement satisfies a criterion. Comparisons need the same type on both sides
 * (a string never compares greater than a number); `changed` compares with the previous value
 * seen for the same subscription, device and attribute, which the caller keeps.
 */
export function satisfies(
  criterion: Criterion,
  value: MeasurementValue,
  previous: MeasurementValue | undefined,
): boolean {
  if (criterion.operator === "changed") return previous === undefined || previous !== value;
  const expected = criterion.value;
  if (expected === undefined || value === null || typeof value !== typeof expected) {
    return criterion.operator === "ne" && value !== expected;
  }
  switch (criterion.operator) {
    case "eq":
      return value === expected;
    case "ne":
      return value !== expected;
    case "gt":
      return value > expected;
    case "gte":
      return value >= expected;
    case "lt":
      return value < expected;
    case "lte":
      return value <= expected;
  }
}
