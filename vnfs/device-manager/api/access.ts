import type { Principal, Role } from "../../runtime-kit/auth/access-token.js";
import { requireRole, requireTenant } from "../../runtime-kit/auth/bearer-auth.js";
import type { ValidatedRequest } from "../../runtime-kit/http/openapi/request-validation.js";

export type Input = ValidatedRequest & { auth: unknown };

/**
 * Scope check of every operation: the tenant first (another tenant's resources answer 404, so
 * their existence is not disclosed), then the role (403). Returns the path's tenant.
 */
export function authorise(input: Input, role: Role): { tenant: string; principal: Principal } {
  const principal = input.auth as Principal;
  const tenant = input.path.tenantId as string;
  requireTenant(principal, tenant);
  requireRole(principal, role);
  return { tenant, principal };
}

export function paging(input: Input): { limit: number; offset: number } {
  return {
    limit: (input.query.limit as number | undefined) ?? 100,
    offset: (input.query.offset as number | undefined) ?? 0,
  };
}
