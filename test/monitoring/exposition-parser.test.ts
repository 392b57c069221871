import { Counter, Gauge, Histogram, Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { ExpositionError, parseExposition } from "../../monitoring/scrape/exposition-parser.js";

describe("Prometheus text exposition parser", () => {
  it("reads what prom-client serves, with families, labels and histogram samples", async () => {
    const registry = new Registry();
    registry.setDefaultLabels({ ivf: "field-gateway" });
    new Counter({
      name: "iotvf_messages_processed_total",
      help: 'Done "ok"\nor not',
      labelNames: ["outcome"],
      registers: [registry],
    }).inc({ outcome: "ok" }, 7);
    new Gauge({ name: "iotvf_backlog_messages", help: "b", registers: [registry] }).set(12.5);
    const histogram = new Histogram({
      name: "iotvf_processing_duration_seconds",
      help: "h",
      buckets: [0.1, 1],
      registers: [registry],
    });
    histogram.observe(0.05);
    histogram.observe(0.5);
    const families = parseExposition(await registry.metrics());
    expect(families.get("iotvf_messages_processed_total")).toMatchObject({
      type: "counter",
      samples: [
        { name: "iotvf_messages_processed_total", labels: { outcome: "ok", ivf: "field-gateway" }, value: 7 },
      ],
    });
    expect(families.get("iotvf_backlog_messages")!.samples[0]!.value).toBe(12.5);
    const buckets = families
      .get("iotvf_processing_duration_seconds")!
      .samples.filter((s) => s.name.endsWith("_bucket"));
    expect(buckets.map((s) => [s.labels.le, s.value])).toEqual([
      ["0.1", 1],
      ["1", 2],
      ["+Inf", 2],
    ]);
  });

  it("unescapes label values and keeps timestamps and special values", () => {
    const families = parseExposition(
      '# TYPE x gauge\nx{a="q\\"uote",b="back\\\\slash",c="new\\nline",} +Inf 1700000000000\ny NaN\n',
    );
    const sample = families.get("x")!.samples[0]!;
    expect(sample.labels).toEqual({ a: 'q"uote', b: "back\\slash", c: "new\nline" });
    expect(sample.value).toBe(Number.POSITIVE_INFINITY);
    expect(sample.timestampMs).toBe(1700000000000);
    expect(families.get("y")!.samples[0]!.value).toBeNaN();
  });

  const hostile: [string, string, RegExp][] = [
    ["a value that is not a number", "x 12abc", /line 1: invalid sample value/],
    ["an unterminated label value", 'x{a="open 1', /line 1: unterminated value of label a/],
    ["a repeated label", 'x{a="1",a="2"} 1', /label a appears twice/],
    ["a duplicate series", "x 1\nx 2", /line 2: duplicate series/],
    ["a TYPE after samples", "x 1\n# TYPE x gauge", /line 2: TYPE for x comes after/],
    ["an unknown type", "# TYPE x weird", /unknown metric type "weird"/],
    ["a bucket without le", "# TYPE h histogram\nh_bucket 1", /has no "le" label/],
    ["a bad escape", 'x{a="\\t"} 1', /invalid escape/],
    ["a missing value", "x", /expected "value \[timestamp\]"/],
    ["a non-numeric timestamp", "x 1 soon", /invalid timestamp/],
  ];
  for (const [what, text, message] of hostile) {
    it(`rejects ${what} with the line number`, () => {
      expect(() => parseExposition(text)).toThrow(message);
    });
  }

  it("refuses bodies, lines, label sets and sample counts beyond the limits", () => {
    expect(() => parseExposition("x 1\n".repeat(100), { maxBytes: 100 })).toThrow(/exceeds 100 bytes/);
    expect(() => parseExposition(`x{a="${"v".repeat(200)}"} 1`, { maxLineLength: 100 })).toThrow(
      ExpositionError,
    );
    expect(() => parseExposition('x{a="1",b="2",c="3"} 1', { maxLabelsPerSample: 2 })).toThrow(
      /more than 2 labels/,
    );
    const many = Array.from({ length: 20 }, (_, i) => `m${i} 1`).join("\n");
    expect(() => parseExposition(many, { maxSamples: 10 })).toThrow(/more than 10 samples/);
    expect(() => parseExposition(many, { maxLines: 5 })).toThrow(/more than 5 lines/);
  });
});
