import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import type { DetectionParameters } from "./parameters.js";

/**
 * Stuck-at values (QARTOD flat-line test with time-based limits, since IoT samples are not
 * evenly spaced): how long have the latest samples stayed within `tolerance` of the current
 * value? Longer than `suspectSeconds` is suspect, longer than `failSeconds` is a failure.
 * `runStart` is the time the current run began, kept by the caller across calls so the run may
 * be longer than the window.
 */
export function flatLineTest(
  runStart: Sample | undefined,
  runLength: number,
  sample: Sample,
  parameters: DetectionParameters,
): TestResult {
  const { suspectSeconds, failSeconds, minSamples } = parameters.flatLine;
  if (!runStart || runLength < minSamples) {
    return { kind: "stuck", flag: QartodFlag.pass, sample, detail: { runSamples: runLength, runSeconds: 0 } };
  }
  const seconds = (sample.t - runStart.t) / 1000;
  const flag =
    seconds >= failSeconds
      ? QartodFlag.fail
      : seconds >= suspectSeconds
        ? QartodFlag.suspect
        : QartodFlag.pass;
  return { kind: "stuck", flag, sample, detail: { runSamples: runLength, runSeconds: seconds } };
}
