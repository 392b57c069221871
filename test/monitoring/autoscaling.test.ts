import { describe, expect, it } from "vitest";
import pino from "pino";
import type { AggregateSnapshot } from "../../monitoring/aggregation/vnf-aggregator.js";
import { Autoscaler } from "../../monitoring/autoscaling/autoscaler.js";
import { PolicyEvaluator, type ScaleDecision } from "../../monitoring/autoscaling/policy-evaluator.js";
import { compare, policyProblems, type ScalingPolicy } from "../../monitoring/autoscaling/policy-model.js";
import type {
  HealRequest,
  OperationOutcome,
  ScaleRequest,
  Scaler,
} from "../../monitoring/autoscaling/scaler.js";
import type { MonitoredVnf } from "../../monitoring/discovery/monitored-vnf.js";

const policy: ScalingPolicy = {
  id: "backlog_age",
  flavour: "default",
  aspect: "workers",
  scaleOut: {
    combine: "OR",
    criteria: [
      { kpi: "oldest_message_age_seconds", operator: "GT", threshold: 2 },
      { kpi: "utilization_ratio", operator: "GE", threshold: 0.8 },
    ],
    evaluationWindowSeconds: 5,
    cooldownSeconds: 20,
  },
  scaleIn: {
    combine: "AND",
    criteria: [
      { kpi: "oldest_message_age_seconds", operator: "LT", threshold: 0.5 },
      { kpi: "utilization_ratio", operator: "LT", threshold: 0.3 },
    ],
    evaluationWindowSeconds: 30,
    cooldownSeconds: 30,
  },
};

const snap = (
  at: number,
  age: number | undefined,
  utilisation: number | undefined,
  reporting = 1,
): AggregateSnapshot => {
  const values: Record<string, number> = {};
  if (age !== undefined) values.oldest_message_age_seconds = age;
  if (utilisation !== undefined) values.utilization_ratio = utilisation;
  return { at, reportingVnfcs: reporting, values, perVnfc: {} };
};

/** Drives an evaluator over a series (one sample per second) and applies every decision. */
function run(series: [number | undefined, number | undefined][], maxLevel = 4, startLevel = 0) {
  const evaluator = new PolicyEvaluator("vnf-1", [policy], 3000);
  let level = startLevel;
  const decisions: ScaleDecision[] = [];
  series.forEach(([age, utilisation], second) => {
    const decision = evaluator.evaluate(snap(second * 1000, age, utilisation), {
      flavourId: "default",
      scaleLevels: { workers: level },
      maxScaleLevels: { workers: maxLevel },
    });
    if (decision) {
      decisions.push(decision);
      evaluator.applied(decision);
      level = decision.toLevel;
    }
  });
  return { decisions, level };
}

const repeat = <T>(value: T, times: number): T[] => Array.from({ length: times }, () => value);

describe("relational operators", () => {
  it("compare GT, GE, LT, LE, EQ and NE", () => {
    expect([
      compare(2, "GT", 1),
      compare(1, "GE", 1),
      compare(0, "LT", 1),
      compare(1, "LE", 1),
      compare(0.1 + 0.2, "EQ", 0.3),
      compare(1, "NE", 1),
    ]).toEqual([true, true, true, true, true, false]);
  });
});

