import type { AggregateSnapshot } from "../aggregation/vnf-aggregator.js";
import type { ScaleType, ScalingPolicy } from "./policy-model.js";
import { SustainTracker, evaluateRule } from "./rule-tracker.js";

export interface AspectBounds {
  flavourId: string;
  /** Current scale level per aspect (instantiatedVnfInfo.scaleStatus). */
  scaleLevels: Record<string, number>;
  /** Maximum scale level per aspect (instantiatedVnfInfo.maxScaleLevels, from the VNFD). */
  maxScaleLevels: Record<string, number>;
}

export interface ScaleDecision {
  vnfInstanceId: string;
  policyId: string;
  aspectId: string;
  type: ScaleType;
  numberOfSteps: number;
  at: number;
  /** Scale level before the decision and the level it aims at. */
  fromLevel: number;
  toLevel: number;
  evidence: string[];
}

interface PolicyState {
  out: SustainTracker;
  in: SustainTracker;
}

/**
 * Decides SCALE_OUT / SCALE_IN for one VNF instance from successive aggregates. Guarantees:
 * - a rule fires only after holding at every evaluation for its whole evaluation window;
 * - scale-in additionally needs the scale-out condition to stay false for the scale-in window
 *   (hysteresis: quiet must be sustained), and never fires on missing data;
 * - at most one decision per aspect per cooldown; after an applied decision both windows start
 *   again, so the next decision is based only on what was observed after the change (no flapping);
 * - the target level stays within [0, maxScaleLevel] of the aspect (VNFD bounds).
 */
export class PolicyEvaluator {
  private readonly states = new Map<string, PolicyState>();
  /** aspect id -> time before which no decision may be made. */
  private readonly quietUntil = new Map<string, number>();

  constructor(
    readonly vnfInstanceId: string,
    private readonly policies: readonly ScalingPolicy[],
    private readonly maxGapMs: number,
  ) {}

  evaluate(snapshot: AggregateSnapshot, bounds: AspectBounds): ScaleDecision | undefined {
    const at = snapshot.at;
    for (const policy of this.policies) {
      if (policy.flavour !== bounds.flavourId) continue;
      const state = this.state(policy.id);
      const hasData = snapshot.reportingVnfcs > 0;
      const out = evaluateRule(policy.scaleOut, snapshot.values, false);
      const quiet = evaluateRule(policy.scaleIn, snapshot.values, true);
      state.out.observe(hasData && out.holds, at);
      state.in.observe(hasData && quiet.holds && !out.holds, at);
      if (at < (this.quietUntil.get(policy.aspect) ?? Number.NEGATIVE_INFINITY)) continue;
      const level = bounds.scaleLevels[policy.aspect] ?? 0;
      const max = bounds.maxScaleLevels[policy.aspect];
      if (max === undefined) continue; // aspect not known for this instance: nothing safe to do
      if (
        state.out.heldFor(at) >= policy.scaleOut.evaluationWindowSeconds * 1000 &&
        hasData &&
        out.holds &&
        level < max
      ) {
        return this.decide(policy, "SCALE_OUT", level, at, out.evidence);
      }
      if (
        state.in.heldFor(at) >= policy.scaleIn.evaluationWindowSeconds * 1000 &&
        hasData &&
        quiet.holds &&
        level > 0
      ) {
        return this.decide(policy, "SCALE_IN", level, at, quiet.evidence);
      }
    }
    return undefined;
  }

  /**
   * The VNFM accepted the operation: the cooldown of the rule starts and every window of the
   * aspect starts again, so the next decision rests only on observations after this change.
   */
  applied(decision: ScaleDecision): void {
    const policy = this.policies.find((candidate) => candidate.id === decision.policyId);
    if (!policy) return;
    const rule = decision.type === "SCALE_OUT" ? policy.scaleOut : policy.scaleIn;
    this.quietUntil.set(decision.aspectId, decision.at + rule.cooldownSeconds * 1000);
    for (const candidate of this.policies) {
      if (candidate.aspect !== decision.aspectId) continue;
      const state = this.state(candidate.id);
      state.out.reset();
      state.in.reset();
    }
  }

  /**
   * The operation was not started (another operation running, VNFM unreachable): the evidence
   * still stands, so the decision is proposed again after `retryAfterMs`.
   */
  notApplied(decision: ScaleDecision, retryAfterMs: number): void {
    this.quietUntil.set(decision.aspectId, decision.at + retryAfterMs);
  }

  private decide(
    policy: ScalingPolicy,
    type: ScaleType,
    level: number,
    at: number,
    evidence: string[],
  ): ScaleDecision {
    const toLevel = type === "SCALE_OUT" ? level + 1 : level - 1;
    return {
      vnfInstanceId: this.vnfInstanceId,
      policyId: policy.id,
      aspectId: policy.aspect,
      type,
      numberOfSteps: 1,
      at,
      fromLevel: level,
      toLevel,
      evidence,
    };
  }

  private state(policyId: string): PolicyState {
    let state = this.states.get(policyId);
    if (!state) {
      state = { out: new SustainTracker(this.maxGapMs), in: new SustainTracker(this.maxGapMs) };
      this.states.set(policyId, state);
    }
    return state;
  }
}
