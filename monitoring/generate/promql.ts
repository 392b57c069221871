import type { DeclaredKpi } from "../discovery/monitoring-profile.js";
import type { Criterion, RelationalOperator } from "../autoscaling/policy-model.js";

/**
 * PromQL for a descriptor KPI over the IVF's own series (labels `ivf` and `instance` come from
 * the runtime kit's default labels). Grouped by `ivf`: the package's VNF, whatever its VNFC count.
 */
export function kpiExpression(kpi: DeclaredKpi, ivf: string, rateWindowSeconds: number): string {
  const selector = `{ivf=${JSON.stringify(ivf)}}`;
  const window = `[${rateWindowSeconds}s]`;
  switch (kpi.aggregation) {
    case "sum":
    case "max":
    case "avg":
      return `${kpi.aggregation} by (ivf) (${kpi.metric}${selector})`;
    case "rate":
      return `sum by (ivf) (rate(${kpi.metric}${selector}${window}))`;
    case "p99":
      return `histogram_quantile(0.99, sum by (ivf, le) (rate(${kpi.metric}_bucket${selector}${window})))`;
  }
}

/** Recording rule name of a KPI (Prometheus naming: level:metric:operations). */
export function recordName(kpi: DeclaredKpi): string {
  return `ivf:${kpi.id}:${kpi.aggregation}`;
}

const OPERATORS: Record<RelationalOperator, string> = {
  GT: ">",
  GE: ">=",
  LT: "<",
  LE: "<=",
  EQ: "==",
  NE: "!=",
};

export function criterionExpression(criterion: Criterion, kpis: Map<string, DeclaredKpi>): string {
  const kpi = kpis.get(criterion.kpi);
  if (!kpi) throw new Error(`criterion refers to undeclared KPI ${criterion.kpi}`);
  return `${recordName(kpi)} ${OPERATORS[criterion.operator]} ${formatNumber(criterion.threshold)}`;
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) throw new Error(`threshold ${value} is not finite`);
  return String(value);
}
