import type { Kpi } from "../model/model-types.js";

/**
 * PromQL for a KPI aggregated over a VNF's instances. Shared by the VNF indicators, the
 * Prometheus rules and the dashboards so they all compute the same number.
 */
export function kpiExpression(kpi: Kpi, selector: string, windowSeconds = 60): string {
  const labels = `{${selector}}`;
  switch (kpi.aggregation) {
    case "rate":
      return `sum(rate(${kpi.metric}${labels}[${windowSeconds}s]))`;
    case "p99":
      return `histogram_quantile(0.99, sum by (le) (rate(${kpi.metric}_bucket${labels}[${windowSeconds}s])))`;
    default:
      return `${kpi.aggregation}(${kpi.metric}${labels})`;
  }
}

export const promOperator: Record<string, string> = {
  GT: ">",
  GE: ">=",
  LT: "<",
  LE: "<=",
  EQ: "==",
  NE: "!=",
};
