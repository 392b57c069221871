import type { Request } from "express";
import type { Principal as TokenPrincipal } from "../../runtime-kit/auth/access-token.js";

/**
 * Who is calling: every query is scoped to `tenant`, every operation authorised by `roles`.
 * It has the shape of the runtime kit's token principal, so the device-manager's handlers
 * (which cloud-api reuses) authorise it the same way whichever credential it came from.
 */
export interface Principal extends TokenPrincipal {
  /** Key name or token subject, for logs and rate limits. Never the secret itself. */
  subject: string;
}

/**
 * Authentication port of the northbound API: application keys (X-API-Key) and identity's
 * OAuth 2.0 bearer tokens, tried in turn by `firstOf`. Returns undefined when the request
 * carries no credential of its kind; throws AuthenticationError when it carries an invalid one.
 */
export interface Authenticator {
  readonly scheme: string;
  authenticate(req: Request): Promise<Principal | undefined>;
}

export class AuthenticationError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "AuthenticationError";
  }
}

export function firstOf(authenticators: Authenticator[]): Authenticator {
  return {
    scheme: authenticators.map((entry) => entry.scheme).join(", "),
    async authenticate(req) {
      for (const authenticator of authenticators) {
        const principal = await authenticator.authenticate(req);
        if (principal) return principal;
      }
      return undefined;
    },
  };
}
