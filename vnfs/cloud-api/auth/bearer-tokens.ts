import type { Request } from "express";
import { ALL_TENANTS, AccessTokenError, type TokenVerifier } from "../../runtime-kit/auth/access-token.js";
import { AuthenticationError, type Authenticator, type Principal } from "./authenticator.js";

/**
 * `Authorization: Bearer <JWT>` issued by the identity IVF, verified locally against its JWKS
 * (vnfs/runtime-kit/auth/access-token.ts). The tenant is the token's `tenant` claim. Operator
 * tokens (tenant `*`) are refused: cloud-api serves the applications of one tenant, and an
 * operator acting "in every tenant at once" would make every list a cross-tenant list.
 * Without a configured JWKS (`verify` undefined) a bearer token is refused with that reason.
 */
export class BearerTokenAuthenticator implements Authenticator {
  readonly scheme = 'Bearer realm="iot-platform"';

  constructor(private readonly verify: TokenVerifier | undefined) {}

  async authenticate(req: Request): Promise<Principal | undefined> {
    const header = req.get("authorization");
    if (header === undefined) return undefined;
    const match = /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header);
    if (!match) throw new AuthenticationError("the Authorization header must be 'Bearer <access token>'");
    if (!this.verify) {
      throw new AuthenticationError(
        "bearer tokens are not accepted here (IVF_IDENTITY_JWKS_URL is not set); use an X-API-Key",
      );
    }
    let principal;
    try {
      principal = await this.verify(match[1]!);
    } catch (error) {
      throw new AuthenticationError(
        error instanceof AccessTokenError ? error.message : "access token rejected",
      );
    }
    if (principal.tenant === ALL_TENANTS) {
      throw new AuthenticationError(
        "operator tokens (tenant *) have no tenant to act in; use a token of a tenant's client",
      );
    }
    return { ...principal, subject: `client:${principal.clientId}` };
  }
}
