import type { LoadedIvfModel, ScalingRule } from "../../model/model-types.js";
import { kpiExpression, promOperator } from "../promql.js";
import { emitYaml } from "../yaml-emit.js";

/**
 * Prometheus rule file (non-MANO artefact): one recording rule per KPI, aggregated over the
 * VNF's instances, and one alert per scaling direction. AND/OR of the criteria become PromQL
 * `and`/`or`; the evaluation window is the alert's `for`.
 */
function condition(loaded: LoadedIvfModel, rule: ScalingRule): string {
  const parts = rule.criteria.map(
    (criterion) =>
      `(iotvf:${criterion.kpi}:${loaded.model.name.replace(/-/g, "_")} ${promOperator[criterion.operator]} ${criterion.threshold})`,
  );
  return parts.join(rule.combine === "AND" ? " and " : " or ");
}

export function renderPrometheusRules(loaded: LoadedIvfModel): string {
  const { model } = loaded;
  const selector = `vnf="${model.name}"`;
  const suffix = model.name.replace(/-/g, "_");
  const records = model.monitoring.kpis.map((kpi) => ({
    record: `iotvf:${kpi.id}:${suffix}`,
    expr: kpiExpression(kpi, selector, kpi.collectionPeriodSeconds * 4),
  }));
  const alerts = model.monitoring.scalingPolicies.flatMap((policy) =>
    (["scaleOut", "scaleIn"] as const).map((direction) => {
      const rule = policy[direction];
      return {
        alert: `IvfScale${direction === "scaleOut" ? "Out" : "In"}_${suffix}_${policy.id.replace(/-/g, "_")}`,
        expr: condition(loaded, rule),
        for: `${rule.evaluationWindowSeconds}s`,
        labels: {
          vnf: model.name,
          aspect: policy.aspect,
          direction: direction === "scaleOut" ? "SCALE_OUT" : "SCALE_IN",
        },
        annotations: {
          summary: `${model.name}: ${direction === "scaleOut" ? "scale out" : "scale in"} aspect ${policy.aspect}`,
          cooldown_seconds: String(rule.cooldownSeconds),
        },
      };
    }),
  );
  return emitYaml({ groups: [{ name: `iotvf-${model.name}`, rules: [...records, ...alerts] }] });
}
