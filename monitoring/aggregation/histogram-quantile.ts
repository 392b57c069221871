/**
 * Quantile from cumulative histogram buckets, the way Prometheus' histogram_quantile() does:
 * find the bucket where the rank falls and interpolate linearly inside it. When the rank falls
 * in the +Inf bucket the upper bound of the highest finite bucket is returned (the true value is
 * unknown but at least that large).
 */
export function histogramQuantile(
  quantile: number,
  buckets: { le: number; count: number }[],
): number | undefined {
  if (!(quantile >= 0 && quantile <= 1)) return undefined;
  const sorted = [...buckets].sort((a, b) => a.le - b.le);
  if (sorted.length < 2 || sorted.at(-1)!.le !== Number.POSITIVE_INFINITY) return undefined;
  // Cumulative counts must not decrease; fix the rounding noise of merged series.
  for (let index = 1; index < sorted.length; index++) {
    if (sorted[index]!.count < sorted[index - 1]!.count) sorted[index]!.count = sorted[index - 1]!.count;
  }
  const total = sorted.at(-1)!.count;
  if (total <= 0) return undefined;
  const rank = quantile * total;
  const index = sorted.findIndex((bucket) => bucket.count >= rank);
  if (index === sorted.length - 1) return sorted[sorted.length - 2]!.le;
  const upper = sorted[index]!;
  const lowerBound = index === 0 ? 0 : sorted[index - 1]!.le;
  const lowerCount = index === 0 ? 0 : sorted[index - 1]!.count;
  const inBucket = upper.count - lowerCount;
  if (inBucket <= 0) return upper.le;
  return lowerBound + (upper.le - lowerBound) * ((rank - lowerCount) / inBucket);
}
