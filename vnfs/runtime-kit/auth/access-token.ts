import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from "jose";

/**
 * Access tokens issued by the identity IVF: JWTs in the RFC 9068 profile (`typ: at+jwt`), signed
 * with ES256 keys published at `<identity>/.well-known/jwks.json`. Every IVF verifies them
 * locally (no call to identity per request) and reads the tenant and roles from the claims.
 */
export const ROLES = ["operator", "tenant-admin", "writer", "reader"] as const;
export type Role = (typeof ROLES)[number];

/** Tenant claim of platform operators' tokens: they act on every tenant. */
export const ALL_TENANTS = "*";

export interface Principal {
  clientId: string;
  tenant: string;
  roles: Role[];
}

export interface AccessTokenClaims {
  iss: string;
  sub: string;
  aud: string;
  client_id: string;
  tenant: string;
  scope: string;
  roles: Role[];
}

export class AccessTokenError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AccessTokenError";
  }
}

export interface TokenVerifierOptions {
  issuer: string;
  audience: string;
  /** Key source: a remote JWKS URL, or a key resolver (the identity IVF verifies with its own keys). */
  keys: URL | JWTVerifyGetKey;
}

export type TokenVerifier = (token: string) => Promise<Principal>;

/** Builds a verifier that checks signature, issuer, audience, expiry, type and claim shapes. */
export function createTokenVerifier(options: TokenVerifierOptions): TokenVerifier {
  const keys =
    options.keys instanceof URL
      ? createRemoteJWKSet(options.keys, { cooldownDuration: 5_000 })
      : options.keys;
  return async (token) => {
    let payload: Record<string, unknown>;
    try {
      ({ payload } = await jwtVerify(token, keys, {
        issuer: options.issuer,
        audience: options.audience,
        typ: "at+jwt",
        algorithms: ["ES256"],
        requiredClaims: ["exp", "iat", "sub", "tenant", "roles"],
      }));
    } catch (error) {
      throw new AccessTokenError(
        `access token rejected: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    return principalFrom(payload);
  };
}

function principalFrom(payload: Record<string, unknown>): Principal {
  const { sub, tenant, roles } = payload;
  if (typeof sub !== "string" || typeof tenant !== "string" || !Array.isArray(roles)) {
    throw new AccessTokenError("access token rejected: sub, tenant and roles claims are required");
  }
  const known = roles.filter((role): role is Role => (ROLES as readonly string[]).includes(role as string));
  if (known.length !== roles.length)
    throw new AccessTokenError("access token rejected: unknown role in roles claim");
  return { clientId: sub, tenant, roles: known };
}

/** True when the principal may act on `tenant` (its own, or any for an operator). */
export function canAccessTenant(principal: Principal, tenant: string): boolean {
  return (
    principal.tenant === tenant || (principal.tenant === ALL_TENANTS && principal.roles.includes("operator"))
  );
}

/**
 * Role hierarchy: operator includes tenant-admin, which includes writer, which includes reader.
 * So `hasRole(p, "reader")` holds for every role.
 */
const RANK: Record<Role, number> = { reader: 1, writer: 2, "tenant-admin": 3, operator: 4 };

export function hasRole(principal: Principal, needed: Role): boolean {
  return principal.roles.some((role) => RANK[role] >= RANK[needed]);
}
