import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import type { DetectionParameters } from "./parameters.js";
import { noiseScale } from "./robust-statistics.js";

/**
 * QARTOD spike test: the middle of three consecutive samples is a spike when it departs from
 * the mean of its neighbours by more than the neighbours differ from each other. Needs the
 * next sample, so it judges `middle` when `next` arrives (one sample of delay). Thresholds are
 * absolute when the group gives sensor-specific ones, otherwise multiples of the series' noise.
 */
export function spikeTest(
  history: readonly Sample[],
  previous: Sample,
  middle: Sample,
  next: Sample,
  parameters: DetectionParameters,
): TestResult {
  const spike = Math.abs(middle.v - (previous.v + next.v) / 2) - Math.abs((next.v - previous.v) / 2);
  const { suspectThreshold, failThreshold } = parameters.spike;
  let suspect = suspectThreshold;
  let fail = failThreshold;
  if (suspect === undefined || fail === undefined) {
    if (history.length < parameters.minSamples) {
      return { kind: "spike", flag: QartodFlag.notEvaluated, sample: middle, detail: { spike } };
    }
    const noise = Math.max(noiseScale(history.map((entry) => entry.v)), parameters.hampel.minScale);
    suspect ??= parameters.spike.suspectSigmas * noise;
    fail ??= parameters.spike.failSigmas * noise;
  }
  const flag = spike > fail ? QartodFlag.fail : spike > suspect ? QartodFlag.suspect : QartodFlag.pass;
  return {
    kind: "spike",
    flag,
    sample: middle,
    detail: { spike, suspectThreshold: suspect, failThreshold: fail },
  };
}
