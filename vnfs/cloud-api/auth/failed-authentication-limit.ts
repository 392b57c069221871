import type { Request } from "express";
import { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import { AuthenticationError, type Authenticator, type Principal } from "./authenticator.js";

/**
 * Failed authentications per client address (docs/design/security.md): each request without
 * valid credentials (none, a wrong key, an invalid token) takes a token from its address's
 * bucket; once the bucket is empty the address is answered 429 with Retry-After before its
 * credentials are even looked at, so a guesser cannot make the API run key lookups and ES256
 * checks at will. Successful requests take nothing: they meet the per-application limit instead.
 */
export interface FailedAuthenticationLimitOptions {
  perSecond: number;
  burst: number;
  /** The 429 error of the API (with Retry-After). */
  tooManyRequests(detail: string, retryAfterSeconds: number): Error;
}

export class FailedAuthenticationLimit implements Authenticator {
  readonly scheme: string;
  private readonly failures: RateLimiter;

  constructor(
    private readonly inner: Authenticator,
    private readonly options: FailedAuthenticationLimitOptions,
  ) {
    this.scheme = inner.scheme;
    this.failures = new RateLimiter({ perSecond: options.perSecond, burst: options.burst });
  }

  async authenticate(req: Request): Promise<Principal | undefined> {
    const address = req.socket.remoteAddress ?? "unknown";
    const wait = this.failures.wait(address);
    if (wait > 0) {
      throw this.options.tooManyRequests(
        `more than ${this.options.burst} failed authentications from ${address}; retry in ${wait} s`,
        wait,
      );
    }
    try {
      const principal = await this.inner.authenticate(req);
      if (!principal) this.failures.take(address);
      return principal;
    } catch (error) {
      if (error instanceof AuthenticationError) this.failures.take(address);
      throw error;
    }
  }
}
