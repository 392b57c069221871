import { QartodFlag, type Sample, type TestResult } from "./flags.js";
import { flatLineTest } from "./flat-line-test.js";
import { hampelTest } from "./hampel-test.js";
import type { DetectionParameters } from "./parameters.js";
import { rangeTest } from "./range-test.js";
import { rateOfChangeTest } from "./rate-of-change-test.js";
import { spikeTest } from "./spike-test.js";

export interface Finding extends TestResult {
  /** "raised" for a new fault; stuck episodes also report "cleared" when values move again. */
  transition: "raised" | "cleared";
}

/**
 * All tests for one time series (tenant, device, attribute), fed one sample at a time in
 * timestamp order. Samples at or before the last seen timestamp are ignored: they are
 * redeliveries (at-least-once bus) or late arrivals, and must not be judged twice.
 * Memory per series is bounded by the window size.
 */
export class SeriesDetector {
  private readonly history: Sample[] = [];
  private pending: { previous: Sample; middle: Sample } | undefined;
  private runStart: Sample | undefined;
  private runLength = 0;
  private stuckFlag: QartodFlag = QartodFlag.pass;

  constructor(private parameters: DetectionParameters) {}

  /** Applies changed parameters (a profile edit) without losing the series' history. */
  useParameters(parameters: DetectionParameters): void {
    this.parameters = parameters;
  }

  get lastTimestamp(): number | undefined {
    return this.history.at(-1)?.t;
  }

  /** Judges `sample` and returns the faults it raises or clears (possibly about the previous sample). */
  observe(sample: Sample): Finding[] {
    const last = this.history.at(-1);
    if (!Number.isFinite(sample.v) || (last && sample.t <= last.t)) return [];
    const findings: Finding[] = [];
    const window = this.history;
    const raise = (result: TestResult | undefined) => {
      if (result && (result.flag === QartodFlag.suspect || result.flag === QartodFlag.fail)) {
        findings.push({ ...result, transition: "raised" });
      }
    };

    raise(rangeTest(sample, this.parameters));
    if (last) raise(rateOfChangeTest(window, last, sample, this.parameters));
    if (this.pending) {
      raise(spikeTest(window, this.pending.previous, this.pending.middle, sample, this.parameters));
    }
    this.trackFlatLine(sample, last, findings);

    this.pending = last ? { previous: last, middle: sample } : undefined;
    window.push(sample);
    if (window.length > Math.max(this.parameters.windowSize, 2 * this.parameters.hampel.halfWindow + 1)) {
      window.shift();
    }
    raise(hampelTest(window, this.parameters));
    return findings;
  }

  private trackFlatLine(sample: Sample, last: Sample | undefined, findings: Finding[]): void {
    const tolerance = this.parameters.flatLine.tolerance;
    if (last && this.runStart && Math.abs(sample.v - this.runStart.v) <= tolerance) {
      this.runLength += 1;
    } else {
      this.runStart = sample;
      this.runLength = 1;
    }
    const result = flatLineTest(this.runStart, this.runLength, sample, this.parameters);
    if (result.flag !== this.stuckFlag) {
      const wasFault = this.stuckFlag !== QartodFlag.pass;
      this.stuckFlag = result.flag;
      if (result.flag !== QartodFlag.pass) findings.push({ ...result, transition: "raised" });
      else if (wasFault) findings.push({ ...result, transition: "cleared" });
    }
  }
}
