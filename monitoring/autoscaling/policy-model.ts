/**
 * The auto-scaling policy shape the agent evaluates. It mirrors the descriptor model's
 * `monitoring.scalingPolicies` (descriptors/model/model-schema.ts) structurally, so loaded IVF
 * models are passed in as they are; the agent only depends on these few fields.
 * Semantics follow OSM's scaling-policy (scale-in/out thresholds, relational operations,
 * AND/OR of criteria, threshold-time, cooldown-time: notes/osm.md §3) with seconds, not minutes.
 */

export type RelationalOperator = "GT" | "GE" | "LT" | "LE" | "EQ" | "NE";
export type Combine = "AND" | "OR";
export type ScaleType = "SCALE_OUT" | "SCALE_IN";

export interface Criterion {
  /** KPI id of the VNF's descriptor (e.g. oldest_message_age_seconds). */
  kpi: string;
  operator: RelationalOperator;
  threshold: number;
}

export interface ScalingRule {
  combine: Combine;
  criteria: Criterion[];
  /** The combined condition must hold at every evaluation for this long before it fires. */
  evaluationWindowSeconds: number;
  /** After a decision of this rule, no decision for the same aspect for this long. */
  cooldownSeconds: number;
}

export interface ScalingPolicy {
  id: string;
  /** Deployment flavour the policy applies to (the instance's instantiatedVnfInfo.flavourId). */
  flavour: string;
  /** Scaling aspect (SOL003 ScaleVnfRequest.aspectId). */
  aspect: string;
  scaleOut: ScalingRule;
  scaleIn: ScalingRule;
}

/** EQ/NE on measured floating point values compare within this tolerance. */
const EPSILON = 1e-9;

export function compare(value: number, operator: RelationalOperator, threshold: number): boolean {
  switch (operator) {
    case "GT":
      return value > threshold;
    case "GE":
      return value >= threshold;
    case "LT":
      return value < threshold;
    case "LE":
      return value <= threshold;
    case "EQ":
      return Math.abs(value - threshold) <= EPSILON;
    case "NE":
      return Math.abs(value - threshold) > EPSILON;
  }
}

/**
 * Problems that make a policy unsafe to run: unknown KPIs, and scale-in windows shorter than
 * scale-out windows (without that hysteresis a noisy signal can flap between the two).
 */
export function policyProblems(policy: ScalingPolicy, knownKpis: ReadonlySet<string>): string[] {
  const problems: string[] = [];
  for (const [direction, rule] of [
    ["scaleOut", policy.scaleOut],
    ["scaleIn", policy.scaleIn],
  ] as const) {
    if (rule.criteria.length === 0) problems.push(`policy ${policy.id}: ${direction} has no criteria`);
    for (const criterion of rule.criteria) {
      if (!knownKpis.has(criterion.kpi)) {
        problems.push(
          `policy ${policy.id}: ${direction} refers to KPI "${criterion.kpi}", which the descriptor does not declare`,
        );
      }
      if (!Number.isFinite(criterion.threshold))
        problems.push(`policy ${policy.id}: ${direction} threshold is not a finite number`);
    }
    if (!(rule.evaluationWindowSeconds >= 0) || !(rule.cooldownSeconds >= 0)) {
      problems.push(`policy ${policy.id}: ${direction} window and cooldown must be non-negative seconds`);
    }
  }
  if (policy.scaleIn.evaluationWindowSeconds < policy.scaleOut.evaluationWindowSeconds) {
    problems.push(
      `policy ${policy.id}: scaleIn.evaluationWindowSeconds (${policy.scaleIn.evaluationWindowSeconds}) is shorter than scaleOut's (${policy.scaleOut.evaluationWindowSeconds}); scale-in must wait at least as long (hysteresis)`,
    );
  }
  return problems;
}
