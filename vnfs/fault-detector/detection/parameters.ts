/**
 * Detection parameters. Defaults follow the usual published settings where they make sense for
 * alarms (Hampel window k=3 as MATLAB's `hampel`; QARTOD rate-of-change at 3 standard
 * deviations; spike thresholds relative to the series' own noise when no absolute sensor
 * threshold is known). The Hampel suspect threshold is 4.5 noise sigmas rather than the 3-sigma
 * edit rule: at 3 sigma a Hampel identifier marks about 1 % of pure Gaussian noise, far too many
 * false alarms for a fault event stream (measured in test/ivfs/fault-detector). Each device group may override
 * any of them per attribute (docs/design/fault-detector.md).
 */
export interface DetectionParameters {
  /** Samples kept per series (trailing window). */
  windowSize: number;
  /** Samples needed before statistical tests evaluate. */
  minSamples: number;
  /** Centred window of 2*halfWindow+1 samples; a sample is judged halfWindow samples after it arrives. */
  hampel: { halfWindow: number; suspectSigmas: number; failSigmas: number; minScale: number };
  spike: { suspectSigmas: number; failSigmas: number; suspectThreshold?: number; failThreshold?: number };
  rateOfChange: { deviations: number; maxPerSecond?: number };
  flatLine: { tolerance: number; suspectSeconds: number; failSeconds: number; minSamples: number };
  range?: { failMin?: number; failMax?: number; suspectMin?: number; suspectMax?: number };
}

export const defaultParameters: DetectionParameters = {
  windowSize: 31,
  minSamples: 7,
  hampel: { halfWindow: 3, suspectSigmas: 4.5, failSigmas: 8, minScale: 1e-6 },
  spike: { suspectSigmas: 6, failSigmas: 12 },
  rateOfChange: { deviations: 3 },
  flatLine: { tolerance: 1e-9, suspectSeconds: 300, failSeconds: 900, minSamples: 3 },
};

/** Deep-merges overrides onto defaults; unknown keys are rejected by the profile schema, not here. */
export function withOverrides(
  base: DetectionParameters,
  overrides: Partial<{ [K in keyof DetectionParameters]: Partial<DetectionParameters[K]> }> | undefined,
): DetectionParameters {
  if (!overrides) return base;
  return {
    windowSize: overrides.windowSize ?? base.windowSize,
    minSamples: overrides.minSamples ?? base.minSamples,
    hampel: { ...base.hampel, ...overrides.hampel },
    spike: { ...base.spike, ...overrides.spike },
    rateOfChange: { ...base.rateOfChange, ...overrides.rateOfChange },
    flatLine: { ...base.flatLine, ...overrides.flatLine },
    range: overrides.range ? { ...base.range, ...overrides.range } : base.range,
  };
}
