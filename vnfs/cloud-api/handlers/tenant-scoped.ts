import { ProblemError, type OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import { VersionConflictError } from "../../runtime-kit/store/document-store.js";
import type { Principal } from "../auth/authenticator.js";
import { conflict } from "./api-problems.js";

/**
 * Runs a device-manager operation (groups, devices, commands) for the caller's own tenant.
 * The device-manager API names the tenant in its path (`/v1/tenants/{tenantId}/...`) and checks
 * it against the token; cloud-api has no tenant in its paths, so the tenant is set here from
 * the credential and nothing else. The device-manager handler then applies its own tenant and
 * role checks, validation, records and bus publishing unchanged: one implementation, two APIs.
 *
 * Answers are adapted to this API: `Location` without the tenant segment and problem types in
 * cloud-api's namespace; a concurrent modification is a 409 the caller may retry.
 */
export function tenantScoped(handler: OperationHandler): OperationHandler {
  return async (input, req) => {
    const principal = input.auth as Principal;
    const scoped = { ...input, path: { ...input.path, tenantId: principal.tenant } };
    let result;
    try {
      result = await handler(scoped, req);
    } catch (error) {
      if (error instanceof VersionConflictError)
        throw conflict("the resource was modified concurrently; read it again and retry");
      if (error instanceof ProblemError) throw inCloudApiTerms(error);
      throw error;
    }
    const location = result.headers?.Location;
    if (location === undefined) return result;
    return { ...result, headers: { ...result.headers, Location: withoutTenant(location, principal.tenant) } };
  };
}

function withoutTenant(location: string, tenant: string): string {
  const prefix = `/v1/tenants/${tenant}/`;
  return location.startsWith(prefix) ? `/v1/${location.slice(prefix.length)}` : location;
}

function inCloudApiTerms(error: ProblemError): ProblemError {
  const type = error.problem.type.replace("urn:ivf:problem:device-manager:", "urn:ivf:problem:cloud-api:");
  return new ProblemError({ ...error.problem, type }, error.headers);
}
