/**
 * The per-VNF-instance KPIs the agent derives from the IVFs' /metrics (docs/kpis.md lists
 * them with the raw metrics). Scaling policies, SOL003 PM jobs, thresholds, indicators, the OSM
 * exporter (`osm_<id>`) and VES events all name these ids, so one definition serves them all.
 */

export type Aggregation =
  /** Latest gauge value summed over the VNFCs (queue depth, connections). */
  | { kind: "sum"; metric: string }
  /** Latest gauge value, maximum over the VNFCs (oldest message age: the worst queue counts). */
  | { kind: "max"; metric: string }
  /** Latest gauge value averaged over the VNFCs (utilisation of the instance pool). */
  | { kind: "avg"; metric: string }
  /** Per-second increase of a counter over the window, summed over VNFCs (reset-safe). */
  | { kind: "rate"; metric: string; labels?: Record<string, string> }
  /** Quantile of a histogram's observations during the window, all VNFCs merged. */
  | { kind: "quantile"; metric: string; quantile: number };

export interface KpiDefinition {
  id: string;
  unit: string;
  description: string;
  aggregation: Aggregation;
  /** True when the KPI is a sensible scaling signal (docs/kpis.md "scaling"). */
  scaling: boolean;
}

const kpi = (
  id: string,
  unit: string,
  scaling: boolean,
  aggregation: Aggregation,
  description: string,
): KpiDefinition => ({
  id,
  unit,
  scaling,
  aggregation,
  description,
});

export const kpiCatalogue: readonly KpiDefinition[] = [
  kpi(
    "backlog_messages",
    "messages",
    true,
    { kind: "sum", metric: "iotvf_backlog_messages" },
    "Messages waiting in the work queues of all VNFCs",
  ),
  kpi(
    "oldest_message_age_seconds",
    "seconds",
    true,
    { kind: "max", metric: "iotvf_oldest_message_age_seconds" },
    "Age of the oldest waiting message over all VNFCs",
  ),
  kpi(
    "utilization_ratio",
    "ratio",
    true,
    { kind: "avg", metric: "iotvf_utilization_ratio" },
    "Mean utilisation of the VNFCs (processed rate over calibrated capacity)",
  ),
  kpi(
    "messages_received_per_second",
    "messages/s",
    true,
    { kind: "rate", metric: "iotvf_messages_received_total" },
    "Ingress rate of the VNF instance",
  ),
  kpi(
    "messages_processed_per_second",
    "messages/s",
    true,
    { kind: "rate", metric: "iotvf_messages_processed_total" },
    "Egress rate (all outcomes) of the VNF instance",
  ),
  kpi(
    "messages_failed_per_second",
    "messages/s",
    false,
    { kind: "rate", metric: "iotvf_messages_processed_total", labels: { outcome: "error" } },
    "Rate of messages whose processing ended in error",
  ),
  kpi(
    "dropped_messages_per_second",
    "messages/s",
    false,
    { kind: "rate", metric: "iotvf_dropped_messages_total" },
    "Rate of refused or dead-lettered messages (all reasons)",
  ),
  kpi(
    "processing_duration_p50_seconds",
    "seconds",
    false,
    { kind: "quantile", metric: "iotvf_processing_duration_seconds", quantile: 0.5 },
    "Median processing time of one message during the window",
  ),
  kpi(
    "processing_duration_p99_seconds",
    "seconds",
    true,
    { kind: "quantile", metric: "iotvf_processing_duration_seconds", quantile: 0.99 },
    "99th percentile processing time during the window",
  ),
  kpi(
    "end_to_end_latency_p99_seconds",
    "seconds",
    true,
    { kind: "quantile", metric: "iotvf_end_to_end_latency_seconds", quantile: 0.99 },
    "99th percentile of acceptance-to-processed latency during the window",
  ),
  kpi(
    "inflight_messages",
    "messages",
    false,
    { kind: "sum", metric: "iotvf_inflight_messages" },
    "Deliveries held and not yet acknowledged, all VNFCs",
  ),
  kpi(
    "connected_devices",
    "devices",
    true,
    { kind: "sum", metric: "iotvf_connected_devices" },
    "Devices or servers connected to the VNF instance",
  ),
  kpi(
    "storage_write_p99_seconds",
    "seconds",
    false,
    { kind: "quantile", metric: "iotvf_storage_write_duration_seconds", quantile: 0.99 },
    "99th percentile store write time during the window",
  ),
  kpi(
    "storage_write_errors_per_second",
    "errors/s",
    false,
    { kind: "rate", metric: "iotvf_storage_write_errors_total" },
    "Rate of failed store writes",
  ),
  kpi(
    "backpressure_vnfcs",
    "VNFCs",
    true,
    { kind: "sum", metric: "iotvf_backpressure_active" },
    "Number of VNFCs currently refusing or pausing ingress",
  ),
  kpi(
    "ready_vnfcs",
    "VNFCs",
    false,
    { kind: "sum", metric: "iotvf_instance_ready" },
    "Number of VNFCs reporting ready",
  ),
  kpi(
    "opcua_sessions",
    "sessions",
    true,
    { kind: "sum", metric: "iotvf_opcua_sessions" },
    "Open OPC UA sessions of the VNF instance",
  ),
  kpi(
    "opcua_monitored_items",
    "items",
    true,
    { kind: "sum", metric: "iotvf_opcua_monitored_items" },
    "OPC UA monitored items of the VNF instance",
  ),
  kpi(
    "opcua_notifications_per_second",
    "notifications/s",
    true,
    { kind: "rate", metric: "iotvf_opcua_notifications_total" },
    "OPC UA data change notifications per second",
  ),
];

const byId = new Map(kpiCatalogue.map((entry) => [entry.id, entry]));
const byMetric = new Map<string, KpiDefinition>();
for (const entry of kpiCatalogue) {
  if (!byMetric.has(entry.aggregation.metric)) byMetric.set(entry.aggregation.metric, entry);
}

/**
 * Resolves a policy's metric reference: a KPI id ("oldest_message_age_seconds"), the raw metric
 * it comes from ("iotvf_oldest_message_age_seconds"), or OSM's `kpi_<id>` performance-metric form.
 */
export function resolveKpi(reference: string): KpiDefinition | undefined {
  const bare = reference.startsWith("kpi_")
    ? reference.slice(4)
    : reference.startsWith("osm_")
      ? reference.slice(4)
      : reference;
  return byId.get(bare) ?? byMetric.get(reference) ?? byId.get(bare.replace(/^iotvf_/, ""));
}

export function kpiById(id: string): KpiDefinition | undefined {
  return byId.get(id);
}
