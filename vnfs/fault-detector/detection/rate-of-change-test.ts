import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import type { DetectionParameters } from "./parameters.js";
import { standardDeviation } from "./robust-statistics.js";

/**
 * QARTOD rate-of-change test: a step between consecutive samples larger than `deviations`
 * standard deviations of the prior window is suspect. With an absolute `maxPerSecond` (a
 * physical limit of the sensor) the step is judged per second of elapsed time instead.
 * QARTOD defines only a suspect outcome for this test.
 */
export function rateOfChangeTest(
  history: readonly Sample[],
  previous: Sample,
  sample: Sample,
  parameters: DetectionParameters,
): TestResult {
  const step = Math.abs(sample.v - previous.v);
  const { maxPerSecond, deviations } = parameters.rateOfChange;
  if (maxPerSecond !== undefined) {
    const seconds = Math.max((sample.t - previous.t) / 1000, 1e-3);
    const rate = step / seconds;
    const flag = rate > maxPerSecond ? QartodFlag.suspect : QartodFlag.pass;
    return { kind: "rate_of_change", flag, sample, detail: { ratePerSecond: rate, maxPerSecond } };
  }
  if (history.length < parameters.minSamples) {
    return { kind: "rate_of_change", flag: QartodFlag.notEvaluated, sample, detail: { step } };
  }
  const threshold = deviations * standardDeviation(history.map((entry) => entry.v));
  const flag = step > threshold ? QartodFlag.suspect : QartodFlag.pass;
  return { kind: "rate_of_change", flag, sample, detail: { step, threshold } };
}
