/**
 * Time-bucket aggregation of numeric readings (count, min, max, mean, sum, first, last per
 * bucket), computed in one pass over readings sorted by time. Buckets are aligned to the epoch
 * in UTC, so the same query always yields the same bucket boundaries.
 */
export const BUCKETS = {
  "1m": 60_000,
  "5m": 300_000,
  "15m": 900_000,
  "1h": 3_600_000,
  "1d": 86_400_000,
} as const;
export type BucketName = keyof typeof BUCKETS;

export interface Reading {
  timestamp: string;
  value: unknown;
}

export interface Bucket {
  start: string;
  count: number;
  min: number;
  max: number;
  mean: number;
  sum: number;
  first: number;
  last: number;
}

export function aggregate(
  readings: Iterable<Reading>,
  bucket: BucketName,
): { buckets: Bucket[]; skipped: number } {
  const width = BUCKETS[bucket];
  const buckets: Bucket[] = [];
  let current: (Bucket & { startMs: number }) | undefined;
  let skipped = 0;
  for (const reading of readings) {
    if (typeof reading.value !== "number" || !Number.isFinite(reading.value)) {
      skipped++;
      continue;
    }
    const value = reading.value;
    const startMs = Math.floor(Date.parse(reading.timestamp) / width) * width;
    if (!current || current.startMs !== startMs) {
      if (current) buckets.push(finish(current));
      current = {
        startMs,
        start: new Date(startMs).toISOString(),
        count: 0,
        min: value,
        max: value,
        mean: 0,
        sum: 0,
        first: value,
        last: value,
      };
    }
    current.count++;
    current.sum += value;
    current.min = Math.min(current.min, value);
    current.max = Math.max(current.max, value);
    current.last = value;
  }
  if (current) buckets.push(finish(current));
  return { buckets, skipped };
}

function finish(bucket: Bucket & { startMs: number }): Bucket {
  const { startMs: _startMs, ...rest } = bucket;
  return { ...rest, mean: rest.sum / rest.count };
}
