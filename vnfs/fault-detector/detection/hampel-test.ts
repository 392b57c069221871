import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import type { DetectionParameters } from "./parameters.js";
import { median, noiseScale } from "./robust-statistics.js";

/**
 * Outliers by a Hampel-type identifier: the middle sample of a centred window of 2k+1 samples
 * is compared with that window's median, in units of the series' noise. The centred median
 * follows trends without lag (a trailing one would flag every steep slope), at the price of
 * judging a sample k samples after it arrives. The noise scale comes from the MAD of first
 * differences over the whole retained window: differences cancel smooth trends, and a longer
 * window gives a stable scale (a 7-sample MAD alone flags several percent of pure Gaussian
 * noise at 3 sigma, which would bury real faults in false alarms).
 */
export function hampelTest(
  window: readonly Sample[],
  parameters: DetectionParameters,
): TestResult | undefined {
  const k = parameters.hampel.halfWindow;
  if (window.length < Math.max(2 * k + 1, parameters.minSamples)) return undefined;
  const centred = window.slice(window.length - (2 * k + 1));
  const sample = centred[k]!;
  const level = median(centred.map((entry) => entry.v));
  const scale = Math.max(noiseScale(window.map((entry) => entry.v)), parameters.hampel.minScale);
  const sigmas = Math.abs(sample.v - level) / scale;
  const flag =
    sigmas > parameters.hampel.failSigmas
      ? QartodFlag.fail
      : sigmas > parameters.hampel.suspectSigmas
        ? QartodFlag.suspect
        : QartodFlag.pass;
  return { kind: "outlier", flag, sample, detail: { median: level, scale, sigmas } };
}
