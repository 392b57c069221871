/**
 * The adapter's OAuth 2.0 token endpoint (RFC 6749 4.4, client credentials). Clients
 * authenticate with HTTP Basic or client_id/client_secret form fields. Errors follow RFC 6749
 * 5.2 (not ProblemDetails: OAuth clients expect that shape). Secrets are never logged.
 * Requests are rate limited per client address before the secret is checked, so secrets cannot
 * be guessed at the speed of the server: beyond the bucket, 429 `slow_down` with Retry-After.
 */
import express, { Router, type Request, type Response } from "express";
import type { components } from "../../api-specs/types/vnfm-oauth.js";
import { RateLimiter } from "../../vnfs/runtime-kit/http/rate-limiter.js";
import type { LocalTokenIssuer } from "./token-verifier.js";

/** Token requests per second per client address (burst of twice as many). */
export const TOKEN_RATE_PER_SECOND = 10;

type TokenResponse = components["schemas"]["TokenResponse"];
type TokenError = components["schemas"]["TokenError"];

function oauthError(res: Response, status: number, error: TokenError["error"], description: string): void {
  if (status === 401) res.setHeader("WWW-Authenticate", 'Basic realm="ivf-vnfm"');
  res
    .status(status)
    .setHeader("Cache-Control", "no-store")
    .json({ error, error_description: description } satisfies TokenError);
}

function credentials(req: Request): { id?: string; secret?: string } {
  const header = req.headers.authorization;
  if (header?.startsWith("Basic ")) {
    const decoded = Buffer.from(header.slice(6), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon > 0)
      return {
        id: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
      };
  }
  const body = (req.body ?? {}) as Record<string, unknown>;
  return {
    id: typeof body.client_id === "string" ? body.client_id : undefined,
    secret: typeof body.client_secret === "string" ? body.client_secret : undefined,
  };
}

export function tokenEndpoint(
  issuer: LocalTokenIssuer,
  limiter = new RateLimiter({ perSecond: TOKEN_RATE_PER_SECOND, burst: TOKEN_RATE_PER_SECOND * 2 }),
): Router {
  const router = Router();
  router.use(express.urlencoded({ extended: false, limit: "8kb" }));
  router.post("/", async (req, res) => {
    const wait = limiter.take(req.socket.remoteAddress ?? "unknown");
    if (wait > 0) {
      res.setHeader("Retry-After", String(wait));
      return oauthError(
        res,
        429,
        "slow_down",
        `too many token requests from this address; retry in ${wait} s`,
      );
    }
    const body = (req.body ?? {}) as Record<string, unknown>;
    if (body.grant_type !== "client_credentials")
      return oauthError(
        res,
        400,
        "unsupported_grant_type",
        "only grant_type=client_credentials is supported",
      );
    let id: string | undefined;
    let secret: string | undefined;
    try {
      ({ id, secret } = credentials(req));
    } catch {
      return oauthError(res, 401, "invalid_client", "malformed client credentials");
    }
    if (!id || secret === undefined || !issuer.authenticate(id, secret))
      return oauthError(res, 401, "invalid_client", "unknown client or wrong secret");
    const { token, expiresIn } = await issuer.issue(id);
    res.setHeader("Cache-Control", "no-store");
    res.json({
      access_token: token,
      token_type: "Bearer",
      expires_in: expiresIn,
      scope: "vnflcm vnfpkgm",
    } satisfies TokenResponse);
  });
  router.all("/", (_req, res) => {
    res.setHeader("Allow", "POST");
    oauthError(res, 405, "invalid_request", "use POST");
  });
  return router;
}
