import { modelErrorCodes } from "./model-errors.js";
import type { IssueSink } from "./ivf-checks.js";
import type { IvfModel, ScalingRule } from "./model-types.js";

/** KPI and auto-scaling policy rules of an IVF model (naming, references, hysteresis). */
export function checkMonitoring(sink: IssueSink, model: IvfModel): void {
  const { monitoring } = model;
  sink.unique(monitoring.kpis, (kpi) => kpi.id, ["monitoring", "kpis"], "KPI");
  sink.unique(monitoring.kpis, (kpi) => kpi.metric, ["monitoring", "kpis"], "KPI metric");
  monitoring.kpis.forEach((kpi, k) => {
    if (kpi.type === "counter" && !kpi.metric.endsWith("_total"))
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["monitoring", "kpis", k, "metric"],
        `counter "${kpi.metric}" must end in _total`,
        "Prometheus naming convention",
      );
    if ((kpi.aggregation === "rate") !== (kpi.type === "counter"))
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["monitoring", "kpis", k, "aggregation"],
        "aggregation rate applies to counters, and counters need rate",
      );
    if ((kpi.aggregation === "p99") !== (kpi.type === "histogram"))
      sink.add(
        modelErrorCodes.CONSISTENCY,
        ["monitoring", "kpis", k, "aggregation"],
        "aggregation p99 applies to histograms, and histograms need p99",
      );
  });
  const metricsPorts = model.vnfcs
    .flatMap((vnfc) => vnfc.ports)
    .filter((port) => port.name === monitoring.metricsPort);
  if (metricsPorts.length === 0 || metricsPorts.some((port) => port.appProtocol !== "http"))
    sink.add(
      modelErrorCodes.REFERENCE,
      ["monitoring", "metricsPort"],
      `"${monitoring.metricsPort}" is not an http port of every VNFC`,
    );
  sink.unique(
    monitoring.scalingPolicies,
    (policy) => policy.id,
    ["monitoring", "scalingPolicies"],
    "scaling policy",
  );
  monitoring.scalingPolicies.forEach((policy, p) => {
    const at = ["monitoring", "scalingPolicies", p];
    const flavour = model.flavours.find((candidate) => candidate.id === policy.flavour);
    if (!flavour)
      sink.add(modelErrorCodes.REFERENCE, [...at, "flavour"], `flavour "${policy.flavour}" is not declared`);
    else if (!flavour.scalingAspects.some((aspect) => aspect.id === policy.aspect))
      sink.add(
        modelErrorCodes.REFERENCE,
        [...at, "aspect"],
        `scaling aspect "${policy.aspect}" is not declared in flavour "${policy.flavour}"`,
      );
    for (const direction of ["scaleOut", "scaleIn"] as const)
      policy[direction].criteria.forEach((criterion, c) => {
        if (!monitoring.kpis.some((kpi) => kpi.id === criterion.kpi))
          sink.add(
            modelErrorCodes.REFERENCE,
            [...at, direction, "criteria", c, "kpi"],
            `KPI "${criterion.kpi}" is not declared under monitoring.kpis`,
          );
      });
    checkHysteresis(sink, policy.scaleOut, policy.scaleIn, at);
  });
}

const upward = new Set(["GT", "GE"]);
const downward = new Set(["LT", "LE"]);

/**
 * Scale-in must not fire where scale-out fires, or the VNF flaps: for a KPI used in both
 * directions the scale-in band has to lie strictly on the other side of the scale-out band.
 */
function checkHysteresis(
  sink: IssueSink,
  out: ScalingRule,
  inward: ScalingRule,
  at: (string | number)[],
): void {
  inward.criteria.forEach((criterion, c) => {
    const path = [...at, "scaleIn", "criteria", c];
    for (const other of out.criteria.filter((candidate) => candidate.kpi === criterion.kpi)) {
      if (upward.has(other.operator) && downward.has(criterion.operator)) {
        if (!(criterion.threshold < other.threshold))
          sink.add(
            modelErrorCodes.SCALING,
            [...path, "threshold"],
            `scale-in threshold ${criterion.threshold} must be below the scale-out threshold ${other.threshold} on "${criterion.kpi}"`,
            "leave a hysteresis gap",
          );
      } else if (downward.has(other.operator) && upward.has(criterion.operator)) {
        if (!(criterion.threshold > other.threshold))
          sink.add(
            modelErrorCodes.SCALING,
            [...path, "threshold"],
            `scale-in threshold ${criterion.threshold} must be above the scale-out threshold ${other.threshold} on "${criterion.kpi}"`,
            "leave a hysteresis gap",
          );
      } else {
        sink.add(
          modelErrorCodes.SCALING,
          [...path, "operator"],
          `scale-in and scale-out on "${criterion.kpi}" must use opposite comparisons (got ${other.operator} / ${criterion.operator})`,
        );
      }
    }
  });
}
