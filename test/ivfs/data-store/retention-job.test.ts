import { Registry, Counter } from "prom-client";
import { describe, expect, it } from "vitest";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { runRetention } from "../../../vnfs/data-store/retention/retention-job.js";
import { openRetentionPolicies } from "../../../vnfs/data-store/retention/retention-policies.js";
import type { MeasurementRecord } from "../../../vnfs/request-processor/storage/measurement-records.js";

const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });
const DAY = 86_400_000;

function reading(tenant: string, index: number, at: number): MeasurementRecord {
  const timestamp = new Date(at).toISOString();
  return {
    id: `${tenant}-${index}`,
    tenant,
    deviceId: "d1",
    attribute: "a",
    value: index,
    timestamp,
    receivedAt: timestamp,
    sortKey: `${timestamp}|${index}`,
  };
}

describe("retention of raw measurements", () => {
  it("removes what each tenant's retention (or the default) no longer covers, and nothing else", async () => {
    const store = await SqliteStore.open({ path: ":memory:", logger });
    const measurements = await store.collection<MeasurementRecord>("measurements", {
      indexes: [{ fields: ["tenant", "timestamp"] }],
    });
    const policies = await openRetentionPolicies(store);
    const now = Date.UTC(2026, 10, 27);
    const docs: MeasurementRecord[] = [];
    for (const tenant of ["acme", "globex"]) {
      for (let day = 0; day < 40; day++) docs.push(reading(tenant, day, now - day * DAY - 1000));
    }
    await measurements.insertMany(docs);
    await policies.replace({
      id: "acme",
      tenant: "acme",
      measurementsDays: 7,
      updatedAt: new Date(now).toISOString(),
    });
    const deleted = new Counter({ name: "deleted_total", help: "h", registers: [new Registry()] });

    const removed = await runRetention(
      { measurements, policies, defaultRetentionMs: 30 * DAY, sliceMs: 5 * DAY, logger, deleted },
      now,
    );
    expect(await measurements.count({ tenant: "acme" })).toBe(7);
    expect(await measurements.count({ tenant: "globex" })).toBe(30);
    expect(removed).toBe(33 + 10);
    expect(
      await runRetention(
        { measurements, policies, defaultRetentionMs: 30 * DAY, sliceMs: 5 * DAY, logger, deleted },
        now,
      ),
    ).toBe(0);
    await store.close();
  });
});
