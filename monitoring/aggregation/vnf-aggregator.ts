import type { MetricFamily } from "../scrape/exposition-parser.js";
import { histogramQuantile } from "./histogram-quantile.js";
import { kpiCatalogue, type KpiDefinition } from "./kpi-catalogue.js";
import { SeriesWindow, counterIncrease, matches, type Snapshot } from "./series-window.js";

/** KPI id -> value; a KPI is absent when no VNFC reported the metric it needs. */
export type KpiValues = Record<string, number>;

export interface AggregateSnapshot {
  at: number;
  /** VNFCs with a fresh scrape (within the staleness limit). */
  reportingVnfcs: number;
  values: KpiValues;
  /** Per VNFC values of the same KPIs (objectType Vnfc in SOL003 PM). */
  perVnfc: Record<string, KpiValues>;
}

export interface AggregatorOptions {
  /** Window of rates and percentiles. */
  windowMs: number;
  /** A VNFC whose last scrape is older than this does not count in gauges. */
  stalenessMs: number;
  kpis?: readonly KpiDefinition[];
}

const relevant = (kpis: readonly KpiDefinition[]) => {
  const names = new Set(kpis.map((entry) => entry.aggregation.metric));
  return (family: string) => names.has(family);
};

/**
 * Aggregates of one VNF instance over its VNFCs. Counters are turned into rates per VNFC (so a
 * VNFC restart or a scale-in does not produce negative or inflated rates) and then summed.
 */
export class VnfAggregator {
  private readonly windows = new Map<string, SeriesWindow>();
  private readonly kpis: readonly KpiDefinition[];
  private readonly keep: (family: string) => boolean;

  constructor(private readonly options: AggregatorOptions) {
    this.kpis = options.kpis ?? kpiCatalogue;
    this.keep = relevant(this.kpis);
  }

  record(vnfcId: string, at: number, families: Map<string, MetricFamily>): void {
    let window = this.windows.get(vnfcId);
    if (!window) {
      window = new SeriesWindow(this.options.windowMs * 2, this.keep);
      this.windows.set(vnfcId, window);
    }
    window.add(at, families);
  }

  /** Drops VNFCs that no longer exist (scaled in, healed away). */
  retain(vnfcIds: Iterable<string>): void {
    const wanted = new Set(vnfcIds);
    for (const id of this.windows.keys()) if (!wanted.has(id)) this.windows.delete(id);
  }

  snapshot(now: number, windowMs = this.options.windowMs): AggregateSnapshot {
    const fresh = [...this.windows].filter(([, window]) => {
      const latest = window.latest();
      return latest !== undefined && now - latest.at <= this.options.stalenessMs;
    });
    const perVnfc: Record<string, KpiValues> = {};
    const ranges = new Map(fresh.map(([id, window]) => [id, window.within(windowMs, now)]));
    for (const [id] of fresh) perVnfc[id] = this.compute(new Map([[id, ranges.get(id)!]]));
    return { at: now, reportingVnfcs: fresh.length, values: this.compute(ranges), perVnfc };
  }

  private compute(ranges: Map<string, Snapshot[]>): KpiValues {
    const values: KpiValues = {};
    for (const definition of this.kpis) {
      const value = aggregate(definition, [...ranges.values()]);
      if (value !== undefined && Number.isFinite(value)) values[definition.id] = value;
    }
    return values;
  }
}

function aggregate(definition: KpiDefinition, ranges: Snapshot[][]): number | undefined {
  const spec = definition.aggregation;
  switch (spec.kind) {
    case "sum":
    case "max":
    case "avg": {
      const latest = ranges
        .map((range) => gaugeValue(range.at(-1), spec.metric))
        .filter((v): v is number => v !== undefined);
      if (latest.length === 0) return undefined;
      if (spec.kind === "sum") return latest.reduce((a, b) => a + b, 0);
      if (spec.kind === "max") return Math.max(...latest);
      return latest.reduce((a, b) => a + b, 0) / latest.length;
    }
    case "rate": {
      const rates = ranges
        .map((range) => counterIncrease(range, spec.metric, spec.labels))
        .filter(
          (entry): entry is { increase: number; spanMs: number } => entry !== undefined && entry.spanMs > 0,
        )
        .map((entry) => entry.increase / (entry.spanMs / 1000));
      return rates.length === 0 ? undefined : rates.reduce((a, b) => a + b, 0);
    }
    case "quantile":
      return windowQuantile(ranges, spec.metric, spec.quantile);
  }
}

/** Sum of the matching series of a gauge in one scrape (a gauge with labels, e.g. per protocol). */
function gaugeValue(snapshot: Snapshot | undefined, metric: string): number | undefined {
  if (!snapshot) return undefined;
  let found = false;
  let total = 0;
  for (const point of snapshot.points) {
    if (point.name !== metric || !Number.isFinite(point.value)) continue;
    found = true;
    total += point.value;
  }
  return found ? total : undefined;
}

/** Bucket increases during the window, merged over VNFCs, then interpolated. */
function windowQuantile(ranges: Snapshot[][], metric: string, quantile: number): number | undefined {
  const merged = new Map<number, number>();
  const bucketName = `${metric}_bucket`;
  for (const range of ranges) {
    const les = new Set<string>();
    for (const point of range.at(-1)?.points ?? [])
      if (matches(point, bucketName) && point.labels.le !== undefined) les.add(point.labels.le);
    for (const le of les) {
      const increase = counterIncrease(range, bucketName, { le });
      if (!increase) continue;
      const bound = le === "+Inf" ? Number.POSITIVE_INFINITY : Number(le);
      if (Number.isNaN(bound)) continue;
      merged.set(bound, (merged.get(bound) ?? 0) + increase.increase);
    }
  }
  return histogramQuantile(
    quantile,
    [...merged].map(([le, count]) => ({ le, count })),
  );
}
