import { Registry, collectDefaultMetrics } from "prom-client";

/**
 * One Prometheus registry per process: prom-client's default process and Node.js
 * metrics plus the IVF's own KPIs. Default labels identify the IVF and its instance,
 * both bounded sets (never device ids: see docs/kpis.md).
 */
export function createMetricsRegistry(labels: { ivf: string; instance: string }): Registry {
  const registry = new Registry();
  registry.setDefaultLabels(labels);
  collectDefaultMetrics({ register: registry });
  return registry;
}
