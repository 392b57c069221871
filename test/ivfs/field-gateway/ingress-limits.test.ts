/**
 * Field gateway ingress limits: telemetry rate per device (HTTP 429 with Retry-After; over MQTT
 * refused and counted as rate_limited) and the embedded broker's packet size limit (the
 * offending connection closed and counted, other devices unaffected).
 */
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keys, startGateway, waitFor, type GatewayFixture } from "./gateway-fixture.js";

let gateway: GatewayFixture;
beforeAll(async () => {
  // Burst of 10 messages per device, then one per second; payloads up to 2048 bytes (fixture).
  gateway = await startGateway({ IVF_FIELD_GATEWAY_DEVICE_RATE: "1" });
}, 30_000);
afterAll(async () => gateway?.stop());

const arrivals = (deviceId: string) =>
  gateway.received.filter((primitive) => primitive.deviceId === deviceId).length;
const dropped = (reason: string) => gateway.metric("iotvf_dropped_messages_total", `reason="${reason}"`);
const post = (deviceId: string, key = keys.open) =>
  fetch(`${gateway.url}/v1/telemetry/${deviceId}`, {
    method: "POST",
    headers: { "content-type": "application/json", "x-api-key": key },
    body: JSON.stringify({ power: 1 }),
  });

describe("field-gateway ingress limits", () => {
  it("answers 429 with Retry-After to an HTTP device beyond its rate; other devices and keys keep their own budget", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 10; index++) {
      const response = await post("rate-http-1");
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual(Array(10).fill(202));
    const limited = await post("rate-http-1");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("1");
    expect(await limited.json()).toMatchObject({ status: 429, code: "RATE_LIMITED" });
    expect(await dropped("rate_limited")).toBeGreaterThanOrEqual(1);
    const other = await post("rate-http-2");
    expect(other.status).toBe(202);
    // A wrong key for the same device id has a bucket of its own: it cannot use up the device's budget.
    const guess = await post("rate-http-2", "guessed-key-0123456789");
    expect(guess.status).toBe(401);
  });

  it("refuses MQTT messages of a device beyond its rate and counts them as rate_limited", async () => {
    const before = await dropped("rate_limited");
    const device = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "rate-mqtt", clean: true });
    try {
      for (let index = 0; index < 20; index++)
        await device.publishAsync(`ivf/v1/${keys.open}/rate-mqtt-1/attrs`, JSON.stringify({ power: index }), {
          qos: 1,
        });
      await waitFor(async () => (await dropped("rate_limited")) - before + arrivals("rate-mqtt-1") >= 20);
      expect(arrivals("rate-mqtt-1")).toBeGreaterThanOrEqual(10);
      expect(arrivals("rate-mqtt-1")).toBeLessThan(20);
      expect(await dropped("rate_limited")).toBe(before + 20 - arrivals("rate-mqtt-1"));
    } finally {
      await device.endAsync();
    }
  });

  it("closes the connection of a device that sends a packet above the broker's limit; others carry on", async () => {
    const before = await dropped("too_large");
    const offender = await mqtt.connectAsync(gateway.mqttUrl, {
      clientId: "big-sender",
      clean: true,
      reconnectPeriod: 0,
    });
    const closed = new Promise<void>((resolve) => offender.once("close", () => resolve()));
    // 2048-byte payload limit + 4 KiB for topic and headers: 20 KB is refused by the broker itself.
    offender.publish(`ivf/v1/${keys.open}/big-2/attrs`, JSON.stringify({ note: "x".repeat(20_000) }), {
      qos: 1,
    });
    await closed;
    await offender.endAsync(true);
    await waitFor(async () => (await dropped("too_large")) === before + 1);
    const other = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "small-sender", clean: true });
    try {
      await other.publishAsync(`ivf/v1/${keys.open}/small-1/attrs`, JSON.stringify({ power: 3 }), { qos: 1 });
      await waitFor(() => arrivals("small-1") === 1);
    } finally {
      await other.endAsync();
    }
    expect(arrivals("big-2")).toBe(0);
  });
});
