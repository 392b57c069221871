import { describe, expect, it } from "vitest";
import { aggregate } from "../../../vnfs/data-store/aggregates/bucket-aggregation.js";

describe("time-bucket aggregation", () => {
  it("computes count, min, max, mean, sum, first and last per UTC-aligned bucket", () => {
    const readings = [
      { timestamp: "2026-11-27T10:00:10Z", value: 4 },
      { timestamp: "2026-11-27T10:00:50Z", value: 2 },
      { timestamp: "2026-11-27T10:01:05Z", value: 10 },
      { timestamp: "2026-11-27T10:03:00Z", value: "offline" },
      { timestamp: "2026-11-27T10:03:30Z", value: 6 },
    ];
    expect(aggregate(readings, "1m")).toEqual({
      skipped: 1,
      buckets: [
        { start: "2026-11-27T10:00:00.000Z", count: 2, min: 2, max: 4, mean: 3, sum: 6, first: 4, last: 2 },
        {
          start: "2026-11-27T10:01:00.000Z",
          count: 1,
          min: 10,
          max: 10,
          mean: 10,
          sum: 10,
          first: 10,
          last: 10,
        },
        { start: "2026-11-27T10:03:00.000Z", count: 1, min: 6, max: 6, mean: 6, sum: 6, first: 6, last: 6 },
      ],
    });
    expect(aggregate(readings, "1h").buckets).toEqual([
      { start: "2026-11-27T10:00:00.000Z", count: 4, min: 2, max: 10, mean: 5.5, sum: 22, first: 4, last: 6 },
    ]);
  });
});
