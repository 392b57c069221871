import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { Counter } from "prom-client";
import type { RetentionPolicyRecord } from "./retention-policies.js";

import type { MeasurementRecord } from "../../request-processor/storage/measurement-records.js";

export interface RetentionJobDeps {
  measurements: Collection<MeasurementRecord>;
  policies: Collection<RetentionPolicyRecord>;
  defaultRetentionMs: number;
  /** Width of one delete step; deleting hour by hour keeps each write short on a large backlog. */
  sliceMs: number;
  logger: Logger;
  deleted: Counter;
}

/**
 * Deletes raw measurements older than each tenant's retention (its policy, else the default).
 * It walks from the tenant's oldest measurement to the cutoff in slices, so a first run on a
 * years-old store makes progress in bounded transactions instead of one huge delete. Latest
 * values are kept: a device that went quiet still shows its last reading.
 */
export async function runRetention(deps: RetentionJobDeps, now = Date.now()): Promise<number> {
  const tenants = await tenantsWithData(deps);
  let total = 0;
  for (const tenant of tenants) {
    const policy = await deps.policies.get(tenant);
    const retentionMs = policy ? policy.measurementsDays * 86_400_000 : deps.defaultRetentionMs;
    const cutoff = now - retentionMs;
    const [oldest] = await deps.measurements.find({
      where: { tenant },
      orderBy: [{ field: "timestamp" }],
      limit: 1,
    });
    if (!oldest) continue;
    for (let until = Date.parse(oldest.timestamp) + deps.sliceMs; ; until += deps.sliceMs) {
      const sliceEnd = Math.min(until, cutoff);
      if (sliceEnd <= Date.parse(oldest.timestamp)) break;
      const removed = await deps.measurements.deleteMany({
        tenant,
        timestamp: { lt: new Date(sliceEnd).toISOString() },
      });
      total += removed;
      deps.deleted.inc(removed);
      if (sliceEnd >= cutoff) break;
    }
  }
  if (total > 0) deps.logger.info({ deleted: total }, "retention removed expired measurements");
  return total;
}

/** Tenants are found by walking the tenant index one distinct value at a time. */
async function tenantsWithData(deps: RetentionJobDeps): Promise<string[]> {
  const tenants: string[] = [];
  let after: string | undefined;
  for (;;) {
    const [next] = await deps.measurements.find({
      where: after === undefined ? {} : { tenant: { gt: after } },
      orderBy: [{ field: "tenant" }],
      limit: 1,
    });
    if (!next) return tenants;
    tenants.push(next.tenant);
    after = next.tenant;
  }
}
