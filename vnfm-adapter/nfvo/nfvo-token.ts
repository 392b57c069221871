/**
 * OAuth 2.0 client-credentials token towards the NFVO (SOL013 8.3), cached until shortly before
 * it expires. Used for grant requests when IVF_VNFM_NFVO_TOKEN_URL is set.
 */
export class NfvoTokenClient {
  private cached?: { value: string; expiresAt: number };

  constructor(
    private readonly tokenUrl: string,
    private readonly clientId: string,
    private readonly clientSecret: string,
  ) {}

  async header(): Promise<string> {
    if (this.cached && this.cached.expiresAt > Date.now()) return `Bearer ${this.cached.value}`;
    const basic = Buffer.from(
      `${encodeURIComponent(this.clientId)}:${encodeURIComponent(this.clientSecret)}`,
    ).toString("base64");
    const response = await fetch(this.tokenUrl, {
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
      throw new Error(`NFVO token endpoint ${this.tokenUrl} answered ${response.status}`);
    }
    const body = (await response.json()) as { access_token?: string; expires_in?: number };
    if (typeof body.access_token !== "string")
      throw new Error(`NFVO token endpoint ${this.tokenUrl} returned no access_token`);
    this.cached = {
      value: body.access_token,
      expiresAt: Date.now() + Math.max(0, (body.expires_in ?? 300) * 1000 - 30_000),
    };
    return `Bearer ${body.access_token}`;
  }
}
