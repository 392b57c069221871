import type { Request } from "express";
import { SignJWT } from "jose";
import type { OperationHandler, OperationResult } from "../../runtime-kit/http/openapi/openapi-router.js";
import { ROLES, type Role } from "../../runtime-kit/auth/access-token.js";
import type { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import { verifyAgainstNothing, verifySecret } from "../clients/client-secrets.js";
import type { IdentityCollections } from "../identity-records.js";
import { tokenId, type SigningKeys } from "../keys/signing-keys.js";
import { tooManyRequests } from "./jwks-handler.js";

export interface TokenHandlerDeps {
  collections: IdentityCollections;
  keys: SigningKeys;
  issuer: string;
  audience: string;
  tokenTtlMs: number;
  limiter: RateLimiter;
}

type OAuthErrorCode = "invalid_request" | "invalid_client" | "unsupported_grant_type" | "invalid_scope";

function oauthError(status: 400 | 401, error: OAuthErrorCode, description: string): OperationResult {
  const headers: Record<string, string> = { "Cache-Control": "no-store" };
  if (status === 401) headers["WWW-Authenticate"] = 'Basic realm="iot-platform"';
  return {
    status,
    body: { error, error_description: description },
    contentType: "application/json",
    headers,
  };
}

/** Client id and secret from HTTP Basic (RFC 6749 §2.3.1: form-urlencoded parts) or from the body. */
function clientCredentials(req: Request, body: Record<string, string | undefined>) {
  const header = req.get("authorization");
  if (header?.toLowerCase().startsWith("basic ")) {
    const decoded = Buffer.from(header.slice(6).trim(), "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon < 0) return undefined;
    try {
      return {
        clientId: decodeURIComponent(decoded.slice(0, colon)),
        secret: decodeURIComponent(decoded.slice(colon + 1)),
        viaBasic: true,
      };
    } catch {
      return undefined;
    }
  }
  if (body.client_id && body.client_secret) {
    return { clientId: body.client_id, secret: body.client_secret, viaBasic: false };
  }
  return undefined;
}

/**
 * POST /oauth2/token, client credentials grant (RFC 6749 §4.4). Unknown client, wrong secret
 * and revoked client all answer the same invalid_client after one secret verification each, so
 * neither the answer nor its timing reveals which client ids exist. A tenant's client
 * authenticates as `<tenant>.<name>`; operator clients and clients made before names were
 * scoped by tenant keep their bare ids (identity-records.ts).
 */
export function tokenHandler(deps: TokenHandlerDeps): OperationHandler {
  return async (input, req) => {
    const wait = deps.limiter.take(req.socket.remoteAddress ?? "unknown");
    if (wait > 0) return tooManyRequests(wait);
    const body = input.body as Record<string, string | undefined>;
    if (body.grant_type !== "client_credentials") {
      return oauthError(400, "unsupported_grant_type", "only grant_type=client_credentials is supported");
    }
    const credentials = clientCredentials(req, body);
    if (!credentials)
      return oauthError(
        401,
        "invalid_client",
        "client authentication is required (HTTP Basic or client_id/client_secret)",
      );
    const [record] = await deps.collections.clients.find({
      where: { clientId: credentials.clientId },
      limit: 1,
    });
    const valid =
      record && !record.revokedAt
        ? await verifySecret(credentials.secret, record.secretHash)
        : await verifyAgainstNothing(credentials.secret);
    if (!record || !valid) return oauthError(401, "invalid_client", "client authentication failed");

    const roles = narrowRoles(record.roles, body.scope);
    if (!roles)
      return oauthError(
        400,
        "invalid_scope",
        `scope may only name roles of this client: ${record.roles.join(" ")}`,
      );
    const key = await deps.keys.current();
    const expiresIn = Math.floor(deps.tokenTtlMs / 1000);
    const scope = roles.join(" ");
    const token = await new SignJWT({ client_id: record.clientId, tenant: record.tenant, roles, scope })
      .setProtectedHeader({ alg: "ES256", kid: key.kid, typ: "at+jwt" })
      .setIssuer(deps.issuer)
      .setAudience(deps.audience)
      .setSubject(record.clientId)
      .setIssuedAt()
      .setExpirationTime(`${expiresIn}s`)
      .setJti(tokenId())
      .sign(key.privateKey);
    return {
      status: 200,
      headers: { "Cache-Control": "no-store" },
      body: { access_token: token, token_type: "Bearer", expires_in: expiresIn, scope },
    };
  };
}

function narrowRoles(granted: Role[], scope: string | undefined): Role[] | undefined {
  if (!scope?.trim()) return granted;
  const asked = [...new Set(scope.trim().split(/\s+/))];
  if (!asked.every((role) => (ROLES as readonly string[]).includes(role) && granted.includes(role as Role)))
    return undefined;
  return asked as Role[];
}
