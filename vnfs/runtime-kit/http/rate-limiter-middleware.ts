import type { Request, RequestHandler, Response } from "express";
import { RateLimiter, type RateLimiterOptions } from "./rate-limiter.js";

/**
 * An Express middleware over a token-bucket RateLimiter: each request takes a token from its
 * client's bucket; beyond the bucket it sets `Retry-After` (RFC 9110 10.2.3) and passes the
 * host's 429 error on, so each API answers in its own error format (SOL013 ProblemDetails on
 * the SOL003 APIs). Mount it after authentication so the key is the authenticated client and
 * an anonymous flood cannot use up a client's budget.
 */
export interface ClientRateLimitOptions extends RateLimiterOptions {
  /** The bucket of a request: the authenticated client, else its address. */
  keyOf(req: Request, res: Response): string;
  /** The error handed to `next` for a refused request (status 429). */
  tooManyRequests(detail: string, retryAfterSeconds: number): Error;
}

export function clientRateLimit(options: ClientRateLimitOptions): RequestHandler {
  const limiter = new RateLimiter(options);
  return (req, res, next) => {
    const key = options.keyOf(req, res);
    const wait = limiter.take(key);
    if (wait === 0) return next();
    res.setHeader("Retry-After", String(wait));
    next(
      options.tooManyRequests(
        `more than ${options.perSecond} requests per second (burst ${options.burst}) from ${key}; retry in ${wait} s`,
        wait,
      ),
    );
  };
}

/** The authenticated subject a bearer guard left in `res.locals.client`, else the remote address. */
export function clientOrAddress(req: Request, res: Response): string {
  const client = (res.locals as { client?: unknown }).client;
  return typeof client === "string" && client !== ""
    ? `client ${client}`
    : `address ${req.socket.remoteAddress ?? "unknown"}`;
}
