/**
 * Authorization towards a subscriber's notification endpoint (SOL013 8.3.4):
 * BASIC or OAUTH2_CLIENT_CREDENTIALS (token from the subscriber's token endpoint, cached until
 * shortly before it expires). Credentials are never logged.
 */
import type { SubscriptionAuth } from "../objects/models.js";

interface CachedToken {
  value: string;
  expiresAt: number;
}

export class SubscriberAuth {
  private readonly tokens = new Map<string, CachedToken>();

  async header(auth: SubscriptionAuth | undefined): Promise<string | undefined> {
    if (!auth) return undefined;
    if (
      auth.authType.includes("OAUTH2_CLIENT_CREDENTIALS") &&
      auth.paramsOauth2ClientCredentials?.tokenEndpoint
    ) {
      return `Bearer ${await this.token(auth.paramsOauth2ClientCredentials)}`;
    }
    if (auth.authType.includes("BASIC") && auth.paramsBasic?.userName !== undefined) {
      const raw = `${auth.paramsBasic.userName}:${auth.paramsBasic.password ?? ""}`;
      return `Basic ${Buffer.from(raw, "utf8").toString("base64")}`;
    }
    return undefined;
  }

  private async token(
    params: NonNullable<SubscriptionAuth["paramsOauth2ClientCredentials"]>,
  ): Promise<string> {
    const key = `${params.tokenEndpoint}|${params.clientId}`;
    const cached = this.tokens.get(key);
    if (cached && cached.expiresAt > Date.now()) return cached.value;
    const basic = Buffer.from(
      `${encodeURIComponent(params.clientId ?? "")}:${encodeURIComponent(params.clientPassword ?? "")}`,
    ).toString("base64");
    const response = await fetch(params.tokenEndpoint!, {
      method: "POST",
      headers: {
        Authorization: `Basic ${basic}`,
        "Content-Type": "application/x-www-form-urlencoded",
        Accept: "application/json",
      },
      body: "grant_type=client_credentials",
      signal: AbortSignal.timeout(10_000),
    });
    if (!response.ok) {
      await response.arrayBuffer();
      throw new Error(`token endpoint ${params.tokenEndpoint} answered ${response.status}`);
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== "string")
      throw new Error(`token endpoint ${params.tokenEndpoint} returned no access_token`);
    const lifetime = typeof body.expires_in === "number" ? body.expires_in * 1000 : 300_000;
    this.tokens.set(key, {
      value: body.access_token,
      expiresAt: Date.now() + Math.max(0, lifetime - 30_000),
    });
    return body.access_token;
  }

  /** Forget a token the subscriber refused (401), so the next attempt fetches a new one. */
  invalidate(auth: SubscriptionAuth | undefined): void {
    const params = auth?.paramsOauth2ClientCredentials;
    if (params) this.tokens.delete(`${params.tokenEndpoint}|${params.clientId}`);
  }
}
