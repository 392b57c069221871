import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import type { DetectionParameters } from "./parameters.js";

/** QARTOD gross range test: outside the sensor's limits fails, outside expected limits is suspect. */
export function rangeTest(sample: Sample, parameters: DetectionParameters): TestResult | undefined {
  const range = parameters.range;
  if (!range) return undefined;
  const below = (limit: number | undefined) => limit !== undefined && sample.v < limit;
  const above = (limit: number | undefined) => limit !== undefined && sample.v > limit;
  const flag =
    below(range.failMin) || above(range.failMax)
      ? QartodFlag.fail
      : below(range.suspectMin) || above(range.suspectMax)
        ? QartodFlag.suspect
        : QartodFlag.pass;
  return { kind: "range", flag, sample, detail: { value: sample.v } };
}
