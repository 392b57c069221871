import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import { tooManyRequests } from "./jwks-handler.js";

/**
 * The administration operations behind a per-address token bucket, taken before the bearer
 * token is even verified, so a flood of requests (valid or not) costs 429s, not identity's time.
 */
export function rateLimited(
  handlers: Record<string, OperationHandler>,
  limiter: RateLimiter,
): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([operationId, handler]): [string, OperationHandler] => [
      operationId,
      async (input, req) => {
        const wait = limiter.take(`admin:${req.socket.remoteAddress ?? "unknown"}`);
        if (wait > 0) return tooManyRequests(wait);
        return handler(input, req);
      },
    ]),
  );
}
