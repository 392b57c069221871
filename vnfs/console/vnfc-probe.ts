/**
 * Reads what the console shows about one VNFC straight from the process: readiness
 * (GET /readyz) and KPI gauges from its Prometheus /metrics. The port comes from the
 * VNFC's vnfcResourceInfo.metadata written by the local VIM; only loopback is contacted.
 */
export interface VnfcHealth {
  id: string;
  vduId: string;
  port?: number;
  ready: boolean;
}

export async function probeVnfc(vnfc: {
  id: string;
  vduId: string;
  metadata?: Record<string, unknown>;
}): Promise<VnfcHealth> {
  const port = typeof vnfc.metadata?.port === "number" ? vnfc.metadata.port : undefined;
  if (port === undefined) return { id: vnfc.id, vduId: vnfc.vduId, ready: false };
  const ready = await fetch(`http://127.0.0.1:${port}/readyz`, { signal: AbortSignal.timeout(2000) })
    .then((response) => response.ok)
    .catch(() => false);
  return { id: vnfc.id, vduId: vnfc.vduId, port, ready };
}

/** Sums the samples of every iotvf_* gauge/counter (histogram buckets excluded) of one VNFC. */
export async function vnfcKpis(port: number): Promise<Record<string, number>> {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`, { signal: AbortSignal.timeout(3000) });
  if (!response.ok) throw new Error(`/metrics answered ${response.status}`);
  const kpis: Record<string, number> = {};
  for (const line of (await response.text()).split("\n")) {
    const match = /^(iotvf_[a-z0-9_]+?)(\{[^}]*\})?\s+([-+0-9.eEInfNa]+)$/.exec(line);
    if (!match || /_bucket$|_sum$|_count$/.test(match[1]!)) continue;
    const value = Number(match[3]);
    if (Number.isFinite(value)) kpis[match[1]!] = (kpis[match[1]!] ?? 0) + value;
  }
  return kpis;
}
