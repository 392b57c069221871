/**
 * Per-client rate limit of the VNFM's SOL003 APIs (vnflcm v1/v2, vnfpkgm v2): a token bucket per
 * authenticated client (the token's subject, left by the bearer guard), per address when the
 * VNFM runs without authentication. Beyond it: 429 Too Many Requests (SOL013 6.4) as
 * ProblemDetails with Retry-After. The default is well above one NFVO's load (bench:lcm drives
 * about 220 requests/s from one client).
 */
import type { RequestHandler } from "express";
import { clientOrAddress, clientRateLimit } from "../../vnfs/runtime-kit/http/rate-limiter-middleware.js";
import { vnfmError } from "../errors.js";

export const DEFAULT_API_RATE = { perSecond: 1000, burst: 2000 };

export function sol003RateLimit(rate: { perSecond: number; burst: number }): RequestHandler {
  const limit = clientRateLimit({
    ...rate,
    keyOf: clientOrAddress,
    tooManyRequests: (detail) => vnfmError("TOO_MANY_REQUESTS", detail),
  });
  // SOL013 8.1: api_versions is open, as for the bearer guard.
  return (req, res, next) => (/\/api_versions\/?$/.test(req.path) ? next() : limit(req, res, next));
}
