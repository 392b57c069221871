import type { IvfModel, Kpi, Vnfc } from "../../model/model-types.js";

/**
 * Value conversions between the model and SOL006 v2.6.1 / OSM IM leaves.
 * - virtual-memory/size is decimal64 GB with 1 fraction digit: round MiB up to 0.1 GB so the
 *   VIM flavour is never smaller than the model asks.
 * - OSM NG-SA reads threshold-time and cooldown-time in whole minutes (notes/osm.md 3.2), so
 *   seconds are rounded up to the next minute (at least 1 for the threshold window).
 */
export function memoryGb(memoryMiB: number): number {
  return Math.ceil((memoryMiB / 1024) * 10) / 10;
}

export function minutesCeil(seconds: number, minimum: number): number {
  return Math.max(minimum, Math.ceil(seconds / 60));
}

/** OSM autoscaling exporter KPIs: performance-metric kpi_<id>; the exporter serves osm_<id>. */
export function osmPerformanceMetric(kpi: Kpi): string {
  return `kpi_${kpi.id}`;
}

export function monitoringParameterId(vnfc: Vnfc, kpi: Kpi): string {
  return `${vnfc.id}-${kpi.id.replace(/_/g, "-")}`;
}

export function metricsPort(model: IvfModel): { port: number; extCpd: string } {
  const port = model.vnfcs
    .flatMap((vnfc) => vnfc.ports)
    .find((candidate) => candidate.name === model.monitoring.metricsPort);
  if (!port) throw new Error(`model ${model.name}: metrics port ${model.monitoring.metricsPort} not found`);
  return { port: port.port, extCpd: port.extCpd };
}

export function cloudInitFileName(model: IvfModel, vnfc: Vnfc): string {
  return `${model.name}-${vnfc.id}-cloud-config.txt`;
}
