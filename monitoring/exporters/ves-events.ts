import type { VnfView } from "../hub/monitoring-hub.js";

/**
 * VES 7.2.1 `measurement` events (ONAP VES Event Listener 7.2.1; schema CommonEventFormat
 * 30.2.1): one event per VNF instance per interval; each KPI is an entry of the `iotvf`
 * additionalMeasurements hash map (values are strings there), per VNFC KPIs under `iotvf-vnfc:<id>`.
 */
export interface VesSource {
  reportingEntityName: string;
  reportingEntityId?: string;
  nfVendorName: string;
}

export interface VesEvent {
  commonEventHeader: Record<string, unknown>;
  measurementFields: Record<string, unknown>;
}

export function measurementEvent(
  view: VnfView,
  source: VesSource,
  sequence: number,
  intervalSeconds: number,
): VesEvent | undefined {
  const snapshot = view.snapshot;
  if (!snapshot) return undefined;
  const lastMicros = snapshot.at * 1000;
  const startMicros = lastMicros - intervalSeconds * 1_000_000;
  const measurements = [{ name: "iotvf", hashMap: stringMap(snapshot.values) }];
  for (const [vnfcId, values] of Object.entries(snapshot.perVnfc))
    measurements.push({ name: `iotvf-vnfc:${vnfcId}`, hashMap: stringMap(values) });
  return {
    commonEventHeader: {
      domain: "measurement",
      eventId: `measurement-${view.vnf.id}-${sequence}`,
      eventName: `Measurement_${sanitize(view.vnf.vnfProductName ?? "IoTVF")}_KPI`,
      eventType: "iotvf-kpi",
      lastEpochMicrosec: lastMicros,
      priority: "Normal",
      reportingEntityName: source.reportingEntityName,
      ...(source.reportingEntityId ? { reportingEntityId: source.reportingEntityId } : {}),
      sequence,
      sourceId: view.vnf.id,
      sourceName: view.vnf.vnfInstanceName ?? view.vnf.id,
      startEpochMicrosec: startMicros,
      nfVendorName: source.nfVendorName,
      version: "4.1",
      vesEventListenerVersion: "7.2.1",
    },
    measurementFields: {
      measurementFieldsVersion: "4.0",
      measurementInterval: intervalSeconds,
      additionalMeasurements: measurements,
      additionalFields: {
        vnfdId: view.vnf.vnfdId,
        flavourId: view.vnf.flavourId,
        reportingVnfcs: String(snapshot.reportingVnfcs),
      },
    },
  };
}

function stringMap(values: Record<string, number>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(values).map(([key, value]) => [key, String(Math.round(value * 1e6) / 1e6)]),
  );
}

function sanitize(text: string): string {
  return text.replace(/[^A-Za-z0-9]+/g, "_").slice(0, 64) || "IoTVF";
}
