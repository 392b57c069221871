import type { Request } from "express";
import { ProblemError, type OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import { authenticate, requireRole, requireTenant } from "../../runtime-kit/auth/bearer-auth.js";
import type { TokenVerifier } from "../../runtime-kit/auth/access-token.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import { aggregate, type BucketName } from "../aggregates/bucket-aggregation.js";
import { RangeTooLargeError, readRange } from "../aggregates/read-range.js";
import type { RetentionPolicyRecord } from "../retention/retention-policies.js";

import type { MeasurementRecord } from "../../request-processor/storage/measurement-records.js";

export interface DataStoreHandlerDeps {
  verify: TokenVerifier;
  /** Requests per client, taken after authentication: an anonymous flood cannot use up a tenant's budget. */
  limiter: RateLimiter;
  measurements: Collection<MeasurementRecord>;
  policies: Collection<RetentionPolicyRecord>;
  defaultRetentionMs: number;
  maxScan: number;
}

export function dataStoreHandlers(deps: DataStoreHandlerDeps): Record<string, OperationHandler> {
  const caller = async (req: Request) => {
    const principal = await authenticate(req, deps.verify);
    const wait = deps.limiter.take(`${principal.tenant}/${principal.clientId}`);
    if (wait > 0)
      throw new ProblemError(
        {
          type: "urn:ivf:problem:data-store:too-many-requests",
          title: "Too many requests",
          status: 429,
          detail: `too many requests from client ${principal.clientId}; retry in ${wait} s`,
        },
        { "Retry-After": String(wait) },
      );
    return principal;
  };
  return {
    async getAggregates(input, req) {
      const principal = await caller(req);
      const { tenantId, deviceId, attribute } = input.path as Record<string, string>;
      requireTenant(principal, tenantId!);
      requireRole(principal, "reader");
      const from = new Date(input.query.from as string).toISOString();
      const to = new Date(input.query.to as string).toISOString();
      if (from >= to) throw unprocessable(`from (${from}) must be before to (${to})`);
      const bucket = (input.query.bucket as BucketName | undefined) ?? "1h";
      const readings = await readRange(
        deps.measurements,
        { tenant: tenantId!, deviceId: deviceId!, attribute: attribute!, from, to },
        deps.maxScan,
      ).catch((error: unknown) => {
        throw error instanceof RangeTooLargeError ? unprocessable(error.message) : error;
      });
      const { buckets, skipped } = aggregate(readings, bucket);
      return {
        status: 200,
        body: {
          tenant: tenantId,
          deviceId,
          attribute,
          bucket,
          from,
          to,
          buckets,
          skippedNonNumeric: skipped,
        },
      };
    },
    async getRetention(input, req) {
      const principal = await caller(req);
      const tenantId = input.path.tenantId as string;
      requireTenant(principal, tenantId);
      requireRole(principal, "reader");
      const policy = await deps.policies.get(tenantId);
      const body = policy
        ? { tenant: tenantId, measurementsDays: policy.measurementsDays, source: "tenant" }
        : { tenant: tenantId, measurementsDays: deps.defaultRetentionMs / 86_400_000, source: "default" };
      return { status: 200, body };
    },
    async setRetention(input, req) {
      const principal = await caller(req);
      const tenantId = input.path.tenantId as string;
      requireTenant(principal, tenantId);
      requireRole(principal, "tenant-admin");
      const { measurementsDays } = input.body as { measurementsDays: number };
      await deps.policies.replace({
        id: tenantId,
        tenant: tenantId,
        measurementsDays,
        updatedAt: new Date().toISOString(),
      });
      return { status: 200, body: { tenant: tenantId, measurementsDays, source: "tenant" } };
    },
  };
}

function unprocessable(detail: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:unprocessable",
    title: "Unprocessable request",
    status: 422,
    detail,
  });
}
