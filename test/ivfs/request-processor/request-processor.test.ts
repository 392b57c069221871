import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/request-processor/definition.js";
import type { requestProcessorSettings } from "../../../vnfs/request-processor/settings.js";
import type { Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import {
  REQUESTS_EXCHANGE,
  telemetryMessage,
  type TelemetryPrimitive,
} from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { unpartitionedQueue } from "../../../vnfs/request-processor/partitions/unpartitioned-forwarder.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryMessage,
  partitionedTelemetryRoutingKey,
  telemetryPartition,
  telemetryPartitionQueue,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import { envelopeRoutingKey } from "../../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { storedEventRoutingKey, storedEventsOf } from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../../../vnfs/request-processor/storage/measurement-records.js";

let running: RunningIvf<typeof requestProcessorSettings>;
let dir: string;
const events: Delivery<Json>[] = [];
const deadLetters: Delivery<Json>[] = [];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-rp-test-"));
  running = await startIvf(definition, {
    IVF_LOG_LEVEL: "silent",
    IVF_DATA_DIR: dir,
    IVF_REQUEST_PROCESSOR_MAX_DELIVERIES: "2",
  });
  const { bus, store } = running.context;
  await seedRegistry(store, {
    deviceGroups: [
      {
        id: "meters",
        tenant: "acme",
        apiKey: "acme-meters-key-0123456789",
        explicitAttributes: true,
        attributes: [{ name: "power", type: "number" }],
      },
    ],
    devices: [
      { id: "m-1", tenant: "acme", group: "meters" },
      { id: "m-2", tenant: "acme", group: "meters" },
    ],
  });
  await bus.consume(
    { name: "test.stored", exchange: "iot.events", bindings: ["stored.#"] },
    async (delivery) => {
      // One entry per stored event, as if each had come alone (envelopes are unpacked).
      for (const { eventId, event } of storedEventsOf(delivery)) {
        events.push({
          ...delivery,
          routingKey: storedEventRoutingKey(event.tenant, event.deviceId),
          messageId: eventId,
          body: event as unknown as Json,
        });
      }
    },
  );
  const queues = Array.from({ length: DEFAULT_TELEMETRY_PARTITIONS }, (_, partition) =>
    telemetryPartitionQueue("request-processor.telemetry", partition),
  );
  for (const queue of [...queues, unpartitionedQueue("request-processor.telemetry")]) {
    await bus.consume(
      {
        name: `${queue}.dlq`,
        exchange: REQUESTS_EXCHANGE,
        bindings: [],
      },
      async (delivery) => {
        deadLetters.push(delivery);
      },
    );
  }
}, 30_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function primitive(
  deviceId: string,
  readings: [string, number | string, string][],
  tenant = "acme",
): TelemetryPrimitive {
  return {
    primitiveVersion: 1,
    operation: "create",
    tenant,
    deviceId,
    source: { protocol: "http", endpoint: "/v1/telemetry/x" },
    receivedAt: new Date().toISOString(),
    measurements: readings.map(([attribute, value, timestamp]) => ({ attribute, value, timestamp })),
  };
}

async function publish(...primitives: TelemetryPrimitive[]): Promise<void> {
  await running.context.bus.publishBatch(
    REQUESTS_EXCHANGE,
    primitives.map((entry) => partitionedTelemetryMessage(entry, DEFAULT_TELEMETRY_PARTITIONS)),
  );
}

async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

const measurements = () => running.context.store.collection<MeasurementRecord>(MEASUREMENTS);

/** Sum of iotvf_dropped_messages_total over its reasons. */
async function droppedTotal(): Promise<number> {
  const text = await running.context.metrics.metrics();
  return text
    .split("\n")
    .filter((line) => line.startsWith("iotvf_dropped_messages_total{"))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(" ") + 1)), 0);
}
const latest = () => running.context.store.collection<LatestValueRecord>(LATEST_VALUES);

