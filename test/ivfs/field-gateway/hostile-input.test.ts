import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys, startGateway, waitFor, type GatewayFixture } from "./gateway-fixture.js";

/**
 * Hostile input the other field-gateway tests do not cover: topic and routing-key injection
 * through device ids on both bindings, oversized MQTT payloads, and floods of refused messages
 * that must not block the session. (Malformed JSON, bad encodings, oversized HTTP bodies and
 * wrong keys: field-gateway.test.ts; certificates: transport-security.test.ts; rotated keys:
 * commands.test.ts.)
 */
let gateway: GatewayFixture;
beforeAll(async () => {
  gateway = await startGateway();
}, 30_000);
afterAll(async () => gateway?.stop());

const arrived = (deviceId: string) => gateway.received.some((primitive) => primitive.deviceId === deviceId);

describe("field-gateway under hostile input", () => {
  it("refuses HTTP device ids that would inject wildcards, $ topics, levels or routing-key words", async () => {
    for (const deviceId of ["%2B", "%23", "%24SYS", "a%2Fb", "a.b", "a*b", "x".repeat(65), "%00"]) {
      const response = await fetch(`${gateway.url}/v1/telemetry/${deviceId}`, {
        method: "POST",
        headers: { "content-type": "application/json", "x-api-key": keys.open },
        body: JSON.stringify({ power: 1 }),
      });
      const body = (await response.json()) as { code?: string };
      expect([deviceId, response.status, body.code]).toEqual([deviceId, 400, "INVALID_DEVICE_ID"]);
    }
    expect(gateway.received.some((primitive) => !/^[A-Za-z0-9_-]{1,64}$/.test(primitive.deviceId))).toBe(
      false,
    );
  });

  it("drops MQTT messages with $ or extra levels in the device id and oversized payloads, and keeps the session going", async () => {
    const before = {
      invalid: await gateway.metric("iotvf_dropped_messages_total", 'reason="invalid"'),
      tooLarge: await gateway.metric("iotvf_dropped_messages_total", 'reason="too_large"'),
    };
    const device = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "hostile-device", clean: true });
    try {
      await device.publishAsync(`ivf/v1/${keys.open}/$SYS/attrs`, JSON.stringify({ power: 1 }), { qos: 1 });
      await device.publishAsync(`ivf/v1/${keys.open}/a/b/attrs`, JSON.stringify({ power: 1 }), { qos: 1 });
      await device.publishAsync(
        `ivf/v1/${keys.open}/big-1/attrs`,
        JSON.stringify({ note: "x".repeat(5000) }),
        {
          qos: 1,
        },
      );
      for (let index = 0; index < 50; index++)
        await device.publishAsync(`ivf/v1/${keys.open}/x.${index}/attrs`, "{}", { qos: 1 });
      await device.publishAsync(`ivf/v1/${keys.open}/after-flood/attrs`, JSON.stringify({ power: 2 }), {
        qos: 1,
      });
      await waitFor(() => arrived("after-flood"));
      expect(arrived("big-1") || arrived("$SYS") || arrived("a") || arrived("b")).toBe(false);
      expect(await gateway.metric("iotvf_dropped_messages_total", 'reason="too_large"')).toBe(
        before.tooLarge + 1,
      );
      // `a/b` adds a topic level, so no gateway filter matches it: the broker never hands it over.
      // Messages are checked concurrently: the last refusals may be counted just after the good one passed.
      await waitFor(
        async () =>
          (await gateway.metric("iotvf_dropped_messages_total", 'reason="invalid"')) >= before.invalid + 51,
      );
    } finally {
      await device.endAsync();
    }
  });

  it("closes a session that publishes a wildcard topic name (MQTT forbids them); other devices carry on", async () => {
    const rogue = await mqtt.connectAsync(gateway.mqttUrl, {
      clientId: "rogue",
      clean: true,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((resolve) => rogue.once("close", () => resolve()));
    // mqtt.js refuses to send such a topic itself; write the packet the way a hand-made client would.
    (rogue as unknown as { _sendPacket(packet: object): void })._sendPacket({
      cmd: "publish",
      topic: `ivf/v1/${keys.open}/#/attrs`,
      payload: Buffer.from("{}"),
      qos: 0,
      retain: false,
      dup: false,
    });
    await closed;
    rogue.end(true);
    const device = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "honest", clean: true });
    try {
      await device.publishAsync(`ivf/v1/${keys.open}/honest-1/attrs`, JSON.stringify({ power: 3 }), {
        qos: 1,
      });
      await waitFor(() => arrived("honest-1"));
    } finally {
      await device.endAsync();
    }
  });
});
