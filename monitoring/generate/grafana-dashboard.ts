import { createHash } from "node:crypto";
import type { PackageModel } from "./prometheus-artifacts.js";
import { kpiExpression } from "./promql.js";

const UNITS: Record<string, string> = {
  seconds: "s",
  messages: "short",
  ratio: "percentunit",
  bytes: "bytes",
  messages_per_second: "reqps",
  connections: "short",
  devices: "short",
};

/**
 * Grafana dashboard of a package: one time series per KPI plus VNFC readiness and the
 * scaling thresholds as constant lines. The uid is derived from the package name (stable across
 * regenerations, so links and provisioning keep working) and the datasource is referenced by uid,
 * not by name (notes/iot-platforms.md §6).
 */
export function grafanaDashboard(
  model: PackageModel,
  options: { datasourceUid: string; scrapeIntervalSeconds: number },
): Record<string, unknown> {
  const datasource = { type: "prometheus", uid: options.datasourceUid };
  const rateWindow = Math.max(4 * options.scrapeIntervalSeconds, 10);
  const thresholds = thresholdsByKpi(model);
  const panels = model.monitoring.kpis.map((kpi, index) => ({
    id: index + 1,
    type: "timeseries",
    title: `${kpi.id} (${kpi.aggregation})`,
    description: kpi.description,
    datasource,
    gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
    fieldConfig: {
      defaults: {
        unit: UNITS[kpi.unit] ?? "short",
        thresholds: {
          mode: "absolute",
          steps: [
            { color: "green", value: null },
            ...(thresholds.get(kpi.id) ?? []).map((value) => ({ color: "red", value })),
          ],
        },
        custom: { thresholdsStyle: { mode: thresholds.has(kpi.id) ? "line" : "off" } },
      },
      overrides: [],
    },
    targets: [
      { refId: "A", datasource, expr: kpiExpression(kpi, model.name, rateWindow), legendFormat: kpi.id },
    ],
  }));
  const readinessY = Math.ceil(panels.length / 2) * 8;
  panels.push({
    id: panels.length + 1,
    type: "timeseries",
    title: "Ready VNFCs",
    description: "VNFCs answering /readyz (iotvf_instance_ready); the count follows scale-out and scale-in",
    datasource,
    gridPos: { h: 8, w: 24, x: 0, y: readinessY },
    fieldConfig: {
      defaults: {
        unit: "short",
        thresholds: { mode: "absolute", steps: [{ color: "green", value: null }] },
        custom: { thresholdsStyle: { mode: "off" } },
      },
      overrides: [],
    },
    targets: [
      {
        refId: "A",
        datasource,
        expr: `sum by (ivf) (iotvf_instance_ready{ivf=${JSON.stringify(model.name)}})`,
        legendFormat: "ready VNFCs",
      },
    ],
  });
  return {
    uid: dashboardUid(model.name),
    title: `IoT VNF — ${model.productName}`,
    tags: ["iotvf", model.name],
    timezone: "utc",
    schemaVersion: 39,
    version: 1,
    editable: false,
    refresh: `${Math.max(5, options.scrapeIntervalSeconds)}s`,
    time: { from: "now-1h", to: "now" },
    templating: { list: [] },
    annotations: { list: [] },
    panels,
  };
}

/** Grafana uids are at most 40 characters; a hash keeps them stable and unique per package. */
export function dashboardUid(packageName: string): string {
  return `iotvf-${createHash("sha256").update(packageName).digest("hex").slice(0, 16)}`;
}

function thresholdsByKpi(model: PackageModel): Map<string, number[]> {
  const result = new Map<string, number[]>();
  for (const policy of model.monitoring.scalingPolicies) {
    for (const criterion of [...policy.scaleOut.criteria, ...policy.scaleIn.criteria]) {
      result.set(
        criterion.kpi,
        [...new Set([...(result.get(criterion.kpi) ?? []), criterion.threshold])].sort((a, b) => a - b),
      );
    }
  }
  return result;
}
