/**
 * OAuth 2.0 bearer tokens for calls to the VNFM (SOL013 8.1: client credentials grant). A
 * static token is used as is; with a token endpoint, a token is fetched and reused until shortly
 * before it expires.
 */
export interface TokenSource {
  token(): Promise<string | undefined>;
}

export const noToken: TokenSource = { token: async () => undefined };

export function staticToken(value: string): TokenSource {
  return { token: async () => value };
}

export interface ClientCredentials {
  tokenEndpoint: string;
  clientId: string;
  clientSecret: string;
  scope?: string;
  timeoutMs?: number;
}

export function clientCredentialsToken(credentials: ClientCredentials): TokenSource {
  let cached: { value: string; expiresAt: number } | undefined;
  return {
    async token() {
      if (cached && Date.now() < cached.expiresAt) return cached.value;
      const form = new URLSearchParams({ grant_type: "client_credentials" });
      if (credentials.scope) form.set("scope", credentials.scope);
      const basic = Buffer.from(
        `${encodeURIComponent(credentials.clientId)}:${encodeURIComponent(credentials.clientSecret)}`,
      ).toString("base64");
      const response = await fetch(credentials.tokenEndpoint, {
        method: "POST",
        headers: {
          authorization: `Basic ${basic}`,
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
        },
        body: form,
        signal: AbortSignal.timeout(credentials.timeoutMs ?? 5000),
      });
      if (!response.ok)
        throw new Error(`token endpoint ${credentials.tokenEndpoint} answered HTTP ${response.status}`);
      const body = (await response.json()) as { access_token?: unknown; expires_in?: unknown };
      if (typeof body.access_token !== "string" || body.access_token === "") {
        throw new Error(`token endpoint ${credentials.tokenEndpoint} returned no access_token`);
      }
      const lifetime = typeof body.expires_in === "number" && body.expires_in > 0 ? body.expires_in : 300;
      cached = { value: body.access_token, expiresAt: Date.now() + Math.max(1, lifetime - 30) * 1000 };
      return cached.value;
    },
  };
}
