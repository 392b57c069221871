import { describe, expect, it } from "vitest";
import { histogramQuantile } from "../../monitoring/aggregation/histogram-quantile.js";
import { VnfAggregator } from "../../monitoring/aggregation/vnf-aggregator.js";
import { parseExposition } from "../../monitoring/scrape/exposition-parser.js";

const scrape = (lines: string[]) => parseExposition(lines.join("\n"));
const counter = (processed: number, extra: string[] = []) =>
  scrape([
    "# TYPE iotvf_messages_processed_total counter",
    `iotvf_messages_processed_total{outcome="ok"} ${processed}`,
    ...extra,
  ]);

describe("per-VNF-instance aggregation", () => {
  it("turns counters into per-second rates summed over VNFCs", () => {
    const aggregator = new VnfAggregator({ windowMs: 10_000, stalenessMs: 5_000 });
    for (let second = 0; second <= 10; second++) {
      aggregator.record("a", second * 1000, counter(second * 100));
      aggregator.record("b", second * 1000, counter(second * 50));
    }
    const snapshot = aggregator.snapshot(10_000);
    expect(snapshot.values.messages_processed_per_second).toBeCloseTo(150, 6);
    expect(snapshot.perVnfc.a!.messages_processed_per_second).toBeCloseTo(100, 6);
    expect(snapshot.reportingVnfcs).toBe(2);
  });

  it("survives a counter reset (VNFC restart) without a negative or inflated rate", () => {
    const aggregator = new VnfAggregator({ windowMs: 4_000, stalenessMs: 5_000 });
    const values = [1000, 1100, 1200, 30, 130]; // restart between t=2 and t=3
    values.forEach((value, second) => aggregator.record("a", second * 1000, counter(value)));
    // increases: 100 + 100 + 30 (since reset) + 100 = 330 over 4 s
    expect(aggregator.snapshot(4_000).values.messages_processed_per_second).toBeCloseTo(82.5, 6);
  });

  it("takes the maximum oldest-message age and the sum of backlogs over the fresh VNFCs only", () => {
    const aggregator = new VnfAggregator({ windowMs: 10_000, stalenessMs: 3_000 });
    const gauges = (backlog: number, age: number) =>
      scrape([
        `iotvf_backlog_messages ${backlog}`,
        `iotvf_oldest_message_age_seconds ${age}`,
        "iotvf_utilization_ratio 0.5",
      ]);
    aggregator.record("a", 9_000, gauges(10, 1.5));
    aggregator.record("b", 9_500, gauges(30, 4));
    aggregator.record("stale", 1_000, gauges(1000, 99));
    const { values, reportingVnfcs } = aggregator.snapshot(10_000);
    expect(reportingVnfcs).toBe(2);
    expect(values.backlog_messages).toBe(40);
    expect(values.oldest_message_age_seconds).toBe(4);
    expect(values.utilization_ratio).toBe(0.5);
  });

  it("computes percentiles of the observations made during the window, not since start", () => {
    const aggregator = new VnfAggregator({ windowMs: 5_000, stalenessMs: 5_000 });
    const histogram = (fast: number, slow: number) =>
      scrape([
        "# TYPE iotvf_processing_duration_seconds histogram",
        `iotvf_processing_duration_seconds_bucket{le="0.01"} ${fast}`,
        `iotvf_processing_duration_seconds_bucket{le="1"} ${fast + slow}`,
        `iotvf_processing_duration_seconds_bucket{le="+Inf"} ${fast + slow}`,
        `iotvf_processing_duration_seconds_sum 0`,
        `iotvf_processing_duration_seconds_count ${fast + slow}`,
      ]);
    aggregator.record("a", 0, histogram(100_000, 0)); // a long fast history
    aggregator.record("a", 10_000, histogram(100_000, 0));
    aggregator.record("a", 15_000, histogram(100_000, 100)); // only slow ones in the window
    const p99 = aggregator.snapshot(15_000).values.processing_duration_p99_seconds!;
    expect(p99).toBeGreaterThan(0.9);
    expect(p99).toBeLessThanOrEqual(1);
  });

  it("interpolates inside the bucket like histogram_quantile", () => {
    const buckets = [
      { le: 0.1, count: 50 },
      { le: 0.2, count: 100 },
      { le: Number.POSITIVE_INFINITY, count: 100 },
    ];
    expect(histogramQuantile(0.5, buckets)).toBeCloseTo(0.1, 9);
    expect(histogramQuantile(0.75, buckets)).toBeCloseTo(0.15, 9);
    expect(
      histogramQuantile(0.99, [
        { le: 1, count: 0 },
        { le: Number.POSITIVE_INFINITY, count: 10 },
      ]),
    ).toBe(1);
    expect(histogramQuantile(0.5, [{ le: Number.POSITIVE_INFINITY, count: 0 }])).toBeUndefined();
  });

  it("forgets VNFCs that were scaled in", () => {
    const aggregator = new VnfAggregator({ windowMs: 10_000, stalenessMs: 10_000 });
    aggregator.record("a", 1000, scrape(["iotvf_backlog_messages 5"]));
    aggregator.record("b", 1000, scrape(["iotvf_backlog_messages 7"]));
    aggregator.retain(["a"]);
    expect(aggregator.snapshot(2000).values.backlog_messages).toBe(5);
  });
});