describe("policy evaluation", () => {
  it("scales out only after the condition held for the whole evaluation window", () => {
    const { decisions } = run([
      ...repeat([3, 0.5] as [number, number], 4),
      [0.1, 0.5],
      ...repeat([3, 0.5] as [number, number], 7),
    ]);
    // the dip at t=4 restarts the window: held from t=5, fires at t=10
    expect(decisions.map((d) => [d.type, d.at])).toEqual([["SCALE_OUT", 10_000]]);
    expect(decisions[0]!.evidence.join(" ")).toContain("oldest_message_age_seconds=3 GT 2: true");
  });

  it("combines criteria with OR for scale-out and AND for scale-in", () => {
    expect(run(repeat([0.1, 0.9] as [number, number], 7)).decisions.map((d) => d.type)).toEqual([
      "SCALE_OUT",
    ]);
    // age quiet but utilisation not low: AND prevents scale-in
    expect(run(repeat([0.1, 0.5] as [number, number], 60), 4, 2).decisions).toEqual([]);
  });

  it("makes one decision per cooldown even under a sustained burst, and never exceeds max_scale_level", () => {
    const { decisions, level } = run(repeat([10, 1] as [number, number], 200), 3);
    expect(decisions.map((d) => d.toLevel)).toEqual([1, 2, 3]);
    const gaps = decisions.slice(1).map((d, i) => d.at - decisions[i]!.at);
    for (const gap of gaps) expect(gap).toBeGreaterThanOrEqual(policy.scaleOut.cooldownSeconds * 1000);
    expect(level).toBe(3);
  });

  it("scales in only after sustained quiet, one step per cooldown, and never below level 0", () => {
    const { decisions } = run(repeat([0.1, 0.1] as [number, number], 200), 4, 2);
    expect(decisions.map((d) => [d.type, d.toLevel])).toEqual([
      ["SCALE_IN", 1],
      ["SCALE_IN", 0],
    ]);
    expect(decisions[0]!.at).toBeGreaterThanOrEqual(30_000);
    expect(decisions[1]!.at - decisions[0]!.at).toBeGreaterThanOrEqual(30_000);
  });

  it("never flaps on a signal oscillating around the thresholds", () => {
    // 3 s bursts every 8 s: too short to satisfy the 5 s out-window, too frequent for 30 s of quiet
    const series: [number, number][] = [];
    for (let second = 0; second < 600; second++) series.push(second % 8 < 3 ? [5, 0.9] : [0.1, 0.1]);
    expect(run(series, 4, 2).decisions).toEqual([]);
  });

  it("does not turn around right after a scale-out: scale-in needs a full quiet window after the cooldown", () => {
    const series: [number, number][] = [
      ...repeat([5, 0.9] as [number, number], 6),
      ...repeat([0.1, 0.1] as [number, number], 120),
    ];
    const { decisions } = run(series);
    expect(decisions.map((d) => d.type)).toEqual(["SCALE_OUT", "SCALE_IN"]);
    const [out, back] = decisions as [ScaleDecision, ScaleDecision];
    expect(back.at - out.at).toBeGreaterThanOrEqual(
      Math.max(policy.scaleOut.cooldownSeconds, policy.scaleIn.evaluationWindowSeconds) * 1000,
    );
  });

  it("never scales in on missing data, and a gap in observations restarts the window", () => {
    expect(run(repeat([undefined, 0.1] as [undefined, number], 120), 4, 2).decisions).toEqual([]);
    const evaluator = new PolicyEvaluator("vnf-1", [policy], 3000);
    const bounds = { flavourId: "default", scaleLevels: { workers: 0 }, maxScaleLevels: { workers: 4 } };
    expect(evaluator.evaluate(snap(0, 9, 1), bounds)).toBeUndefined();
    expect(evaluator.evaluate(snap(10_000, 9, 1), bounds)).toBeUndefined(); // 10 s gap > 3 s: restart
    expect(evaluator.evaluate(snap(12_000, 9, 1), bounds)).toBeUndefined();
    expect(evaluator.evaluate(snap(15_000, 9, 1), bounds)?.type).toBe("SCALE_OUT");
  });

  it("ignores policies of another deployment flavour and aspects the instance does not have", () => {
    const evaluator = new PolicyEvaluator("vnf-1", [policy], 3000);
    for (let second = 0; second < 20; second++) {
      expect(
        evaluator.evaluate(snap(second * 1000, 9, 1), {
          flavourId: "large",
          scaleLevels: {},
          maxScaleLevels: { workers: 4 },
        }),
      ).toBeUndefined();
      expect(
        evaluator.evaluate(snap(second * 1000, 9, 1), {
          flavourId: "default",
          scaleLevels: {},
          maxScaleLevels: {},
        }),
      ).toBeUndefined();
    }
  });

  it("reports unsafe policies: unknown KPIs and scale-in windows shorter than scale-out ones", () => {
    const bad: ScalingPolicy = {
      ...policy,
      scaleIn: {
        ...policy.scaleIn,
        evaluationWindowSeconds: 1,
        criteria: [{ kpi: "nope", operator: "LT", threshold: 1 }],
      },
    };
    const problems = policyProblems(bad, new Set(["oldest_message_age_seconds", "utilization_ratio"]));
    expect(problems.join("\n")).toMatch(/KPI "nope"/);
    expect(problems.join("\n")).toMatch(/hysteresis/);
  });
});

