import type { Request } from "express";
import {
  AccessTokenError,
  canAccessTenant,
  hasRole,
  type Principal,
  type Role,
  type TokenVerifier,
} from "./access-token.js";
import { ProblemError } from "../http/openapi/openapi-router.js";

/**
 * Authentication and authorisation of API operations with identity's bearer tokens. Failures are
 * RFC 9457 problems: 401 with `WWW-Authenticate: Bearer` (RFC 6750 §3) for a missing or bad token,
 * 403 for a role that is too weak, and 404 for another tenant's resources, so a caller cannot
 * even learn that they exist.
 */
export async function authenticate(req: Request, verify: TokenVerifier): Promise<Principal> {
  const header = req.get("authorization");
  const match = header ? /^Bearer\s+([A-Za-z0-9._~+/-]+=*)\s*$/i.exec(header) : null;
  if (!match) {
    throw new ProblemError(
      {
        type: "urn:ivf:problem:unauthorized",
        title: "Unauthorized",
        status: 401,
        detail: "a Bearer access token is required",
      },
      { "WWW-Authenticate": 'Bearer realm="iot-platform"' },
    );
  }
  try {
    return await verify(match[1]!);
  } catch (error) {
    const detail = error instanceof AccessTokenError ? error.message : "access token rejected";
    throw new ProblemError(
      { type: "urn:ivf:problem:unauthorized", title: "Unauthorized", status: 401, detail },
      { "WWW-Authenticate": 'Bearer realm="iot-platform", error="invalid_token"' },
    );
  }
}

export function requireRole(principal: Principal, role: Role): void {
  if (!hasRole(principal, role)) {
    throw new ProblemError({
      type: "urn:ivf:problem:forbidden",
      title: "Forbidden",
      status: 403,
      detail: `this operation needs the ${role} role; the token has ${principal.roles.join(", ") || "none"}`,
    });
  }
}

/** 404 (not 403) for another tenant: existence of other tenants' resources is not disclosed. */
export function requireTenant(principal: Principal, tenant: string, what = `tenant ${tenant}`): void {
  if (!canAccessTenant(principal, tenant)) {
    throw new ProblemError({
      type: "urn:ivf:problem:not-found",
      title: "Not found",
      status: 404,
      detail: `${what} not found`,
    });
  }
}
