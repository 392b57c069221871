import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { LeaseStore } from "../../../vnfs/runtime-kit/ownership/lease-store.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { PartitionAssigner } from "../../../vnfs/request-processor/partitions/partition-assigner.js";
import {
  partitionedTelemetryRoutingKey,
  telemetryPartition,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";

const PARTITIONS = 16;
const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });

/** Who consumes which partition right now, as the assigners' start/stop calls say; every overlap is recorded. */
class ConsumptionLog {
  readonly active = new Map<number, string>();
  readonly overlaps: string[] = [];
  readonly events: string[] = [];

  actions(instance: string, stopDelayMs = 0) {
    return {
      start: async (partition: number) => {
        const current = this.active.get(partition);
        if (current !== undefined)
          this.overlaps.push(`p${partition}: ${instance} started while ${current} consumed`);
        this.active.set(partition, instance);
        this.events.push(`${instance} start p${partition}`);
      },
      stop: async (partition: number) => {
        await new Promise((resolve) => setTimeout(resolve, stopDelayMs)); // draining the batch in flight
        if (this.active.get(partition) === instance) this.active.delete(partition);
        this.events.push(`${instance} stop p${partition}`);
      },
    };
  }

  ownedBy(instance: string): number[] {
    return [...this.active.entries()]
      .filter(([, owner]) => owner === instance)
      .map(([partition]) => partition);
  }
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("partition assigner (leases + rendezvous, break-before-make)", () => {
  let dir: string;
  let store: SqliteStore;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ivf-assigner-"));
    store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const assigner = async (instance: string, log: ConsumptionLog, scope: string, ttlMs = 2000) =>
    new PartitionAssigner(
      await LeaseStore.open(store, {
        leasesCollection: "assigner_leases",
        membersCollection: "assigner_members",
        instanceId: instance,
        scope,
        ttlMs,
      }),
      log.actions(instance, 30),
      { partitions: PARTITIONS, leaseKey: (k) => `${scope}.p${k}`, reconcileMs: 150, retryMs: 20 },
      logger,
    );

  it("moves partitions on scale-out and back on scale-in, never letting two instances consume one", async () => {
    const log = new ConsumptionLog();
    const a = await assigner("a", log, "scale");
    await a.start();
    expect(log.ownedBy("a")).toHaveLength(PARTITIONS);
    const b = await assigner("b", log, "scale");
    const c = await assigner("c", log, "scale");
    await Promise.all([b.start(), c.start()]);
    await until(
      () => log.ownedBy("b").length > 0 && log.ownedBy("c").length > 0 && log.active.size === PARTITIONS,
    );
    await until(() => a.owned().length + b.owned().length + c.owned().length === PARTITIONS);
    // Roughly a third each, and every partition with exactly one owner.
    for (const owner of [a, b, c]) expect(owner.owned().length).toBeGreaterThanOrEqual(2);
    const owners = [...a.owned(), ...b.owned(), ...c.owned()].sort((x, y) => x - y);
    expect(owners).toEqual(Array.from({ length: PARTITIONS }, (_, k) => k));
    await Promise.all([b.stop(), c.stop()]);
    await until(() => log.ownedBy("a").length === PARTITIONS);
    expect(b.owned()).toEqual([]);
    expect(log.overlaps).toEqual([]);
    // Break-before-make: every hand-over of a partition to "a" follows the previous owner's stop.
    for (let k = 0; k < PARTITIONS; k++) {
      const events = log.events.filter((event) => event.endsWith(` p${k}`));
      for (let index = 1; index < events.length; index++) {
        if (events[index]!.includes("start")) expect(events[index - 1]).toContain("stop");
      }
    }
    await a.stop();
  });

  it("takes over a crashed owner's partitions only after its lease expired", async () => {
    const log = new ConsumptionLog();
    const victim = await assigner("victim", log, "crash", 600);
    await victim.start();
    expect(victim.owned()).toHaveLength(PARTITIONS);
    // A crash: the victim stops renewing and never releases (its timers are simply abandoned).
    (victim as unknown as { stopped: boolean }).stopped = true;
    const crashedAt = Date.now();
    const survivor = await assigner("survivor", log, "crash", 600);
    await survivor.start();
    expect(survivor.owned()).toEqual([]);
    await until(() => survivor.owned().length === PARTITIONS);
    expect(Date.now() - crashedAt).toBeGreaterThanOrEqual(500);
    await survivor.stop();
  });
});

describe("telemetry partitions", () => {
  it("partitions by tenant and device with a fixed hash, spread over every partition", () => {
    // Fixed values (FNV-1a 32 of "acme/meter-0001" = 3372292551): a changed hash would re-partition
    // running deployments, whose publishers and request processors must agree.
    expect(telemetryPartition("acme", "meter-0001", 16)).toBe(3372292551 % 16);
    expect(telemetryPartition("acme", "meter-0001", 1000)).toBe(3372292551 % 1000);
    expect(partitionedTelemetryRoutingKey("acme", "meter-0001", 16)).toBe(
      `telemetry.acme.meter-0001.${telemetryPartition("acme", "meter-0001", 16)}`,
    );
    const counts = new Array<number>(16).fill(0);
    for (let index = 0; index < 1600; index++) counts[telemetryPartition("acme", `m-${index}`, 16)]! += 1;
    for (const count of counts) expect(count).toBeGreaterThan(60);
    expect(telemetryPartition("acme", "x", 1)).toBe(0);
  });

  it("refuses a partition count out of range and identifiers that could inject routing-key words", () => {
    expect(() => telemetryPartition("acme", "m", 0)).toThrow(/IVF_TELEMETRY_PARTITIONS/);
    expect(() => telemetryPartition("acme", "m", 1025)).toThrow(/1 to 1024/);
    expect(() => partitionedTelemetryRoutingKey("acme", "a.b", 16)).toThrow(/deviceId/);
  });
});