class RecordingScaler implements Scaler {
  readonly scales: ScaleRequest[] = [];
  constructor(private readonly answers: OperationOutcome[]) {}
  async scale(request: ScaleRequest): Promise<OperationOutcome> {
    this.scales.push(request);
    return this.answers.shift() ?? { started: true };
  }
  async heal(_request: HealRequest): Promise<OperationOutcome> {
    return { started: true };
  }
}

const vnf = (autoscale: boolean): MonitoredVnf => ({
  id: "vnf-1",
  vnfdId: "d",
  flavourId: "default",
  isAutoscaleEnabled: autoscale,
  isAutohealEnabled: false,
  scaleLevels: { workers: 0 },
  maxScaleLevels: { workers: 4 },
  vnfcs: [],
  metadata: {},
});

describe("autoscaler", () => {
  const logger = pino({ level: "silent" });

  it("does nothing when isAutoscaleEnabled is false", async () => {
    const scaler = new RecordingScaler([]);
    const autoscaler = new Autoscaler({ scaler, logger, maxGapMs: 3000, retryAfterMs: 2000 });
    for (let second = 0; second < 30; second++)
      await autoscaler.evaluate(vnf(false), [policy], snap(second * 1000, 9, 1));
    expect(scaler.scales).toEqual([]);
  });

  it("retries a decision the VNFM refused with 409 after the retry delay, keeping the evidence", async () => {
    const scaler = new RecordingScaler([{ started: false, retryable: true, status: 409, detail: "busy" }]);
    const autoscaler = new Autoscaler({ scaler, logger, maxGapMs: 3000, retryAfterMs: 2000 });
    const applied: number[] = [];
    for (let second = 0; second < 12; second++) {
      const decision = await autoscaler.evaluate(vnf(true), [policy], snap(second * 1000, 9, 1));
      if (decision) applied.push(decision.at);
    }
    expect(scaler.scales.map((s) => [s.type, s.aspectId, s.numberOfSteps])).toEqual([
      ["SCALE_OUT", "workers", 1],
      ["SCALE_OUT", "workers", 1],
    ]);
    expect(applied).toEqual([7000]); // refused at 5 s, retried 2 s later
  });

  it("scales the VNFD's TOSCA spelling of the model's aspect id (processor-aspect -> processor_aspect)", async () => {
    const scaler = new RecordingScaler([]);
    const autoscaler = new Autoscaler({ scaler, logger, maxGapMs: 3000, retryAfterMs: 2000 });
    const modelPolicy = { ...policy, aspect: "processor-aspect" };
    const instance = {
      ...vnf(true),
      scaleLevels: { processor_aspect: 0 },
      maxScaleLevels: { processor_aspect: 2 },
    };
    for (let second = 0; second < 8; second++)
      await autoscaler.evaluate(instance, [modelPolicy], snap(second * 1000, 9, 1));
    expect(scaler.scales.map((s) => [s.type, s.aspectId])).toEqual([["SCALE_OUT", "processor_aspect"]]);
  });
});
