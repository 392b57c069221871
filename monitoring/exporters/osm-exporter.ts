import { Gauge, type Registry } from "prom-client";
import type { KpiDefinition } from "../aggregation/kpi-catalogue.js";
import type { MonitoringHub, VnfView } from "../hub/monitoring-hub.js";

/** Labels OSM puts on its KPI series (notes/osm.md §3.2-3.3): bounded by the number of VDUs. */
const LABELS = ["ns_id", "vnf_member_index", "vdu_name", "vnf_instance_id"] as const;
type Label = (typeof LABELS)[number];

/**
 * Exposes every KPI as `osm_<kpi id>` per VNF instance and VDU on the agent's /metrics, the
 * form OSM's autoscaling alerts query when a package declares `exporters-endpoints` with
 * `performance-metric: kpi_<id>` (notes/osm.md §3.3). Values are recomputed per VDU from the
 * VNFCs' own aggregates: sums and rates add up, gauges take max/mean; a percentile per VDU is the
 * largest VNFC percentile (an upper bound, since percentiles do not merge).
 */
export class OsmExporter {
  private readonly gauges = new Map<string, Gauge<Label>>();

  constructor(
    private readonly registry: Registry,
    private readonly hub: MonitoringHub,
  ) {}

  /** Creates the gauges of KPIs not seen before (descriptors may declare their own KPIs). */
  declare(kpis: readonly KpiDefinition[]): void {
    for (const kpi of kpis) {
      const name = `osm_${kpi.id}`;
      if (this.gauges.has(name) || this.registry.getSingleMetric(name)) continue;
      const hub = this.hub;
      const gauge: Gauge<Label> = new Gauge<Label>({
        name,
        help: `${kpi.description} (${kpi.unit}), per VNF instance and VDU, for OSM exporters-endpoints`,
        labelNames: [...LABELS],
        registers: [this.registry],
        collect() {
          gauge.reset();
          for (const view of hub.list())
            for (const [labels, value] of valuesPerVdu(view, kpi)) gauge.set(labels, value);
        },
      });
      this.gauges.set(name, gauge);
    }
  }
}

export function osmLabels(view: VnfView, vduId: string): Record<Label, string> {
  const metadata = view.vnf.metadata;
  const text = (...keys: string[]) => {
    for (const key of keys)
      if (typeof metadata[key] === "string" || typeof metadata[key] === "number")
        return String(metadata[key]);
    return ""; // an empty label value is an absent label in Prometheus
  };
  return {
    ns_id: text("nsInstanceId", "ns_id", "nsId"),
    vnf_member_index: text("vnfMemberIndex", "member-vnf-index", "vnf_member_index"),
    vdu_name: vduId,
    vnf_instance_id: view.vnf.id,
  };
}

function valuesPerVdu(view: VnfView, kpi: KpiDefinition): [Record<Label, string>, number][] {
  const snapshot = view.snapshot;
  if (!snapshot) return [];
  const byVdu = new Map<string, number[]>();
  for (const vnfc of view.vnf.vnfcs) {
    const value = snapshot.perVnfc[vnfc.id]?.[kpi.id];
    if (value === undefined) continue;
    byVdu.set(vnfc.vduId, [...(byVdu.get(vnfc.vduId) ?? []), value]);
  }
  return [...byVdu].map(([vduId, values]) => [osmLabels(view, vduId), combine(kpi, values)]);
}

function combine(kpi: KpiDefinition, values: number[]): number {
  switch (kpi.aggregation.kind) {
    case "sum":
    case "rate":
      return values.reduce((a, b) => a + b, 0);
    case "avg":
      return values.reduce((a, b) => a + b, 0) / values.length;
    case "max":
    case "quantile":
      return Math.max(...values);
  }
}
