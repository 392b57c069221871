/**
 * The request-processor handler in-process on the embedded store, without a bus (stored events
 * go to a counting stub): isolates the storage design, deliveries stored one at a time (batch
 * size 1) versus in batches. Used by test/bench/ingest.ts.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pino } from "pino";
import { Registry } from "prom-client";
import type { Delivery, MessageBus, OutgoingMessage } from "../../vnfs/runtime-kit/bus/message-bus.js";
import { storedEventsOf } from "../../vnfs/runtime-kit/primitives/stored-event.js";
import { IvfKpis } from "../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { telemetryMessage } from "../../vnfs/runtime-kit/primitives/request-primitive.js";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { telemetryHandler } from "../../vnfs/request-processor/handling/handle-telemetry.js";
import { SemanticValidator } from "../../vnfs/request-processor/handling/semantic-validation.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  latestValueIndexes,
  measurementIndexes,
} from "../../vnfs/request-processor/storage/measurement-records.js";
import { seedRegistry } from "../../vnfs/field-gateway/provisioning/seed-registry.js";
import { openDeviceCollections } from "../../vnfs/field-gateway/registry/device-records.js";

const DEVICES = 100;
const CONCURRENCY = 500; // as the default prefetch

/** Messages/s through the handler for `count` deliveries of 5 readings each. */
export async function handlerRate(count: number, batchSize: number): Promise<number> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-bench-handler-"));
  const logger = pino({ level: "silent" });
  const store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  try {
    const ids = Array.from({ length: DEVICES }, (_, i) => `d${i}`);
    await seedRegistry(store, {
      deviceGroups: [{ id: "g", tenant: "acme", apiKey: "bench-handler-key-0123456789" }],
      devices: ids.map((id) => ({ id, tenant: "acme", group: "g" })),
    });
    const { devices, groups } = await openDeviceCollections(store);
    let published = 0;
    const bus = {
      publish: () => Promise.resolve(void (published += 1)),
      publishBatch: (_exchange: string, messages: OutgoingMessage[]) =>
        Promise.resolve(
          void (published += messages.reduce(
            (sum, message) => sum + storedEventsOf({ ...message, messageId: message.messageId ?? "" }).length,
            0,
          )),
        ),
    } as unknown as MessageBus;
    const handler = telemetryHandler({
      bus,
      eventsExchange: "bench.events",
      measurements: await store.collection(MEASUREMENTS, measurementIndexes),
      latest: await store.collection(LATEST_VALUES, latestValueIndexes),
      validator: new SemanticValidator(devices, groups, 60_000, 60_000),
      kpis: new IvfKpis({ registry: new Registry(), capacityPerSecond: 100 }),
      logger,
      batch: { maxSize: batchSize, lingerMs: batchSize === 1 ? 0 : 5 },
    });
    const deliveries: Delivery[] = Array.from({ length: count }, (_, i) => {
      const timestamp = new Date(1_700_000_000_000 + i * 10).toISOString();
      const message = telemetryMessage({
        primitiveVersion: 1,
        operation: "create",
        tenant: "acme",
        deviceId: ids[i % DEVICES]!,
        source: { protocol: "mqtt", endpoint: "bench" },
        receivedAt: new Date().toISOString(),
        measurements: ["energy", "power", "voltage", "current", "powerFactor"].map((attribute, k) => ({
          attribute,
          value: i + k,
          timestamp,
        })),
      });
      return {
        ...message,
        exchange: "bench.requests",
        headers: {},
        publishedAt: 0,
        redelivered: false,
        deliveryCount: 1,
      };
    });
    let next = 0;
    const started = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < count) await handler(deliveries[next++]!);
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    if (published !== count) throw new Error(`handler bench: ${published} events for ${count} deliveries`);
    return Math.round(count / seconds);
  } finally {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
