import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import type { Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import type { Collection } from "../../../vnfs/runtime-kit/store/document-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import {
  telemetryMessage,
  type TelemetryPrimitive,
} from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { telemetryHandler } from "../../../vnfs/request-processor/handling/handle-telemetry.js";
import { SemanticValidator } from "../../../vnfs/request-processor/handling/semantic-validation.js";
import { updateLatestValue } from "../../../vnfs/request-processor/storage/update-latest-values.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import { openDeviceCollections } from "../../../vnfs/field-gateway/registry/device-records.js";
import type {
  LatestValueRecord,
  MeasurementRecord,
} from "../../../vnfs/request-processor/storage/measurement-records.js";

const logger = createLogger({ ivf: "test", instanceId: "t", level: "silent" });
let dir: string;
let bus: EmbeddedBus;
let store: SqliteStore;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-rp-crash-"));
  bus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  await seedRegistry(store, {
    deviceGroups: [{ id: "g", tenant: "acme", apiKey: "crash-test-key-0123456789" }],
    devices: ["crashy", "fine"].map((id) => ({ id, tenant: "acme", group: "g" })),
  });
});

afterAll(async () => {
  await bus?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function reading(deviceId: string, second: number): TelemetryPrimitive {
  return {
    primitiveVersion: 1,
    operation: "create",
    tenant: "acme",
    deviceId,
    source: { protocol: "mqtt", endpoint: "t" },
    receivedAt: new Date().toISOString(),
    measurements: [
      {
        attribute: "power",
        value: second,
        timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
      },
    ],
  };
}

describe("request-processor under handler crashes", () => {
  it("dead-letters a message whose handling keeps crashing after maxDeliveries while the rest flows", async () => {
    const real = await store.collection<MeasurementRecord>("measurements");
    // Fault injection in the store the handler writes to: every write for "crashy" fails.
    const faulty = Object.create(real) as Collection<MeasurementRecord>;
    faulty.insertMany = async (docs) => {
      if (docs.some((doc) => doc.deviceId === "crashy")) throw new Error("disk on fire");
      return real.insertMany(docs);
    };
    const { devices, groups } = await openDeviceCollections(store);
    const handler = telemetryHandler({
      bus,
      eventsExchange: "crash.events",
      measurements: faulty,
      latest: await store.collection<LatestValueRecord>("latest_values"),
      validator: new SemanticValidator(devices, groups, 60_000, 1000),
      kpis: new IvfKpis({ registry: new Registry(), capacityPerSecond: 100 }),
      logger,
    });
    await bus.declareExchange("crash.requests");
    await bus.declareExchange("crash.events");
    const queue = {
      name: "crash.queue",
      exchange: "crash.requests",
      bindings: ["telemetry.#"],
      maxDeliveries: 3,
    };
    const attempts: number[] = [];
    const consumer = await bus.consume(
      queue,
      async (delivery: Delivery<Json>) => {
        if ((delivery.body as unknown as TelemetryPrimitive).deviceId === "crashy")
          attempts.push(delivery.deliveryCount);
        await handler(delivery);
      },
      { prefetch: 1 },
    );
    const dead: Delivery<Json>[] = [];
    const dlq = await bus.consume(
      { name: "crash.queue.dlq", exchange: "crash.requests", bindings: [] },
      async (delivery) => {
        dead.push(delivery);
      },
    );
    await bus.publishBatch(
      "crash.requests",
      [reading("crashy", 0), ...[1, 2, 3, 4, 5].map((second) => reading("fine", second))].map(
        telemetryMessage,
      ),
    );

    const deadline = Date.now() + 15_000;
    while ((dead.length < 1 || (await real.count({ deviceId: "fine" })) < 5) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    await consumer.stop();
    await dlq.stop();
    expect(await real.count({ deviceId: "fine" })).toBe(5);
    expect(dead).toHaveLength(1);
    expect(dead[0]!.headers["x-dead-letter-reason"]).toBe("max-deliveries");
    expect(dead[0]!.headers["x-dead-letter-error"]).toContain("disk on fire");
    expect(attempts).toEqual([1, 2, 3]);
  });
});

describe("latest values under concurrency", () => {
  it("converge on the reading with the greatest timestamp when 40 writers race", async () => {
    const latest = await store.collection<LatestValueRecord>("latest_race");
    const candidates = Array.from({ length: 40 }, (_, index) => ({
      id: "acme/race/power",
      tenant: "acme",
      deviceId: "race",
      attribute: "power",
      value: index,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, (index * 7) % 40)).toISOString(),
      measurementId: `m-${index}`,
    }));
    await Promise.all(candidates.map((candidate) => updateLatestValue(latest, candidate)));
    const winner = candidates.reduce((best, candidate) =>
      candidate.timestamp > best.timestamp ? candidate : best,
    );
    expect(await latest.get("acme/race/power")).toMatchObject({
      value: winner.value,
      timestamp: winner.timestamp,
    });
  });
});
