import { connect as connectTcp } from "node:net";
import mqtt from "mqtt";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import type { ConnectionLimits } from "../../../vnfs/runtime-kit/mqtt/connection-guard.js";
import { PacketSizeScanner } from "../../../vnfs/runtime-kit/mqtt/packet-size-scanner.js";

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function broker(
  limits: Partial<ConnectionLimits>,
): Promise<{ broker: EmbeddedBroker; logs: string[] }> {
  const logs: string[] = [];
  const logger = createLogger(
    { ivf: "test", instanceId: "t", level: "info" },
    { write: (line: string) => logs.push(line) },
  );
  const started = await startEmbeddedBroker({ logger, limits });
  cleanups.push(() => started.close());
  return { broker: started, logs };
}

async function client(url: string, clientId: string): Promise<mqtt.MqttClient> {
  const session = await mqtt.connectAsync(url, { clientId, reconnectPeriod: 0, connectTimeout: 5000 });
  cleanups.push(() => session.endAsync(true));
  return session;
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("embedded MQTT broker limits", () => {
  it("closes the connection of a client that publishes a packet above the limit; others carry on", async () => {
    const { broker: started, logs } = await broker({ maxPacketBytes: 2048 });
    const listener = await client(started.url, "listener");
    const received: string[] = [];
    listener.on("message", (_topic, payload) => received.push(payload.toString()));
    await listener.subscribeAsync("t/#", { qos: 1 });

    const offender = await client(started.url, "offender");
    const closed = new Promise<void>((resolve) => offender.once("close", () => resolve()));
    offender.publish("t/big", Buffer.alloc(100_000, 0x61), { qos: 1 });
    await closed;
    expect(started.refused.packet_too_large).toBe(1);
    const line = logs
      .map((entry) => JSON.parse(entry) as Record<string, unknown>)
      .find((entry) => entry.reason === "packet_too_large");
    expect(line).toMatchObject({ event: "mqtt-connection-refused", packetType: 3, limit: 2048 });
    expect(line!.bytes as number).toBeGreaterThan(100_000);

    const other = await client(started.url, "other");
    await other.publishAsync("t/small", Buffer.alloc(1000, 0x62), { qos: 1 });
    await until(() => received.length === 1);
    expect(received[0]).toHaveLength(1000);
    expect(received.some((payload) => payload.length > 2048)).toBe(false);
  });

  it("refuses connections beyond the cap and beyond the rate per address", async () => {
    const capped = await broker({ maxConnections: 2 });
    await client(capped.broker.url, "a");
    await client(capped.broker.url, "b");
    const third = connectTcp(capped.broker.port, "127.0.0.1");
    cleanups.push(() => void third.destroy());
    await new Promise<void>((resolve) => third.once("close", () => resolve()));
    expect(capped.broker.refused.too_many_connections).toBeGreaterThanOrEqual(1);

    const throttled = await broker({ connectsPerSecond: 1 });
    const port = throttled.broker.port;
    // Burst of ten, then refused: raw sockets, closed by the broker without an answer.
    const sockets = Array.from({ length: 15 }, () => connectTcp(port, "127.0.0.1"));
    cleanups.push(() => sockets.forEach((socket) => socket.destroy()));
    await until(() => throttled.broker.refused.connect_rate >= 5);
    expect(throttled.broker.refused.connect_rate).toBe(5);
    expect(throttled.logs.join("")).toContain("too many connections from one address");
  });
});

describe("packet size scanner", () => {
  it("follows packet boundaries across chunks and reports the first oversized one", () => {
    const scanner = new PacketSizeScanner(200);
    // PINGREQ (2 bytes), then a PUBLISH of remaining length 150 split over chunks, then one of 300.
    expect(scanner.feed(Buffer.from([0xc0, 0x00, 0x30]))).toBeUndefined();
    expect(scanner.feed(Buffer.from([(150 & 0x7f) | 0x80, 1]))).toBeUndefined();
    expect(scanner.feed(Buffer.alloc(150 - 1 - 128 + 128))).toBeUndefined();
    expect(
      scanner.feed(Buffer.concat([Buffer.alloc(1), Buffer.from([0x32, (300 % 128) | 0x80, 2])])),
    ).toEqual({ type: 3, bytes: 303 });
  });
});
