/**
 * A small SOL003 client of the VNFM adapter, used by `ivf up`, the console backend and the
 * `ivf status|scale|heal` verbs: the same requests an NFVO sends (SOL013 Version header,
 * OAuth 2.0 client credentials, op occ polling through the Location header).
 */
export interface VnfmCredentials {
  clientId: string;
  clientSecret: string;
}

export class VnfmRequestError extends Error {
  constructor(
    readonly status: number,
    readonly problem: unknown,
    what: string,
  ) {
    super(`${what}: HTTP ${status}${problemDetail(problem)}`);
  }
}

function problemDetail(problem: unknown): string {
  if (typeof problem !== "object" || problem === null) return "";
  const { title, detail } = problem as { title?: unknown; detail?: unknown };
  return [title, detail]
    .filter((part) => typeof part === "string")
    .map((part) => ` - ${String(part)}`)
    .join("");
}

const VERSIONS = { lcm: "2.0.0", pkgm: "2.1.0" } as const;
type Api = keyof typeof VERSIONS;

export interface VnfmResponse<T> {
  status: number;
  body: T;
  location: string | null;
}

/** Asks the VNFM's token endpoint for a client-credentials token; throws on refusal. */
export async function fetchToken(vnfmUrl: string, credentials: VnfmCredentials): Promise<string> {
  const response = await fetch(`${vnfmUrl}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${credentials.clientId}:${credentials.clientSecret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
    signal: AbortSignal.timeout(10_000),
  });
  const body = (await response.json().catch(() => ({}))) as { access_token?: unknown };
  if (!response.ok || typeof body.access_token !== "string")
    throw new VnfmRequestError(response.status, body, `token request to ${vnfmUrl}/oauth2/token refused`);
  return body.access_token;
}

export class VnfmClient {
  private token: string | undefined;

  constructor(
    readonly vnfmUrl: string,
    private readonly credentials: VnfmCredentials,
  ) {}

  /** One request; a 401 refreshes the token once (tokens expire, IVF_VNFM_TOKEN_TTL). */
  async request<T>(
    api: Api,
    method: string,
    path: string,
    options: { json?: unknown; body?: Buffer; contentType?: string; expect?: number[] } = {},
  ): Promise<VnfmResponse<T>> {
    for (let attempt = 0; ; attempt++) {
      this.token ??= await fetchToken(this.vnfmUrl, this.credentials);
      const headers: Record<string, string> = {
        authorization: `Bearer ${this.token}`,
        accept: "application/json",
        version: VERSIONS[api],
      };
      let body: string | Uint8Array | undefined;
      if (options.json !== undefined) {
        headers["content-type"] = options.contentType ?? "application/json";
        body = JSON.stringify(options.json);
      } else if (options.body) {
        headers["content-type"] = options.contentType ?? "application/octet-stream";
        body = new Uint8Array(options.body);
      }
      const response = await fetch(`${this.vnfmUrl}${path}`, {
        method,
        headers,
        ...(body ? { body } : {}),
        signal: AbortSignal.timeout(60_000),
      });
      const text = await response.text();
      const parsed = text ? safeJson(text) : undefined;
      if (response.status === 401 && attempt === 0) {
        this.token = undefined;
        continue;
      }
      const expect = options.expect ?? [200, 201, 202, 204];
      if (!expect.includes(response.status))
        throw new VnfmRequestError(response.status, parsed, `${method} ${path}`);
      return { status: response.status, body: parsed as T, location: response.headers.get("location") };
    }
  }

  /** Polls an op occ until it reaches a state in `until` (SOL003 5.6.2.2 terminal or FAILED_TEMP). */
  async waitOpOcc(location: string, timeoutMs: number, signal?: AbortSignal): Promise<OpOcc> {
    const path = location.startsWith(this.vnfmUrl) ? location.slice(this.vnfmUrl.length) : location;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const { body } = await this.request<OpOcc>("lcm", "GET", path);
      if (["COMPLETED", "FAILED_TEMP", "FAILED", "ROLLED_BACK"].includes(body.operationState)) return body;
      if (Date.now() > deadline || signal?.aborted)
        throw new Error(`${body.operation} ${body.id} still ${body.operationState} after ${timeoutMs} ms`);
      await new Promise((done) => setTimeout(done, 250));
    }
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

export interface OpOcc {
  id: string;
  operation: string;
  operationState: string;
  vnfInstanceId: string;
  startTime?: string;
  stateEnteredTime?: string;
  isAutomaticInvocation?: boolean;
  error?: { title?: string; detail?: string; status?: number };
}

export interface VnfInstance {
  id: string;
  vnfdId: string;
  vnfProductName?: string;
  vnfInstanceName?: string;
  instantiationState: "NOT_INSTANTIATED" | "INSTANTIATED";
  vnfConfigurableProperties?: Record<string, unknown>;
  instantiatedVnfInfo?: {
    flavourId: string;
    vnfState?: string;
    scaleStatus?: { aspectId: string; scaleLevel: number }[];
    maxScaleLevels?: { aspectId: string; scaleLevel: number }[];
    vnfcResourceInfo?: {
      id: string;
      vduId: string;
      computeResource?: { resourceId?: string };
      metadata?: Record<string, unknown>;
    }[];
    vnfcInfo?: { id: string; vduId: string; vnfcState?: string }[];
  };
}
