/**
 * Requires `Authorization: Bearer <token>` on every API request except api_versions (SOL013
 * 8.1) and the token endpoint; 401 ProblemDetails with a WWW-Authenticate challenge otherwise.
 */
import type { RequestHandler } from "express";
import { vnfmError } from "../errors.js";
import type { TokenVerifier } from "./token-verifier.js";

const OPEN = [/\/api_versions\/?$/];

export function bearerGuard(verifier: TokenVerifier): RequestHandler {
  return async (req, res, next) => {
    if (OPEN.some((pattern) => pattern.test(req.path))) return next();
    const header = req.headers.authorization;
    if (!header?.startsWith("Bearer ")) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="ivf-vnfm"');
      return next(
        vnfmError(
          "UNAUTHORIZED",
          "send Authorization: Bearer <token>; get a token from POST /oauth2/token (client credentials)",
        ),
      );
    }
    try {
      const claims = await verifier.verify(header.slice(7).trim());
      // The client the API rate limit counts (api/client-rate-limit.ts).
      res.locals.client = claims.sub ?? (typeof claims.client_id === "string" ? claims.client_id : undefined);
      next();
    } catch (error) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="ivf-vnfm", error="invalid_token"');
      next(vnfmError("UNAUTHORIZED", `the access token is not valid: ${(error as Error).message}`));
    }
  };
}
