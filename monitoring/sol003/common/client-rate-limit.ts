/**
 * Per-client rate limit of the monitoring APIs (vnfpm v2, vnffm v1, vnfind v1): a token bucket
 * per authenticated client (the token's subject), per address when the token names none (the
 * static IVF_MONITOR_API_TOKEN) or the APIs are open. Beyond it: 429 Too Many Requests (SOL013
 * 6.4) as ProblemDetails with Retry-After; api_versions stays open.
 */
import type { RequestHandler } from "express";
import { clientOrAddress, clientRateLimit } from "../../../vnfs/runtime-kit/http/rate-limiter-middleware.js";
import { apiError } from "./api-error.js";

export const DEFAULT_MONITORING_API_RATE = { perSecond: 1000, burst: 2000 };

export function monitoringRateLimit(rate: { perSecond: number; burst: number }): RequestHandler {
  const limit = clientRateLimit({
    ...rate,
    keyOf: clientOrAddress,
    tooManyRequests: (detail) => apiError("TOO_MANY_REQUESTS", detail),
  });
  return (req, res, next) => (/\/api[-_]versions$/.test(req.path) ? next() : limit(req, res, next));
}
