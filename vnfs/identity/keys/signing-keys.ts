import { randomUUID } from "node:crypto";
import { exportJWK, generateKeyPair, importJWK, type CryptoKey, type JWK, type JWTVerifyGetKey } from "jose";
import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";

/**
 * Rotating ES256 signing keys (collection `signing_keys`). The newest key whose signing period
 * has not ended signs new tokens; a key stays published in the JWKS until every token it signed
 * has expired (end of signing period + token TTL), so rotation never invalidates a live token.
 * Several identity instances share the collection: a new key is created with a deterministic id
 * per rotation period, so concurrent instances converge on one key instead of racing.
 *
 * The private JWK is kept in the store; on MongoDB protect it as any credential store
 * (encryption at rest, access control) — docs/design/identity.md.
 */
interface SigningKeyRecord {
  id: string;
  privateJwk: JWK;
  publicJwk: JWK;
  signsFrom: string;
  signsUntil: string;
  publishedUntil: string;
}

export interface ActiveKey {
  kid: string;
  privateKey: CryptoKey | Uint8Array;
}

export class SigningKeys {
  private active: { record: SigningKeyRecord; key: ActiveKey } | undefined;

  private constructor(
    private readonly keys: Collection<SigningKeyRecord>,
    private readonly rotationMs: number,
    private readonly tokenTtlMs: number,
  ) {}

  static async open(store: DocumentStore, rotationMs: number, tokenTtlMs: number): Promise<SigningKeys> {
    return new SigningKeys(await store.collection<SigningKeyRecord>("signing_keys"), rotationMs, tokenTtlMs);
  }

  /** The key that signs now, creating the key of the current rotation period if needed. */
  async current(now = Date.now()): Promise<ActiveKey> {
    if (this.active && Date.parse(this.active.record.signsUntil) > now) return this.active.key;
    const period = Math.floor(now / this.rotationMs);
    const id = `es256-${period}`;
    let record = await this.keys.get(id);
    if (!record) {
      await this.keys.insert(await this.newRecord(id, period));
      record = (await this.keys.get(id))!;
    }
    const key = { kid: record.id, privateKey: await importJWK(record.privateJwk, "ES256") };
    this.active = { record, key };
    await this.prune(now);
    return key;
  }

  /** Public keys still published (signing now, or signed tokens that may not have expired). */
  async jwks(now = Date.now()): Promise<{ keys: JWK[] }> {
    await this.current(now);
    const records = await this.keys.find({
      where: { publishedUntil: { gt: new Date(now).toISOString() } },
      orderBy: [{ field: "signsFrom", direction: "desc" }],
    });
    return { keys: records.map((record) => record.publicJwk) };
  }

  /** Key resolver for verifying tokens locally, from the published keys. */
  resolver(): JWTVerifyGetKey {
    return async (header) => {
      const published = await this.jwks();
      const jwk = published.keys.find((key) => key.kid === header.kid);
      if (!jwk) throw new Error(`no published key with kid ${String(header.kid)}`);
      return importJWK(jwk, "ES256");
    };
  }

  private async newRecord(id: string, period: number): Promise<SigningKeyRecord> {
    const { privateKey, publicKey } = await generateKeyPair("ES256", { extractable: true });
    const signsFrom = period * this.rotationMs;
    const signsUntil = signsFrom + this.rotationMs;
    const common = { kid: id, alg: "ES256", use: "sig" };
    return {
      id,
      privateJwk: { ...(await exportJWK(privateKey)), ...common },
      publicJwk: { ...(await exportJWK(publicKey)), ...common },
      signsFrom: new Date(signsFrom).toISOString(),
      signsUntil: new Date(signsUntil).toISOString(),
      publishedUntil: new Date(signsUntil + this.tokenTtlMs).toISOString(),
    };
  }

  private async prune(now: number): Promise<void> {
    await this.keys.deleteMany({ publishedUntil: { lte: new Date(now).toISOString() } });
  }
}

/** Unique token id (jti). */
export function tokenId(): string {
  return randomUUID();
}
