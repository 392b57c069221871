import { compare, type ScalingRule } from "./policy-model.js";

export interface RuleVerdict {
  holds: boolean;
  /** Human-readable evidence: each criterion with its value, e.g. "oldest_message_age_seconds=4.2 GT 2". */
  evidence: string[];
}

/**
 * Evaluates a rule's criteria against one aggregate. A criterion whose KPI has no value is
 * false. `conservative` (used for scale-in) makes any missing KPI fail the whole rule even under
 * OR: the agent never removes capacity on the strength of missing data.
 */
export function evaluateRule(
  rule: ScalingRule,
  values: Record<string, number>,
  conservative: boolean,
): RuleVerdict {
  const evidence: string[] = [];
  const results = rule.criteria.map((criterion) => {
    const value = values[criterion.kpi];
    if (value === undefined) {
      evidence.push(`${criterion.kpi}=n/a`);
      return undefined;
    }
    const holds = compare(value, criterion.operator, criterion.threshold);
    evidence.push(`${criterion.kpi}=${round(value)} ${criterion.operator} ${criterion.threshold}: ${holds}`);
    return holds;
  });
  if (conservative && results.includes(undefined)) return { holds: false, evidence };
  const known = results.map((result) => result === true);
  const holds = rule.combine === "AND" ? known.every(Boolean) : known.some(Boolean);
  return { holds, evidence };
}

/**
 * Remembers since when a condition has held without interruption. A gap in evaluations longer
 * than `maxGapMs` (agent paused, scrapes failing) breaks the run: "held for the whole window"
 * must be backed by observations across that window.
 */
export class SustainTracker {
  private since: number | undefined;
  private lastAt: number | undefined;

  constructor(private readonly maxGapMs: number) {}

  observe(holds: boolean, at: number): void {
    const gap = this.lastAt === undefined ? 0 : at - this.lastAt;
    this.lastAt = at;
    if (!holds || gap > this.maxGapMs) {
      this.since = holds ? at : undefined;
      return;
    }
    this.since ??= at;
  }

  heldFor(at: number): number {
    return this.since === undefined ? 0 : at - this.since;
  }

  reset(): void {
    this.since = undefined;
  }
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
