import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Registry } from "prom-client";
import { storedEventsOf } from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import {
  PoisonMessageError,
  type Delivery,
  type MessageBus,
  type OutgoingMessage,
} from "../../../vnfs/runtime-kit/bus/message-bus.js";
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
import { updateLatestValues } from "../../../vnfs/request-processor/storage/update-latest-values.js";
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
  dir = mkdtempSync(join(tmpdir(), "ivf-rp-batch-"));
  bus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  await seedRegistry(store, {
    deviceGroups: [{ id: "g", tenant: "acme", apiKey: "batch-test-key-0123456789" }],
    devices: ["crashy", "fine", "other"].map((id) => ({ id, tenant: "acme", group: "g" })),
  });
  await bus.declareExchange("batch.events");
});

afterAll(async () => {
  await bus?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function reading(deviceId: string, second: number, value = second): TelemetryPrimitive {
  return {
    primitiveVersion: 1,
    operation: "create",
    tenant: "acme",
    deviceId,
    source: { protocol: "mqtt", endpoint: "t" },
    receivedAt: new Date().toISOString(),
    measurements: [
      { attribute: "power", value, timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString() },
    ],
  };
}

function delivery(primitive: TelemetryPrimitive): Delivery {
  const message = telemetryMessage(primitive);
  return {
    ...message,
    exchange: "batch.requests",
    headers: {},
    publishedAt: Date.now(),
    redelivered: false,
    deliveryCount: 1,
  };
}

/** The handler over a real store and bus, counting the batched calls it makes. */
async function instrumentedHandler(collectionSuffix: string, failFor?: string) {
  const real = await store.collection<MeasurementRecord>(`measurements_${collectionSuffix}`);
  const latest = await store.collection<LatestValueRecord>(`latest_${collectionSuffix}`);
  const insertCalls: number[] = [];
  const measurements = Object.create(real) as Collection<MeasurementRecord>;
  measurements.insertMany = async (docs) => {
    insertCalls.push(docs.length);
    if (failFor && docs.some((doc) => doc.deviceId === failFor)) throw new Error("disk on fire");
    return real.insertMany(docs);
  };
  const published: OutgoingMessage[][] = [];
  const spyBus = Object.create(bus) as MessageBus;
  spyBus.publishBatch = async (exchange, messages) => {
    published.push(messages);
    return bus.publishBatch(exchange, messages);
  };
  const { devices, groups } = await openDeviceCollections(store);
  const handler = telemetryHandler({
    bus: spyBus,
    eventsExchange: "batch.events",
    measurements,
    latest,
    validator: new SemanticValidator(devices, groups, 60_000, 1000),
    kpis: new IvfKpis({ registry: new Registry(), capacityPerSecond: 100 }),
    logger,
    batch: { maxSize: 50, lingerMs: 20 },
  });
  return { handler, real, latest, insertCalls, published };
}

describe("request-processor batching", () => {
  it("stores 100 concurrent deliveries with 2 insertMany calls and announces them in 2 envelopes of 50", async () => {
    const { handler, real, insertCalls, published } = await instrumentedHandler("full");
    const outcomes = await Promise.allSettled(
      Array.from({ length: 100 }, (_, i) => handler(delivery(reading(i % 2 ? "fine" : "other", i)))),
    );
    expect(outcomes.every((outcome) => outcome.status === "fulfilled")).toBe(true);
    expect(insertCalls).toEqual([50, 50]);
    // One publishBatch per storage batch, one envelope per tenant in it, every event in it.
    expect(published.map((batch) => batch.length)).toEqual([1, 1]);
    expect(
      published.map((batch) => storedEventsOf({ ...batch[0]!, messageId: batch[0]!.messageId ?? "" }).length),
    ).toEqual([50, 50]);
    expect(await real.count()).toBe(100);
  });

  it("dead-letters only the poison delivery and fails only the delivery whose write fails", async () => {
    const { handler, real, insertCalls } = await instrumentedHandler("mixed", "crashy");
    const unknown = { ...reading("ghost", 1), deviceId: "ghost" };
    const outcomes = await Promise.allSettled([
      ...[1, 2, 3].map((s) => handler(delivery(reading("fine", s)))),
      handler(delivery(unknown)),
      handler(delivery(reading("crashy", 4))),
      ...[5, 6].map((s) => handler(delivery(reading("other", s)))),
    ]);
    const status = outcomes.map((outcome) => outcome.status);
    expect(status).toEqual([
      "fulfilled",
      "fulfilled",
      "fulfilled",
      "rejected",
      "rejected",
      "fulfilled",
      "fulfilled",
    ]);
    expect((outcomes[3] as PromiseRejectedResult).reason).toBeInstanceOf(PoisonMessageError);
    const writeFailure = (outcomes[4] as PromiseRejectedResult).reason as Error;
    expect(writeFailure).not.toBeInstanceOf(PoisonMessageError);
    expect(writeFailure.message).toBe("disk on fire");
    // One batched attempt with the six valid deliveries, then one isolated attempt per delivery.
    expect(insertCalls).toEqual([6, 1, 1, 1, 1, 1, 1]);
    expect(await real.count()).toBe(5);
    expect(await real.count({ deviceId: "crashy" })).toBe(0);
  });

  it("a redelivered batch stores nothing twice", async () => {
    const { handler, real } = await instrumentedHandler("again");
    const batch = [1, 2, 3, 4].map((s) => reading("fine", s));
    await Promise.all(batch.map((p) => handler(delivery(p))));
    await Promise.all(batch.map((p) => handler({ ...delivery(p), redelivered: true, deliveryCount: 2 })));
    expect(await real.count()).toBe(4);
  });

  it("keeps the newest latest value per device and attribute, whatever the order within and across batches", async () => {
    const { handler, latest } = await instrumentedHandler("order");
    await Promise.all([30, 10, 50, 20].map((s) => handler(delivery(reading("fine", s)))));
    await Promise.all([40, 5].map((s) => handler(delivery(reading("fine", s)))));
    expect(await latest.get("acme/fine/power")).toMatchObject({ value: 50 });
    await handler(delivery(reading("fine", 55)));
    expect(await latest.get("acme/fine/power")).toMatchObject({ value: 55 });
  });
});

describe("batched latest values under concurrency", () => {
  it("converge on the greatest timestamp when 8 instances update overlapping batches at once", async () => {
    const latest = await store.collection<LatestValueRecord>("latest_batch_race");
    const candidate = (device: string, second: number): LatestValueRecord => ({
      id: `acme/${device}/power`,
      tenant: "acme",
      deviceId: device,
      attribute: "power",
      value: second,
      timestamp: new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString(),
      measurementId: `m-${device}-${second}`,
    });
    const devices = ["a", "b", "c", "d", "e"];
    const batches = Array.from({ length: 8 }, (_, instance) =>
      devices.flatMap((device) => [
        candidate(device, (instance * 7) % 59),
        candidate(device, (instance * 13) % 59),
      ]),
    );
    await Promise.all(batches.map((batch) => updateLatestValues(latest, batch)));
    const best = Math.max(...batches.flat().map((c) => c.value as number));
    for (const device of devices)
      expect(await latest.get(`acme/${device}/power`)).toMatchObject({ value: best });
    // Nothing newer: the next batch changes nothing.
    expect(await updateLatestValues(latest, batches[0]!)).toBe(0);
  });
});
