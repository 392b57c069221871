/**
 * External NFVO grant client. The endpoint is a full URL so that ONAP's
 * `/so/vnfm-adapter/v1/grants` works as well as `{apiRoot}/grant/v1/grants`.
 * SOL003 9.4.2.3.1: 201 + Grant (synchronous) or 202 + Location (asynchronous: poll
 * GET Location; 202 still pending, 200 Grant, 403 rejected). 403 on POST is a rejection.
 */
import type { VimConnectionInfo } from "../objects/models.js";
import {
  GrantRejectedError,
  type GrantOutcome,
  type GrantProvider,
  type GrantRequest,
} from "./grant-port.js";

export interface ExternalGrantOptions {
  url: string;
  /** Sent as the `Version` header (grant API 1.4.0 in SOL003 v3.3.1); empty string omits it (ONAP). */
  apiVersion: string;
  pollIntervalMs: number;
  timeoutMs: number;
  /** Returns an Authorization header value, or undefined for none. */
  authorization?: () => Promise<string | undefined>;
}

export class ExternalGrantProvider implements GrantProvider {
  readonly kind = "external" as const;
  constructor(private readonly options: ExternalGrantOptions) {}

  private async headers(): Promise<Record<string, string>> {
    const headers: Record<string, string> = {
      Accept: "application/json",
      "Content-Type": "application/json",
    };
    if (this.options.apiVersion) headers.Version = this.options.apiVersion;
    const auth = await this.options.authorization?.();
    if (auth) headers.Authorization = auth;
    return headers;
  }

  async requestGrant(request: GrantRequest): Promise<GrantOutcome> {
    const response = await fetch(this.options.url, {
      method: "POST",
      headers: await this.headers(),
      body: JSON.stringify(request),
      signal: AbortSignal.timeout(this.options.timeoutMs),
    });
    if (response.status === 201 || response.status === 200) return parseGrant(await response.json());
    if (response.status === 202) {
      const location = response.headers.get("location");
      await response.arrayBuffer();
      if (!location)
        throw new Error(`NFVO answered 202 to POST ${this.options.url} without a Location header`);
      return this.poll(new URL(location, this.options.url).toString());
    }
    const text = await response.text();
    if (response.status === 403)
      throw new GrantRejectedError(`NFVO rejected the grant (403): ${text.slice(0, 300)}`);
    throw new Error(`NFVO answered ${response.status} to POST ${this.options.url}: ${text.slice(0, 300)}`);
  }

  private async poll(url: string): Promise<GrantOutcome> {
    const deadline = Date.now() + this.options.timeoutMs;
    while (Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, this.options.pollIntervalMs));
      const response = await fetch(url, {
        headers: await this.headers(),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      if (response.status === 200) return parseGrant(await response.json());
      const text = await response.text();
      if (response.status === 202) continue;
      if (response.status === 403)
        throw new GrantRejectedError(`NFVO rejected the grant (403 on GET ${url}): ${text.slice(0, 300)}`);
      throw new Error(`NFVO answered ${response.status} to GET ${url}: ${text.slice(0, 300)}`);
    }
    throw new Error(`grant at ${url} still pending after ${this.options.timeoutMs} ms`);
  }
}

/** Accepts the v3 `vimConnectionInfo` map and the v2.x `vimConnections` array (ONAP SO). */
export function parseGrant(body: unknown): GrantOutcome {
  if (typeof body !== "object" || body === null) throw new Error("grant response body is not a JSON object");
  const grant = body as Record<string, unknown>;
  if (typeof grant.id !== "string") throw new Error("grant response has no id");
  const vims: Record<string, VimConnectionInfo> = {};
  if (
    grant.vimConnectionInfo &&
    typeof grant.vimConnectionInfo === "object" &&
    !Array.isArray(grant.vimConnectionInfo)
  ) {
    Object.assign(vims, grant.vimConnectionInfo);
  }
  const list = Array.isArray(grant.vimConnections)
    ? grant.vimConnections
    : Array.isArray(grant.vimConnectionInfo)
      ? grant.vimConnectionInfo
      : [];
  for (const entry of list as Record<string, unknown>[]) {
    if (typeof entry?.id !== "string") continue;
    const { id, ...rest } = entry;
    vims[id] = rest as unknown as VimConnectionInfo;
  }
  return { grantId: grant.id, vimConnectionInfo: vims };
}
