import type { OperationHandler, OperationResult } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import type { SigningKeys } from "../keys/signing-keys.js";

/** 429 problem with Retry-After, shared by the token and JWKS endpoints. */
export function tooManyRequests(waitSeconds: number): OperationResult {
  return {
    status: 429,
    headers: { "Retry-After": String(waitSeconds) },
    body: {
      type: "urn:ivf:problem:rate-limited",
      title: "Too many requests",
      status: 429,
      detail: `retry in ${waitSeconds} s`,
    },
  };
}

/** GET /.well-known/jwks.json: keys that verify live tokens, cacheable for a minute. */
export function jwksHandler(keys: SigningKeys, limiter: RateLimiter): OperationHandler {
  return async (_input, req) => {
    const wait = limiter.take(`jwks:${req.socket.remoteAddress ?? "unknown"}`);
    if (wait > 0) return tooManyRequests(wait);
    return { status: 200, body: await keys.jwks(), headers: { "Cache-Control": "public, max-age=60" } };
  };
}
