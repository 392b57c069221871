import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { listen, type StartedServer } from "../../../vnfs/runtime-kit/http/http-server.js";
import { TelemetryIntake } from "../../../vnfs/field-gateway/ingest/accept-telemetry.js";
import { BatchPublisher } from "../../../vnfs/field-gateway/ingest/batch-publisher.js";
import { mountHttpIngress } from "../../../vnfs/field-gateway/http/http-ingress.js";
import { DeviceDirectory } from "../../../vnfs/field-gateway/registry/device-directory.js";
import { openDeviceCollections } from "../../../vnfs/field-gateway/registry/device-records.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import { gated, waitFor } from "./gateway-fixture.js";

const logger = createLogger({ ivf: "test", instanceId: "t", level: "silent" });
const API_KEY = "http-backpressure-key-012345";
let dir: string;
let bus: EmbeddedBus;
let store: SqliteStore;
let server: StartedServer;
let gate: ReturnType<typeof gated>;
let publisher: BatchPublisher;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-fg-http-bp-"));
  bus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  await seedRegistry(store, {
    deviceGroups: [{ id: "g", tenant: "acme", apiKey: API_KEY, autoprovision: true }],
  });
  await bus.declareExchange("iot.requests");
  gate = gated(bus);
  publisher = new BatchPublisher({
    bus: gate.bus,
    exchange: "iot.requests",
    logger,
    batchSize: 10,
    lingerMs: 2,
    maxInFlight: 2,
  });
  const { groups, devices } = await openDeviceCollections(store);
  const kpis = new IvfKpis({ registry: new Registry(), capacityPerSecond: 100 });
  const intake = new TelemetryIntake(
    new DeviceDirectory(groups, devices, 1000),
    publisher,
    kpis,
    logger,
    60_000,
  );
  const app = express();
  mountHttpIngress(app, intake, publisher, { maxPayloadBytes: 1024, publishTimeoutMs: 60_000, logger });
  server = await listen(app, "127.0.0.1", 0);
});

afterAll(async () => {
  gate.open();
  await server?.close();
  await publisher?.close();
  await bus?.close();
  await store?.close();
  rmSync(dir, { recursive: true, force: true });
});

function post(deviceId: string, second: number): Promise<Response> {
  return fetch(`${server.url}/v1/telemetry/${deviceId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": API_KEY },
    body: JSON.stringify({ power: second, timestamp: 1767225600000 + second * 1000 }),
  });
}

describe("field-gateway HTTP backpressure", () => {
  it("answers 503 with Retry-After at once while the in-flight window is full, and 202 once the bus confirms", async () => {
    const first = post("d-1", 1);
    const second = post("d-2", 2);
    await waitFor(() => publisher.inFlight === 2);
    const refused = await post("d-3", 3);
    expect(refused.status).toBe(503);
    expect(refused.headers.get("retry-after")).toBe("1");
    expect(((await refused.json()) as { code: string }).code).toBe("OVERLOADED");
    gate.open();
    expect((await first).status).toBe(202);
    expect((await second).status).toBe(202);
    expect(gate.confirmed()).toBe(2);
    expect((await post("d-3", 3)).status).toBe(202);
  });
});
