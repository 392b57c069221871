import { storedEventMessages } from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/fault-detector/definition.js";
import { createBus } from "../../../vnfs/runtime-kit/bus/create-bus.js";
import { createStore } from "../../../vnfs/runtime-kit/store/create-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import type { Delivery, MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { FaultRecord } from "../../../vnfs/fault-detector/consumer/fault-events.js";
import { sinusoid, spacedIndices } from "./synthetic-series.js";

const logger = createLogger({ ivf: "test", instanceId: "test", level: "silent" });
let dataDir: string;
let detector: RunningIvf<typeof definition.settings>;
let bus: MessageBus;
let store: DocumentStore;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "fault-detector-"));
  detector = await startIvf(definition, { IVF_DATA_DIR: dataDir, IVF_LOG_LEVEL: "silent" });
  bus = await createBus({ dataDir, instanceId: "test-client", logger });
  store = await createStore({ dataDir, fileName: "iot.sqlite", mongodbDatabase: "iot", logger });
});

afterAll(async () => {
  await bus?.close();
  await store?.close();
  await detector?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

function storedEvent(deviceId: string, samples: { t: number; v: number }[]) {
  return {
    routingKey: `stored.acme.${deviceId}`,
    body: {
      tenant: "acme",
      deviceId,
      receivedAt: new Date().toISOString(),
      storedAt: new Date().toISOString(),
      measurements: samples.map((sample, index) => ({
        id: `${deviceId}-${sample.t}-${index}`,
        attribute: "temperature_c",
        value: sample.v,
        timestamp: new Date(sample.t).toISOString(),
      })),
    },
  };
}

async function waitFor<T>(probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

describe("fault-detector IVF on the embedded bus and store", () => {
  it("turns stored measurements into fault events and fault records, without duplicates on redelivery", async () => {
    const faultEvents: Delivery[] = [];
    await bus.consume(
      { name: "test.faults", exchange: "iot.events", bindings: ["fault.#"] },
      async (delivery) => {
        faultEvents.push(delivery);
      },
    );
    const series = sinusoid({
      count: 400,
      stepMs: 10_000,
      amplitude: 10,
      periodSamples: 360,
      noise: 0.3,
      seed: 4,
    });
    const outliers = spacedIndices(5, 30, 380, 20, 8);
    for (const index of outliers) series[index]!.v += 8;

    const events = [];
    for (let start = 0; start < series.length; start += 20) {
      events.push(storedEvent("sensor-1", series.slice(start, start + 20)));
    }
    // The first half alone, the second half in one stored envelope, as a busy request processor sends them.
    const half = events.length / 2;
    const identified = events.map((event, index) => ({
      eventId: `stored-${index}`,
      event: event.body,
    }));
    await bus.publishBatch("iot.events", events.slice(0, half));
    await bus.publishBatch("iot.events", storedEventMessages(identified.slice(half)));
    expect(storedEventMessages(identified.slice(half))).toHaveLength(1);
    // The same events again, as after a redelivery: nothing new may be detected or stored.
    await bus.publishBatch("iot.events", storedEventMessages(identified));

    const faults = await store.collection<FaultRecord>("faults");
    const outlierFaults = await waitFor(async () => {
      const found = await faults.find({ where: { kind: "outlier" } });
      return found.length >= outliers.length ? found : undefined;
    });
    const flaggedTimes = outlierFaults.map((fault) => Date.parse(fault.timestamp));
    for (const index of outliers) expect(flaggedTimes).toContain(series[index]!.t);
    expect(outlierFaults.every((fault) => fault.tenant === "acme" && fault.deviceId === "sensor-1")).toBe(
      true,
    );

    await waitFor(async () =>
      (await bus.queueStats("fault-detector.stored")).ready === 0 ? true : undefined,
    );
    const allFaults = await faults.find();
    // Every stored fault is also published once: wait for the events, then check for duplicates.
    await waitFor(async () => (faultEvents.length >= allFaults.length ? true : undefined));
    await new Promise((resolve) => setTimeout(resolve, 200));
    const eventIds = new Set(faultEvents.map((event) => event.messageId));
    expect(eventIds.size).toBe(allFaults.length);
    expect(faultEvents.length).toBe(allFaults.length);
    expect(faultEvents[0]!.routingKey).toBe("fault.acme.sensor-1");

    const metrics = await (await fetch(`${detector.server.url}/metrics`)).text();
    expect(metrics).toMatch(/iotvf_faults_detected_total\{kind="outlier",severity="(suspect|fail)"/);
  });

  it("dead-letters a malformed stored event instead of blocking the queue", async () => {
    await bus.publish("iot.events", {
      routingKey: "stored.acme.sensor-2",
      body: { tenant: "acme", nonsense: true },
    });
    await bus.publish("iot.events", storedEvent("sensor-2", [{ t: Date.UTC(2026, 0, 1), v: 1 }]));
    const dlq = await waitFor(async () => {
      const stats = await bus.queueStats("fault-detector.stored.dlq");
      return stats.ready >= 1 ? stats : undefined;
    });
    expect(dlq.ready).toBe(1);
    await waitFor(async () =>
      (await bus.queueStats("fault-detector.stored")).ready === 0 ? true : undefined,
    );
  });
});
