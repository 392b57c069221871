import type { Request } from "express";

/** Who is calling: every query is scoped to `tenant`. */
export interface Principal {
  tenant: string;
  /** Key name or token subject, for logs. Never the secret itself. */
  subject: string;
}

/**
 * Authentication port of the northbound API. The first slice has application keys
 * (X-API-Key); the identity IVF's OAuth 2.0 bearer tokens (JWT) become a second implementation,
 * tried in turn by `firstOf`. Returns undefined when the request carries no credential of its
 * kind; throws AuthenticationError when it carries an invalid one.
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
