import { noToken, type TokenSource } from "../autoscaling/access-token.js";
import type { MonitoredVnf, MonitoredVnfc, VnfInstanceSource } from "./monitored-vnf.js";

export interface Sol003SourceOptions {
  vnfmUrl: string;
  tokens?: TokenSource;
  timeoutMs?: number;
  /** Upper bound of instances read per poll (pages followed through the Link header). */
  maxInstances?: number;
}

interface VnfcResourceInfo {
  id?: unknown;
  vduId?: unknown;
  metadata?: Record<string, unknown>;
}

/**
 * Reads VNF instances from the VNFM's `GET /vnflcm/v2/vnf_instances` (SOL003 5.4.2), following
 * SOL013 paging links. A VNFC's HTTP endpoint comes from its vnfcResourceInfo metadata:
 * `metricsUrl`/`baseUrl` when the VIM driver publishes one, else `host` (default 127.0.0.1, the
 * local-process driver's loopback binding) and `port`.
 */
export class Sol003InstanceSource implements VnfInstanceSource {
  private readonly tokens: TokenSource;

  constructor(private readonly options: Sol003SourceOptions) {
    this.tokens = options.tokens ?? noToken;
  }

  async list(): Promise<MonitoredVnf[]> {
    const root = this.options.vnfmUrl.replace(/\/+$/, "");
    // all_fields: lists leave out instantiatedVnfInfo, metadata and vnfConfigurableProperties by default (SOL013 5.3).
    let next: string | undefined = `${root}/vnflcm/v2/vnf_instances?all_fields`;
    const result: MonitoredVnf[] = [];
    const max = this.options.maxInstances ?? 10_000;
    for (let page = 0; next && page < 1000 && result.length < max; page++) {
      const { body, link } = await this.get(next);
      if (!Array.isArray(body)) throw new Error(`GET ${next} did not return an array of VnfInstance`);
      for (const raw of body) {
        const vnf = toMonitoredVnf(raw as Record<string, unknown>);
        if (vnf) result.push(vnf);
      }
      next = nextLink(link, next);
    }
    return result;
  }

  private async get(url: string): Promise<{ body: unknown; link: string | null }> {
    const token = await this.tokens.token();
    const response = await fetch(url, {
      headers: {
        accept: "application/json",
        version: "2.0.0",
        ...(token ? { authorization: `Bearer ${token}` } : {}),
      },
      signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
    });
    if (!response.ok) throw new Error(`GET ${url} answered HTTP ${response.status}`);
    return { body: await response.json(), link: response.headers.get("link") };
  }
}

function nextLink(header: string | null, current: string): string | undefined {
  const match = header ? /<([^>]+)>\s*;\s*rel="?next"?/.exec(header) : null;
  return match ? new URL(match[1]!, current).toString() : undefined;
}

export function toMonitoredVnf(raw: Record<string, unknown>): MonitoredVnf | undefined {
  if (raw.instantiationState !== "INSTANTIATED" || typeof raw.id !== "string") return undefined;
  const info = (raw.instantiatedVnfInfo ?? {}) as Record<string, unknown>;
  const properties = (raw.vnfConfigurableProperties ?? {}) as Record<string, unknown>;
  const levels = (list: unknown) =>
    Object.fromEntries(
      (Array.isArray(list) ? list : [])
        .filter((entry) => typeof entry?.aspectId === "string" && Number.isInteger(entry?.scaleLevel))
        .map((entry) => [entry.aspectId as string, entry.scaleLevel as number]),
    );
  const vnfcs = (Array.isArray(info.vnfcResourceInfo) ? (info.vnfcResourceInfo as VnfcResourceInfo[]) : [])
    .map(toMonitoredVnfc)
    .filter((vnfc): vnfc is MonitoredVnfc => vnfc !== undefined);
  return {
    id: raw.id,
    vnfdId: String(raw.vnfdId ?? ""),
    vnfInstanceName: typeof raw.vnfInstanceName === "string" ? raw.vnfInstanceName : undefined,
    vnfProductName: typeof raw.vnfProductName === "string" ? raw.vnfProductName : undefined,
    flavourId: String(info.flavourId ?? ""),
    isAutoscaleEnabled: properties.isAutoscaleEnabled === true,
    isAutohealEnabled: properties.isAutohealEnabled === true,
    scaleLevels: levels(info.scaleStatus),
    maxScaleLevels: levels(info.maxScaleLevels),
    vnfcs,
    metadata: (raw.metadata ?? {}) as Record<string, unknown>,
  };
}

function toMonitoredVnfc(raw: VnfcResourceInfo): MonitoredVnfc | undefined {
  if (typeof raw.id !== "string" || typeof raw.vduId !== "string") return undefined;
  const metadata = raw.metadata ?? {};
  const baseUrl = endpointOf(metadata);
  return baseUrl ? { id: raw.id, vduId: raw.vduId, baseUrl } : undefined;
}

function endpointOf(metadata: Record<string, unknown>): string | undefined {
  for (const key of ["baseUrl", "metricsUrl"]) {
    const value = metadata[key];
    if (typeof value !== "string") continue;
    try {
      const url = new URL(value);
      if (url.protocol !== "http:" && url.protocol !== "https:") continue;
      return key === "metricsUrl" ? value.replace(/\/metrics\/?$/, "") : value.replace(/\/+$/, "");
    } catch {
      continue;
    }
  }
  const port = metadata.port;
  if (typeof port !== "number" || !Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
  const host =
    typeof metadata.host === "string" && /^[A-Za-z0-9.:-]{1,253}$/.test(metadata.host)
      ? metadata.host
      : "127.0.0.1";
  return `http://${host.includes(":") ? `[${host}]` : host}:${port}`;
}
