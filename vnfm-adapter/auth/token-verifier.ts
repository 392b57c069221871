/**
 * Access tokens (SOL013 8.3: OAuth 2.0 client credentials, Bearer). Local mode: the VNFM
 * issues HS256 JWTs for the configured clients. External mode: tokens of another
 * authorization server are verified against its JWKS (issuer and audience checked).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { createRemoteJWKSet, jwtVerify, SignJWT, type JWTPayload } from "jose";

export interface TokenVerifier {
  verify(token: string): Promise<JWTPayload>;
}

const digest = (value: string) => createHash("sha256").update(value, "utf8").digest();

/** Parses "id:secret,id2:secret2"; a malformed entry is a configuration error naming its position. */
export function parseClients(raw: string): Map<string, string> {
  const clients = new Map<string, string>();
  raw
    .split(",")
    .map((entry) => entry.trim())
    .filter(Boolean)
    .forEach((entry, index) => {
      const colon = entry.indexOf(":");
      if (colon <= 0 || colon === entry.length - 1)
        throw new Error(`IVF_VNFM_CLIENTS entry ${index + 1} is not id:secret`);
      clients.set(entry.slice(0, colon), entry.slice(colon + 1));
    });
  return clients;
}

export class LocalTokenIssuer implements TokenVerifier {
  private readonly key: Uint8Array;

  constructor(
    private readonly clients: Map<string, string>,
    private readonly options: { ttlMs: number; audience: string; issuer: string; secret?: string },
  ) {
    this.key = options.secret ? new Uint8Array(digest(options.secret)) : new Uint8Array(randomBytes(32));
  }

  /** Constant-time check of a client's secret. */
  authenticate(clientId: string, secret: string): boolean {
    const expected = this.clients.get(clientId);
    return expected !== undefined && timingSafeEqual(digest(expected), digest(secret));
  }

  async issue(clientId: string): Promise<{ token: string; expiresIn: number }> {
    const expiresIn = Math.floor(this.options.ttlMs / 1000);
    const token = await new SignJWT({ scope: "vnflcm vnfpkgm" })
      .setProtectedHeader({ alg: "HS256", typ: "JWT" })
      .setSubject(clientId)
      .setIssuer(this.options.issuer)
      .setAudience(this.options.audience)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(randomBytes(12).toString("base64url"))
      .sign(this.key);
    return { token, expiresIn };
  }

  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.key, {
      issuer: this.options.issuer,
      audience: this.options.audience,
      algorithms: ["HS256"],
    });
    return payload;
  }
}

export class ExternalTokenVerifier implements TokenVerifier {
  private readonly jwks: ReturnType<typeof createRemoteJWKSet>;

  constructor(
    jwksUrl: string,
    private readonly options: { issuer?: string; audience?: string },
  ) {
    this.jwks = createRemoteJWKSet(new URL(jwksUrl));
  }

  async verify(token: string): Promise<JWTPayload> {
    const { payload } = await jwtVerify(token, this.jwks, {
      ...(this.options.issuer ? { issuer: this.options.issuer } : {}),
      ...(this.options.audience ? { audience: this.options.audience } : {}),
    });
    return payload;
  }
}
