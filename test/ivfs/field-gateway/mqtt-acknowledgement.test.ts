import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import { TelemetryIntake } from "../../../vnfs/field-gateway/ingest/accept-telemetry.js";
import { BatchPublisher } from "../../../vnfs/field-gateway/ingest/batch-publisher.js";
import { startMqttIngress, type MqttIngress } from "../../../vnfs/field-gateway/mqtt/mqtt-ingress.js";
import { DeviceDirectory } from "../../../vnfs/field-gateway/registry/device-directory.js";
import { openDeviceCollections } from "../../../vnfs/field-gateway/registry/device-records.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import { gated, waitFor } from "./gateway-fixture.js";

const logger = createLogger({ ivf: "test", instanceId: "t", level: "silent" });
const API_KEY = "gate-test-key-0123456789";
const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(
  maxInFlight: number,
): Promise<{ broker: EmbeddedBroker; ingress: MqttIngress; gate: ReturnType<typeof gated> }> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-fg-ack-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const realBus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  cleanups.push(() => realBus.close());
  const store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  cleanups.push(() => store.close());
  await seedRegistry(store, {
    deviceGroups: [{ id: "g", tenant: "acme", apiKey: API_KEY, autoprovision: true }],
  });
  await realBus.declareExchange("iot.requests");
  const gate = gated(realBus);
  const { groups, devices } = await openDeviceCollections(store);
  const kpis = new IvfKpis({ registry: new Registry(), capacityPerSecond: 1000 });
  const publisher = new BatchPublisher({
    bus: gate.bus,
    exchange: "iot.requests",
    logger,
    batchSize: 50,
    lingerMs: 2,
    maxInFlight: 1000,
  });
  const intake = new TelemetryIntake(
    new DeviceDirectory(groups, devices, 1000),
    publisher,
    kpis,
    logger,
    60_000,
  );
  const broker = await startEmbeddedBroker({ logger });
  cleanups.push(() => broker.close());
  const ingress = await startMqttIngress(intake, {
    url: broker.url,
    clientId: "gateway-under-test",
    topicPrefix: "ivf/v1",
    sharedSubscription: false,
    maxPayloadBytes: 4096,
    maxInFlight,
    logger,
    kpis,
  });
  cleanups.push(() => {
    gate.open();
    return ingress.close(2000);
  });
  await new Promise((resolve) => setTimeout(resolve, 200)); // subscription settles
  return { broker, ingress, gate };
}

describe("MQTT acknowledgement after the bus confirm", () => {
  it("holds the gateway's PUBACK to the broker until the bus confirmed the primitive", async () => {
    const { broker, ingress, gate } = await setUp(100);
    const device = await mqtt.connectAsync(broker.url, { clientId: "device-1" });
    cleanups.push(() => device.endAsync());
    await device.publishAsync(`ivf/v1/${API_KEY}/m-1/attrs`, '{"power": 1, "timestamp": 1767225600000}', {
      qos: 1,
    });
    await waitFor(() => ingress.inFlight === 1);
    await new Promise((resolve) => setTimeout(resolve, 300));
    // Still held: nothing confirmed, so the broker keeps the message for redelivery.
    expect(ingress.inFlight).toBe(1);
    expect(gate.confirmed()).toBe(0);
    gate.open();
    await waitFor(() => gate.confirmed() === 1 && ingress.inFlight === 0);
  });

  it("stops reading from the broker once maxInFlight messages wait, and catches up after the bus confirms", async () => {
    const { broker, ingress, gate } = await setUp(5);
    const device = await mqtt.connectAsync(broker.url, { clientId: "device-2" });
    cleanups.push(() => device.endAsync());
    const sends = Array.from({ length: 30 }, (_, index) =>
      device.publishAsync(
        `ivf/v1/${API_KEY}/m-2/attrs`,
        JSON.stringify({ power: index, timestamp: 1767225600000 + index }),
        { qos: 1 },
      ),
    );
    let peak = 0;
    const started = Date.now();
    while (Date.now() - started < 700) {
      peak = Math.max(peak, ingress.inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
    expect(peak).toBeGreaterThan(0);
    expect(peak).toBeLessThanOrEqual(5);
    expect(gate.confirmed()).toBe(0);
    gate.open();
    await Promise.all(sends);
    await waitFor(() => gate.confirmed() === 30);
    expect(ingress.inFlight).toBe(0);
  });
});
