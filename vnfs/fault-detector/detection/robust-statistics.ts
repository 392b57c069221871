/** Scale factor turning a median absolute deviation into a standard-deviation estimate for normal data. */
export const MAD_TO_SIGMA = 1.4826;

export function median(values: readonly number[]): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** Median absolute deviation from the median (unscaled). */
export function medianAbsoluteDeviation(values: readonly number[], center = median(values)): number {
  return median(values.map((value) => Math.abs(value - center)));
}

export function standardDeviation(values: readonly number[]): number {
  if (values.length < 2) return Number.NaN;
  const mean = values.reduce((sum, value) => sum + value, 0) / values.length;
  const variance = values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance);
}

/** Robust estimate of the sample-to-sample noise: MAD of first differences, scaled, divided by sqrt(2). */
export function noiseScale(values: readonly number[]): number {
  if (values.length < 3) return Number.NaN;
  const differences: number[] = [];
  for (let index = 1; index < values.length; index++) differences.push(values[index]! - values[index - 1]!);
  return (MAD_TO_SIGMA * medianAbsoluteDeviation(differences)) / Math.SQRT2;
}

/**
 * Residuals of a Theil–Sen line through the points (median of pairwise slopes, then median
 * intercept): a robust local detrend, so a steep but smooth signal does not look noisy.
 */
export function theilSenResiduals(times: readonly number[], values: readonly number[]): number[] {
  const slopes: number[] = [];
  for (let i = 0; i < times.length; i++) {
    for (let j = i + 1; j < times.length; j++) {
      const dt = times[j]! - times[i]!;
      if (dt !== 0) slopes.push((values[j]! - values[i]!) / dt);
    }
  }
  const slope = slopes.length > 0 ? median(slopes) : 0;
  const intercept = median(values.map((value, index) => value - slope * times[index]!));
  return values.map((value, index) => value - (intercept + slope * times[index]!));
}
