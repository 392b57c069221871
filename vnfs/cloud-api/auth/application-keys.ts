import { createHash, timingSafeEqual } from "node:crypto";
import type { Request } from "express";
import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import { ConfigError } from "../../runtime-kit/config/env-config.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { Role } from "../../runtime-kit/auth/access-token.js";
import { AuthenticationError, type Authenticator, type Principal } from "./authenticator.js";

export const APPLICATION_KEYS = "application_keys";

/** Roles an application key may carry: an application is never an operator. */
export type ApplicationKeyRole = Exclude<Role, "operator">;
const KEY_ROLES: readonly string[] = ["reader", "writer", "tenant-admin"];

/**
 * A stored application key: id is the SHA-256 of the key (hex), so the key itself is never
 * stored. `role` defaults to reader (keys of the first slice could only read).
 */
export interface ApplicationKeyRecord {
  id: string;
  tenant: string;
  name: string;
  role?: ApplicationKeyRole;
  revoked?: boolean;
}

export function hashKey(key: string): string {
  return createHash("sha256").update(key, "utf8").digest("hex");
}

/** Parses IVF_CLOUD_API_KEYS entries `<tenant>:<key>`; every malformed entry is reported. */
export function parseConfiguredKeys(entries: string[]): Map<string, string> {
  const byHash = new Map<string, string>();
  const problems: string[] = [];
  entries.forEach((entry, index) => {
    const separator = entry.indexOf(":");
    const tenant = entry.slice(0, separator);
    const key = entry.slice(separator + 1);
    if (separator <= 0 || !IDENTIFIER_PATTERN.test(tenant) || key.length < 16) {
      problems.push(
        `IVF_CLOUD_API_KEYS entry ${index + 1} must be <tenant>:<key> with a key of at least 16 characters`,
      );
      return;
    }
    byHash.set(hashKey(key), tenant);
  });
  if (problems.length > 0) throw new ConfigError(problems);
  return byHash;
}

/**
 * X-API-Key authentication: a key from configuration or from the application_keys collection
 * identifies one tenant. Lookups compare digests, so timing reveals nothing about stored keys.
 */
export class ApplicationKeyAuthenticator implements Authenticator {
  readonly scheme = "X-API-Key";
  private readonly cache = new Map<string, { principal: Principal | undefined; until: number }>();

  constructor(
    private readonly configured: Map<string, string>,
    private readonly stored: Collection<ApplicationKeyRecord>,
    private readonly cacheTtlMs: number,
  ) {}

  async authenticate(req: Request): Promise<Principal | undefined> {
    const key = req.get("x-api-key");
    if (key === undefined) return undefined;
    if (key.length === 0 || key.length > 512)
      throw new AuthenticationError("the X-API-Key header is empty or too long");
    const digest = hashKey(key);
    const principal = this.fromConfiguration(digest) ?? (await this.fromStore(digest));
    if (!principal) throw new AuthenticationError("the application key is not valid");
    return principal;
  }

  private fromConfiguration(digest: string): Principal | undefined {
    const wanted = Buffer.from(digest, "hex");
    for (const [hash, tenant] of this.configured) {
      if (timingSafeEqual(Buffer.from(hash, "hex"), wanted))
        return principalOf(tenant, `configured-key:${hash.slice(0, 8)}`, "reader");
    }
    return undefined;
  }

  private async fromStore(digest: string): Promise<Principal | undefined> {
    const cached = this.cache.get(digest);
    if (cached && cached.until > Date.now()) return cached.principal;
    const record = await this.stored.get(digest);
    const role = record?.role ?? "reader";
    // A record with a role it may not have (e.g. "operator" written into the store) is not a valid key.
    const principal =
      record && !record.revoked && KEY_ROLES.includes(role)
        ? principalOf(record.tenant, `application-key:${record.name}`, role)
        : undefined;
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(digest, { principal, until: Date.now() + this.cacheTtlMs });
    return principal;
  }
}

function principalOf(tenant: string, subject: string, role: ApplicationKeyRole): Principal {
  return { tenant, subject, clientId: subject, roles: [role] };
}
