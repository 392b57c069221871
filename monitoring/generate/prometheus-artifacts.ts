import yaml from "js-yaml";
import type { DeclaredKpi } from "../discovery/monitoring-profile.js";
import type { ScalingPolicy, ScalingRule } from "../autoscaling/policy-model.js";
import { criterionExpression, kpiExpression, recordName } from "./promql.js";

/** The part of an IVF model (descriptors/model IvfModel) the generators read. */
export interface PackageModel {
  name: string;
  productName: string;
  monitoring: { metricsPath: string; kpis: DeclaredKpi[]; scalingPolicies: ScalingPolicy[] };
}

export interface ScrapeConfigOptions {
  /** host:port of the package's VNFCs (static) ... */
  targets?: string[];
  /** ... or a file_sd JSON/YAML file that the VNFM or an operator keeps current. */
  fileSdPath?: string;
  /** host:port of `ivf monitor` (its /metrics carries osm_* and agent health). */
  agentTarget?: string;
  scrapeIntervalSeconds: number;
  ruleFiles?: string[];
}

/** prometheus.yml for one package: its VNFCs and the monitoring agent, with the package's rules. */
export function scrapeConfig(models: PackageModel[], options: ScrapeConfigOptions): string {
  const interval = `${options.scrapeIntervalSeconds}s`;
  const jobs: Record<string, unknown>[] = models.map((model) => ({
    job_name: `iotvf_${model.name.replace(/-/g, "_")}`,
    metrics_path: model.monitoring.metricsPath,
    scrape_interval: interval,
    scrape_timeout: `${Math.max(1, Math.floor(options.scrapeIntervalSeconds * 0.8))}s`,
    ...(options.fileSdPath
      ? { file_sd_configs: [{ files: [options.fileSdPath], refresh_interval: "30s" }] }
      : { static_configs: [{ targets: options.targets ?? [], labels: { package: model.productName } }] }),
    // Only this package's series: the job may point at a shared file_sd list.
    metric_relabel_configs: [
      { source_labels: ["ivf"], regex: `${escapeRegex(model.name)}|`, action: "keep" },
    ],
  }));
  if (options.agentTarget)
    jobs.push({
      job_name: "iotvf_monitor",
      scrape_interval: interval,
      static_configs: [{ targets: [options.agentTarget] }],
    });
  return yaml.dump(
    {
      global: { scrape_interval: interval, evaluation_interval: interval },
      rule_files: options.ruleFiles ?? [],
      scrape_configs: jobs,
    },
    { lineWidth: 160, noRefs: true },
  );
}

/**
 * Recording rules for every KPI, and alerting rules derived from the VNFD auto-scaling policies
 * (one per policy and direction, `for:` = the evaluation window) plus health alerts. They let an
 * operator (or Tacker's Prometheus-driven auto-scaling) see the same decisions the agent takes.
 */
export function alertingRules(
  model: PackageModel,
  options: { scrapeIntervalSeconds: number; backlogAgeLimitSeconds: number },
): string {
  const kpis = new Map(model.monitoring.kpis.map((kpi) => [kpi.id, kpi]));
  const rateWindow = Math.max(4 * options.scrapeIntervalSeconds, 10);
  const records = model.monitoring.kpis.map((kpi) => ({
    record: recordName(kpi),
    expr: kpiExpression(kpi, model.name, rateWindow),
  }));
  const policyAlerts = model.monitoring.scalingPolicies.flatMap((policy) => [
    policyAlert(model, policy, "scale_out", policy.scaleOut, kpis),
    policyAlert(model, policy, "scale_in", policy.scaleIn, kpis),
  ]);
  const selector = `{ivf=${JSON.stringify(model.name)}}`;
  const health = [
    {
      alert: "IvfVnfcNotReady",
      expr: `iotvf_instance_ready${selector} == 0`,
      for: `${3 * options.scrapeIntervalSeconds}s`,
      labels: { severity: "critical", ivf: model.name },
      annotations: {
        summary: `A ${model.name} VNFC reports not ready`,
        description: "{{ $labels.instance }} answers /readyz with 503 (see its failing checks).",
      },
    },
    {
      alert: "IvfBacklogAgeOverLimit",
      expr: `max by (ivf) (iotvf_oldest_message_age_seconds${selector}) > ${options.backlogAgeLimitSeconds}`,
      for: `${options.scrapeIntervalSeconds}s`,
      labels: { severity: "major", ivf: model.name },
      annotations: {
        summary: `${model.name} work waits longer than ${options.backlogAgeLimitSeconds} s`,
        description: "Oldest waiting message is {{ $value | humanizeDuration }} old.",
      },
    },
  ];
  return yaml.dump(
    {
      groups: [
        { name: `iotvf_${model.name}_kpis`, interval: `${options.scrapeIntervalSeconds}s`, rules: records },
        {
          name: `iotvf_${model.name}_autoscaling`,
          interval: `${options.scrapeIntervalSeconds}s`,
          rules: [...policyAlerts, ...health],
        },
      ],
    },
    { lineWidth: 200, noRefs: true },
  );
}

function policyAlert(
  model: PackageModel,
  policy: ScalingPolicy,
  direction: "scale_out" | "scale_in",
  rule: ScalingRule,
  kpis: Map<string, DeclaredKpi>,
) {
  const joiner = rule.combine === "AND" ? " and " : " or ";
  const expr = rule.criteria.map((criterion) => `(${criterionExpression(criterion, kpis)})`).join(joiner);
  const name = `${direction === "scale_out" ? "IvfScaleOut" : "IvfScaleIn"}_${policy.id.replace(/[^A-Za-z0-9_]/g, "_")}`;
  return {
    alert: name,
    expr,
    for: `${rule.evaluationWindowSeconds}s`,
    labels: {
      severity: "info",
      ivf: model.name,
      policy: policy.id,
      aspect: policy.aspect,
      direction,
      cooldown_seconds: String(rule.cooldownSeconds),
    },
    annotations: {
      summary: `${model.name}: ${direction.replace("_", "-")} condition of policy ${policy.id} held for ${rule.evaluationWindowSeconds} s`,
      description: rule.criteria
        .map((c) => `${c.kpi} ${c.operator} ${c.threshold}`)
        .join(` ${rule.combine} `),
    },
  };
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
