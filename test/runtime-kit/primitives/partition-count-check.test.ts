import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import {
  checkTelemetryPartitionCount,
  PartitionCountMismatchError,
} from "../../../vnfs/runtime-kit/primitives/partition-count-check.js";
import { startIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/request-processor/definition.js";
import { definition as fieldGateway } from "../../../vnfs/field-gateway/definition.js";

describe("telemetry partition count guard", () => {
  let dir: string;
  let store: SqliteStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ivf-partition-count-"));
    const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });
    store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("records the first count per exchange and accepts the same count again", async () => {
    await checkTelemetryPartitionCount(store, { exchange: "ex.a", partitions: 16, instanceId: "fg-1" });
    await checkTelemetryPartitionCount(store, { exchange: "ex.a", partitions: 16, instanceId: "rp-1" });
    await checkTelemetryPartitionCount(store, { exchange: "ex.b", partitions: 32, instanceId: "rp-2" });
  });

  it("refuses another count with what differs, who set it and how to change it", async () => {
    const refused = checkTelemetryPartitionCount(store, {
      exchange: "ex.a",
      partitions: 8,
      instanceId: "rp-3",
    });
    await expect(refused).rejects.toBeInstanceOf(PartitionCountMismatchError);
    await expect(refused).rejects.toThrow(
      /IVF_TELEMETRY_PARTITIONS=8 differs from 16.*exchange ex\.a.*recorded by fg-1.*To change it/s,
    );
  });

  it("stops a request processor whose count differs before it consumes anything", async () => {
    const env = { IVF_LOG_LEVEL: "silent", IVF_DATA_DIR: join(dir, "rp") };
    const first = await startIvf(definition, env);
    await first.stop();
    await expect(startIvf(definition, { ...env, IVF_TELEMETRY_PARTITIONS: "4" })).rejects.toThrow(
      /IVF_TELEMETRY_PARTITIONS=4 differs from 16/,
    );
    // A field-gateway with another count would publish to partitions no queue is bound to.
    await expect(startIvf(fieldGateway, { ...env, IVF_TELEMETRY_PARTITIONS: "32" })).rejects.toThrow(
      /IVF_TELEMETRY_PARTITIONS=32 differs from 16/,
    );
  }, 60_000);
});