describe("request-processor", () => {
  it("stores each measurement once, keyed by its deterministic id, and announces it on iot.events", async () => {
    const first = primitive("m-1", [["power", 1.5, "2026-01-01T00:00:00.000Z"]]);
    await publish(first, first); // a duplicate delivery, as after an MQTT resend
    await waitFor(() => events.filter((event) => event.routingKey === "stored.acme.m-1").length >= 2);
    const stored = await (await measurements()).find({ where: { deviceId: "m-1" } });
    expect(stored).toHaveLength(1);
    expect(stored[0]).toMatchObject({
      tenant: "acme",
      attribute: "power",
      value: 1.5,
      timestamp: "2026-01-01T00:00:00.000Z",
    });
    const event = events.find((entry) => entry.routingKey === "stored.acme.m-1")!;
    expect(event.body).toMatchObject({
      tenant: "acme",
      deviceId: "m-1",
      measurements: [{ id: stored[0]!.id, value: 1.5 }],
    });
    expect(event.messageId).toMatch(/^stored-/);
  });

  it("keeps the latest value by measurement timestamp whatever the arrival order", async () => {
    await publish(primitive("m-2", [["power", 3, "2026-01-01T00:00:03.000Z"]]));
    await waitFor(async () => (await (await latest()).get("acme/m-2/power"))?.value === 3);
    await publish(
      primitive("m-2", [["power", 1, "2026-01-01T00:00:01.000Z"]]),
      primitive("m-2", [["power", 2, "2026-01-01T00:00:02.000Z"]]),
    );
    await waitFor(async () => (await (await measurements()).count({ deviceId: "m-2" })) === 3);
    expect(await (await latest()).get("acme/m-2/power")).toMatchObject({
      value: 3,
      timestamp: "2026-01-01T00:00:03.000Z",
    });
  });

  it("dead-letters primitives that can never be stored, without blocking the queue", async () => {
    const unknownDevice = primitive("ghost", [["power", 1, "2026-01-01T00:00:00.000Z"]]);
    const undeclared = primitive("m-1", [["colour", "red", "2026-01-01T00:00:00.000Z"]]);
    const future = primitive("m-1", [["power", 9, new Date(Date.now() + 3_600_000).toISOString()]]);
    await publish(
      unknownDevice,
      undeclared,
      future,
      primitive("m-1", [["power", 7, "2026-01-02T00:00:00.000Z"]]),
    );
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: partitionedTelemetryRoutingKey("acme", "m-1", DEFAULT_TELEMETRY_PARTITIONS),
      body: { primitiveVersion: 1, hello: "world" },
    });
    await waitFor(() => deadLetters.length >= 4);
    await waitFor(async () => (await (await measurements()).count({ deviceId: "m-1", value: 7 })) === 1);
    const reasons = deadLetters.map((delivery) => delivery.headers["x-dead-letter-error"] ?? "");
    expect(reasons.some((reason) => reason.includes("UNKNOWN_DEVICE"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("ATTRIBUTE_NOT_ALLOWED"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("TIMESTAMP_OUT_OF_RANGE"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("invalid request primitive"))).toBe(true);
    expect(deadLetters.every((delivery) => delivery.headers["x-dead-letter-reason"] === "poison")).toBe(true);
  });

  it("stores the primitives of an envelope and dead-letters its bad ones alone, with their reason", async () => {
    const good = [
      primitive("m-1", [["power", 21, "2026-01-05T00:00:00.000Z"]]),
      primitive("m-1", [["power", 22, "2026-01-05T00:00:01.000Z"]]),
    ];
    const partition = telemetryPartition("acme", "m-1", DEFAULT_TELEMETRY_PARTITIONS);
    // An unregistered device of the same partition (otherwise the routing check refuses it first).
    let ghostId = 0;
    while (telemetryPartition("acme", `ghost-${ghostId}`, DEFAULT_TELEMETRY_PARTITIONS) !== partition)
      ghostId++;
    const ghost = primitive(`ghost-${ghostId}`, [["power", 23, "2026-01-05T00:00:02.000Z"]]);
    const otherTenant = { ...primitive("m-1", [["power", 24, "2026-01-05T00:00:03.000Z"]]), tenant: "bravo" };
    const before = deadLetters.length;
    const droppedBefore = await droppedTotal();
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: envelopeRoutingKey("acme", partition),
      body: {
        envelopeVersion: 1,
        tenant: "acme",
        partition,
        primitives: [good[0], { primitiveVersion: 1, hello: "world" }, ghost, otherTenant, good[1]],
      } as unknown as Json,
    });
    await waitFor(() => deadLetters.length >= before + 3);
    await waitFor(async () => (await (await measurements()).count({ deviceId: "m-1", value: 22 })) === 1);
    expect(await (await measurements()).count({ deviceId: "m-1", value: 21 })).toBe(1);
    expect(await (await measurements()).count({ value: 23 })).toBe(0);
    expect(await (await measurements()).count({ value: 24 })).toBe(0);
    const refused = deadLetters.slice(before);
    expect(refused).toHaveLength(3);
    const reasons = refused.map((delivery) => delivery.headers["x-dead-letter-error"] ?? "");
    expect(reasons.some((reason) => reason.includes("invalid request primitive"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("UNKNOWN_DEVICE"))).toBe(true);
    expect(reasons.some((reason) => reason.includes("ROUTING_MISMATCH"))).toBe(true);
    // Each dead letter is the bad primitive itself, not the envelope.
    expect(refused.map((delivery) => (delivery.body as { deviceId?: string }).deviceId).sort()).toEqual([
      `ghost-${ghostId}`,
      "m-1",
      undefined,
    ]);
    const values = events
      .filter((event) => event.routingKey === "stored.acme.m-1")
      .map((event) => (event.body as { measurements: { value: number }[] }).measurements[0]!.value);
    expect(values.indexOf(21)).toBeLessThan(values.indexOf(22));
    // Each refused primitive is counted once, not again when its single copy is dead-lettered.
    expect((await droppedTotal()) - droppedBefore).toBe(3);
  });

  it("dead-letters a malformed envelope or one filed under another tenant's key whole", async () => {
    const before = deadLetters.length;
    const partition = telemetryPartition("acme", "m-2", DEFAULT_TELEMETRY_PARTITIONS);
    const body = { envelopeVersion: 1, tenant: "acme", partition, primitives: [] as Json[] };
    body.primitives.push(primitive("m-2", [["power", 31, "2026-01-06T00:00:00.000Z"]]) as unknown as Json);
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: envelopeRoutingKey("bravo", partition),
      body: body as unknown as Json,
    });
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: envelopeRoutingKey("acme", partition),
      body: { ...body, primitives: "none" } as unknown as Json,
    });
    await waitFor(() => deadLetters.length >= before + 2);
    const reasons = deadLetters
      .slice(before)
      .map((delivery) => delivery.headers["x-dead-letter-error"] ?? "");
    expect(reasons.every((reason) => reason.includes("ENVELOPE_INVALID"))).toBe(true);
    expect(reasons.some((reason) => reason.includes('is not the routing key\'s "bravo"'))).toBe(true);
    expect(await (await measurements()).count({ value: 31 })).toBe(0);
  });

  it("refuses a primitive filed under another device's routing key", async () => {
    const body = primitive("m-1", [["power", 5, "2026-01-03T00:00:00.000Z"]]);
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: partitionedTelemetryRoutingKey("acme", "m-2", DEFAULT_TELEMETRY_PARTITIONS),
      body: body as unknown as Json,
    });
    await waitFor(() =>
      deadLetters.some((delivery) =>
        (delivery.headers["x-dead-letter-error"] ?? "").includes("ROUTING_MISMATCH"),
      ),
    );
    expect(await (await measurements()).count({ value: 5 })).toBe(0);
  });

  it("forwards a primitive published without the partition word (an earlier publisher) to its partition", async () => {
    const legacy = primitive("m-2", [["power", 42, "2026-01-04T00:00:00.000Z"]]);
    await running.context.bus.publish(REQUESTS_EXCHANGE, telemetryMessage(legacy));
    expect(telemetryMessage(legacy).routingKey).toBe("telemetry.acme.m-2");
    await waitFor(async () => (await (await measurements()).count({ deviceId: "m-2", value: 42 })) === 1);
    const forged = primitive("m-1", [["power", 43, "2026-01-04T00:00:00.000Z"]]);
    await running.context.bus.publish(REQUESTS_EXCHANGE, {
      routingKey: "telemetry.acme.m-2",
      body: forged as unknown as Json,
    });
    await waitFor(() =>
      deadLetters.some((delivery) =>
        (delivery.headers["x-dead-letter-error"] ?? "").includes(
          "ROUTING_MISMATCH: routing key telemetry.acme.m-2",
        ),
      ),
    );
    expect(await (await measurements()).count({ value: 43 })).toBe(0);
  });

  it("exposes its KPIs", async () => {
    const text = await running.context.metrics.metrics();
    expect(text).toMatch(/iotvf_messages_processed_total\{outcome="ok"[^}]*\} [1-9]/);
    expect(text).toMatch(/iotvf_dropped_messages_total\{reason="unknown_device"[^}]*\} [1-9]/);
    expect(text).toContain("iotvf_backlog_messages");
    // A lone instance consumes every telemetry partition.
    expect(text).toMatch(/iotvf_telemetry_partitions_owned\{[^}]*\} 16\n/);
    expect(text).toMatch(/iotvf_telemetry_partition_changes_total\{change="taken"[^}]*\} 16\n/);
  });
});
