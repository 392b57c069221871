import mqtt from "mqtt";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { captureLogs } from "../../support/log-capture.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import { IngestError } from "../../../vnfs/field-gateway/ingest/ingest-errors.js";
import { startMqttIngress, type MqttIngress } from "../../../vnfs/field-gateway/mqtt/mqtt-ingress.js";
import { waitFor } from "./gateway-fixture.js";

/**
 * A device flooding the gateway with refused messages (here: an unknown API key) must not flood
 * the log: a few lines in full, then one summary with the count, while every refusal is still
 * acknowledged and counted in the KPIs.
 */
const { logger, lines } = captureLogs("field-gateway");
const registry = new Registry();
const kpis = new IvfKpis({ registry, capacityPerSecond: 1000 });
let broker: EmbeddedBroker;
let ingress: MqttIngress;
let refusals = 0;

beforeAll(async () => {
  broker = await startEmbeddedBroker({
    port: 0,
    logger: createLogger({ ivf: "b", instanceId: "b", level: "silent" }),
  });
  ingress = await startMqttIngress(
    {
      accept: () => {
        refusals += 1;
        return Promise.reject(new IngestError("UNKNOWN_API_KEY"));
      },
    },
    {
      url: broker.url,
      clientId: "gateway-flood-test",
      topicPrefix: "ivf/v1",
      sharedSubscription: false,
      maxPayloadBytes: 65_536,
      maxInFlight: 100,
      logger,
      kpis,
      protocolVersion: 4,
    },
  );
  await waitFor(() => ingress.connected, 10_000);
});

afterAll(async () => {
  await ingress?.close(2000);
  await broker?.close();
});

describe("refusal logging under a flood", () => {
  it("writes at most a handful of refusal lines for 500 refused messages, every one acknowledged", async () => {
    const device = await mqtt.connectAsync(broker.url, { clientId: "flooding-device" });
    try {
      await Promise.all(
        Array.from({ length: 500 }, (_, i) =>
          device.publishAsync("ivf/v1/wrong-key/meter-1/attrs", JSON.stringify({ power: i }), { qos: 1 }),
        ),
      );
    } finally {
      await device.endAsync();
    }
    expect(refusals).toBe(500);
    const refusedLines = lines.filter((line) => line.msg === "MQTT message refused");
    expect(refusedLines.length).toBeGreaterThan(0);
    expect(refusedLines.length).toBeLessThanOrEqual(10);
    expect(refusedLines[0]).toMatchObject({ code: "UNKNOWN_API_KEY" });
    await ingress.close(2000);
    // Closing writes the pending summary with the exact count.
    const summary = lines.find((line) => line.event === "log-suppressed");
    expect(summary).toMatchObject({ key: "UNKNOWN_API_KEY", suppressed: 500 - refusedLines.length });
  }, 30_000);
});
