import { describe, expect, it } from "vitest";
import { SeriesDetector, type Finding } from "../../../vnfs/fault-detector/detection/series-detector.js";
import { defaultParameters, withOverrides } from "../../../vnfs/fault-detector/detection/parameters.js";
import { QartodFlag, type Sample } from "../../../vnfs/fault-detector/detection/flags.js";
import { precisionRecall, sinusoid, spacedIndices } from "./synthetic-series.js";

const base = { count: 3000, stepMs: 10_000, amplitude: 10, periodSamples: 360, noise: 0.3 };

function run(series: Sample[], parameters = defaultParameters): Finding[] {
  const detector = new SeriesDetector(parameters);
  return series.flatMap((sample) => detector.observe(sample));
}

function indicesOf(series: Sample[], findings: Finding[], kind: Finding["kind"]): Set<number> {
  const byTime = new Map(series.map((sample, index) => [sample.t, index]));
  return new Set(
    findings.filter((finding) => finding.kind === kind).map((finding) => byTime.get(finding.sample.t)!),
  );
}

describe("passive fault detection on synthetic series", () => {
  it("finds injected outliers with precision and recall of at least 0.9 (Hampel)", () => {
    const series = sinusoid({ ...base, seed: 7 });
    const truth = spacedIndices(30, 50, 2950, 15, 11);
    truth.forEach((index, n) => (series[index]!.v += (n % 2 === 0 ? 1 : -1) * (3 + (n % 4))));
    const { precision, recall } = precisionRecall(indicesOf(series, run(series), "outlier"), new Set(truth));
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("finds single-sample spikes with precision and recall of at least 0.9", () => {
    const series = sinusoid({ ...base, seed: 21 });
    const truth = spacedIndices(25, 50, 2950, 15, 5);
    truth.forEach((index) => (series[index]!.v += 5));
    const { precision, recall } = precisionRecall(indicesOf(series, run(series), "spike"), new Set(truth));
    expect(recall).toBeGreaterThanOrEqual(0.9);
    expect(precision).toBeGreaterThanOrEqual(0.9);
  });

  it("raises a stuck-at fault as suspect then fail over time, and clears it when values move again", () => {
    const series = sinusoid({ ...base, count: 600, seed: 3 });
    for (let index = 200; index < 260; index++) series[index]!.v = 17.25;
    const parameters = withOverrides(defaultParameters, {
      flatLine: { suspectSeconds: 120, failSeconds: 300 },
    });
    const stuck = run(series, parameters).filter((finding) => finding.kind === "stuck");
    const at = (finding: Finding) => (finding.sample.t - series[0]!.t) / base.stepMs;
    expect(stuck.map((finding) => [finding.transition, finding.flag, at(finding)])).toEqual([
      ["raised", QartodFlag.suspect, 212],
      ["raised", QartodFlag.fail, 230],
      ["cleared", QartodFlag.pass, 260],
    ]);
  });

  it("flags a level shift as a rate-of-change suspect at the step only", () => {
    const series = sinusoid({ ...base, count: 800, seed: 9 });
    for (let index = 400; index < series.length; index++) series[index]!.v += 40;
    const flagged = [...indicesOf(series, run(series), "rate_of_change")];
    expect(flagged).toContain(400);
    expect(flagged.length).toBeLessThanOrEqual(3);
  });

  it("fails values outside the sensor's gross range", () => {
    const series = sinusoid({ ...base, count: 100, seed: 1 });
    series[50]!.v = 500;
    const parameters = withOverrides(defaultParameters, { range: { failMin: -40, failMax: 125 } });
    const range = run(series, parameters).filter((finding) => finding.kind === "range");
    expect(range).toHaveLength(1);
    expect(range[0]).toMatchObject({ flag: QartodFlag.fail, sample: { v: 500 } });
  });

  it("ignores redelivered and late samples instead of judging them twice", () => {
    const detector = new SeriesDetector(defaultParameters);
    const series = sinusoid({ ...base, count: 40, seed: 2 });
    series.forEach((sample) => detector.observe(sample));
    expect(detector.observe({ ...series[20]!, v: 1e6 })).toEqual([]);
    expect(detector.observe({ t: series.at(-1)!.t, v: 1e6 })).toEqual([]);
    expect(detector.observe({ t: series.at(-1)!.t + 1, v: Number.NaN })).toEqual([]);
  });
});
