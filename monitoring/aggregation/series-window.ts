import type { MetricFamily } from "../scrape/exposition-parser.js";

/**
 * Recent scrapes of one VNFC, kept for a sliding window. Only the families the agent derives
 * KPIs from are kept (bounded memory per VNFC whatever the target exposes).
 */
export interface SeriesPoint {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export interface Snapshot {
  at: number;
  points: SeriesPoint[];
}

export class SeriesWindow {
  private readonly snapshots: Snapshot[] = [];

  constructor(
    private readonly retentionMs: number,
    private readonly keep: (familyName: string) => boolean,
  ) {}

  add(at: number, families: Map<string, MetricFamily>): void {
    const points: SeriesPoint[] = [];
    for (const family of families.values()) {
      if (!this.keep(family.name)) continue;
      for (const sample of family.samples)
        points.push({ name: sample.name, labels: sample.labels, value: sample.value });
    }
    const last = this.snapshots.at(-1);
    if (last && at <= last.at) return; // out-of-order scrape: the later one already counts
    this.snapshots.push({ at, points });
    this.prune(at);
  }

  /** Keeps one snapshot older than the retention as the baseline of rates. */
  private prune(now: number): void {
    while (this.snapshots.length > 2 && this.snapshots[1]!.at <= now - this.retentionMs)
      this.snapshots.shift();
  }

  latest(): Snapshot | undefined {
    return this.snapshots.at(-1);
  }

  /** Snapshots covering [now - windowMs, now], plus the last one before it as the baseline. */
  within(windowMs: number, now: number): Snapshot[] {
    const start = now - windowMs;
    let first = this.snapshots.findIndex((snapshot) => snapshot.at >= start);
    if (first === -1) return this.snapshots.slice(-1);
    if (first > 0) first -= 1;
    return this.snapshots.slice(first).filter((snapshot) => snapshot.at <= now);
  }
}

export function matches(point: SeriesPoint, name: string, labels?: Record<string, string>): boolean {
  if (point.name !== name) return false;
  if (!labels) return true;
  return Object.entries(labels).every(([key, value]) => point.labels[key] === value);
}

/** Identity of a series inside one VNFC (labels except the ones every sample shares). */
export function pointKey(point: SeriesPoint): string {
  return `${point.name}|${Object.keys(point.labels)
    .sort()
    .map((key) => `${key}=${point.labels[key]}`)
    .join(",")}`;
}

/**
 * Increase of the matching counter series over consecutive snapshots. A value lower than the
 * previous one is a counter reset (the VNFC restarted): the new value is the increase since the
 * reset, as Prometheus' increase() does. Returns the covered time span too.
 */
export function counterIncrease(
  snapshots: Snapshot[],
  name: string,
  labels?: Record<string, string>,
): { increase: number; spanMs: number } | undefined {
  if (snapshots.length < 2) return undefined;
  let increase = 0;
  for (let index = 1; index < snapshots.length; index++) {
    const previous = new Map<string, number>();
    for (const point of snapshots[index - 1]!.points)
      if (matches(point, name, labels)) previous.set(pointKey(point), point.value);
    for (const point of snapshots[index]!.points) {
      if (!matches(point, name, labels) || !Number.isFinite(point.value)) continue;
      const before = previous.get(pointKey(point));
      if (before === undefined) continue; // series appeared: its first value is the baseline
      increase += point.value >= before ? point.value - before : point.value;
    }
  }
  return { increase, spanMs: snapshots.at(-1)!.at - snapshots[0]!.at };
}
