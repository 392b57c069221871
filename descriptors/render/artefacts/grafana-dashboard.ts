import { createHash } from "node:crypto";
import type { LoadedIvfModel } from "../../model/model-types.js";
import { kpiExpression } from "../promql.js";

/** Grafana dashboard (non-MANO artefact): one time series panel per KPI, stable uid. */
export function renderGrafanaDashboard(loaded: LoadedIvfModel): string {
  const { model } = loaded;
  const uid = createHash("sha256").update(`iotvf-${model.name}`).digest("hex").slice(0, 12);
  const panels = model.monitoring.kpis.map((kpi, index) => ({
    id: index + 1,
    type: "timeseries",
    title: `${kpi.id} (${kpi.unit})`,
    description: kpi.description,
    gridPos: { h: 8, w: 12, x: (index % 2) * 12, y: Math.floor(index / 2) * 8 },
    datasource: { type: "prometheus", uid: "${datasource}" },
    targets: [{ refId: "A", expr: kpiExpression(kpi, `vnf="${model.name}"`), legendFormat: kpi.id }],
  }));
  const dashboard = {
    uid,
    title: `IoT VF ${model.name}`,
    tags: ["iotvf", model.name],
    schemaVersion: 39,
    version: 1,
    time: { from: "now-1h", to: "now" },
    templating: { list: [{ name: "datasource", type: "datasource", query: "prometheus" }] },
    panels,
  };
  return `${JSON.stringify(dashboard, null, 2)}\n`;
}
