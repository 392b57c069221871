import type { Request, Response } from "express";
import { RateLimiter } from "../runtime-kit/http/rate-limiter.js";

/**
 * Failed console logins per browser address (docs/design/security.md): each refused login
 * takes a token from the address's bucket; an address with none left is answered 429 with
 * Retry-After before its credentials go to identity. Without it every guess would reach
 * identity's token endpoint, which sees the console as one address, so one guesser would use up
 * the token budget of every console user.
 */
export interface LoginThrottleOptions {
  /** Refill of failed attempts per second (default 0.2: one every five seconds). */
  perSecond: number;
  /** Failed attempts an address may make at once (default 10). */
  burst: number;
}

export const DEFAULT_LOGIN_THROTTLE: LoginThrottleOptions = { perSecond: 0.2, burst: 10 };

export class LoginThrottle {
  private readonly failures: RateLimiter;

  constructor(private readonly options: LoginThrottleOptions = DEFAULT_LOGIN_THROTTLE) {
    this.failures = new RateLimiter({ ...options, maxKeys: 10_000 });
  }

  /** Answers 429 and returns false when the request's address has no attempt left. */
  admit(req: Request, res: Response): boolean {
    const wait = this.failures.wait(addressOf(req));
    if (wait === 0) return true;
    res
      .status(429)
      .setHeader("Retry-After", String(wait))
      .json({
        detail: `too many failed logins from this address (${this.options.burst} at most, then one every ${Math.round(1 / this.options.perSecond)} s); retry in ${wait} s`,
      });
    return false;
  }

  /** Counts a refused login against the request's address. */
  failed(req: Request): void {
    this.failures.take(addressOf(req));
  }
}

function addressOf(req: Request): string {
  return req.socket.remoteAddress ?? "unknown";
}
