import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import { METER_ATTRIBUTES, runBurstLoad } from "../../vnfs/simulators/meters/burst-load.js";
import { runBurstLoadInChild } from "../../vnfs/simulators/meters/burst-process.js";

/**
 * The burst driver against a real MQTT broker (the embedded one `ivf up` runs) and an HTTP
 * endpoint shaped like the field-gateway's binding that refuses every reading once with 503:
 * every reading the ledger calls accepted must have reached the broker or the endpoint, the
 * storm must send every meter's readings, refused HTTP readings must be retried, and the quiet
 * phase must end as soon as the platform says it has settled.
 */
const logger = createLogger({ ivf: "test", instanceId: "test", level: "silent" });
let broker: EmbeddedBroker;
let http: Server;
let httpUrl: string;
const received = { mqtt: new Set<string>(), http: new Set<string>(), refused: new Set<string>() };
const receivedFor = (prefix: string): number =>
  [...received.mqtt, ...received.http].filter((key) => key.startsWith(prefix)).length;

beforeAll(async () => {
  broker = await startEmbeddedBroker({ port: 0, logger });
  const observer = await mqtt.connectAsync(broker.url, { clientId: "observer" });
  observer.on("message", (topic, payload) => {
    const deviceId = topic.split("/")[3]!;
    received.mqtt.add(`${deviceId}|${(JSON.parse(payload.toString()) as { timestamp: string }).timestamp}`);
  });
  await observer.subscribeAsync("ivf/v1/test-key/+/attrs", { qos: 1 });
  afterAll(() => observer.endAsync());
  http = createServer((request, response) => {
    let body = "";
    request.on("data", (chunk: Buffer) => (body += chunk.toString()));
    request.on("end", () => {
      const deviceId = decodeURIComponent(request.url!.split("/").pop()!);
      const key = `${deviceId}|${(JSON.parse(body) as { timestamp: string }).timestamp}`;
      if (request.headers["x-api-key"] !== "test-key") response.writeHead(401).end();
      else if (!received.refused.has(key)) {
        received.refused.add(key);
        response.writeHead(503).end("busy");
      } else {
        received.http.add(key);
        response.writeHead(202).end();
      }
    });
  });
  await new Promise<void>((done) => http.listen(0, "127.0.0.1", done));
  httpUrl = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((done) => http?.close(done));
  await broker?.close();
});

describe("burst load driver", () => {
  it.each([
    ["in this process", runBurstLoad],
    ["in a child process (as ivf up runs it)", runBurstLoadInChild],
  ])(
    "%s: sends steady, storm and burst readings over MQTT and HTTP, retries refused ones and ends quiet once settled",
    async (_where, run) => {
      let settledAsked = 0;
      const phases: string[] = [];
      const prefix = `load-${run.name}-`;
      const { ledger, phases: times } = await run({
        mqttUrl: broker.url,
        apiKey: "test-key",
        httpBaseUrl: () => Promise.resolve(httpUrl),
        meters: 20,
        httpShare: 0.25,
        devicePrefix: prefix,
        steady: { seconds: 1, rate: 20 },
        burst: { seconds: 2, rate: 50, stormReadings: 3, connections: 4 },
        quiet: { seconds: 60, rate: 5, endWhen: () => Promise.resolve(++settledAsked >= 2) },
        onPhase: (name) => phases.push(name),
      });
      expect(phases).toEqual(["steady", "burst", "quiet"]);
      expect(times.find((phase) => phase.name === "quiet")!.endedAt - times[2]!.startedAt).toBeLessThan(
        30_000,
      );

      const sent = ledger.all();
      // A PUBACK may reach the publisher before the broker has delivered the message to the observer.
      for (let waited = 0; receivedFor(prefix) < sent.length && waited < 10_000; waited += 100)
        await new Promise((done) => setTimeout(done, 100));
      expect(ledger.counts()).toEqual({ sent: sent.length, accepted: sent.length, failed: 0 });
      // The storm: every meter sent its three readings at the start of the burst.
      const perMeter = new Map<string, number>();
      for (const reading of sent.filter((entry) => entry.phase === "burst"))
        perMeter.set(reading.deviceId, (perMeter.get(reading.deviceId) ?? 0) + 1);
      expect(perMeter.size).toBe(20);
      expect(Math.min(...perMeter.values())).toBeGreaterThanOrEqual(3);
      // A quarter of the meters (<prefix>0001..0005) report over HTTP, the others over MQTT.
      expect(
        new Set(sent.filter((entry) => entry.transport === "http").map((entry) => entry.deviceId)).size,
      ).toBe(5);
      for (const reading of sent) {
        const key = `${reading.deviceId}|${reading.timestamp}`;
        expect(reading.attributes).toEqual(METER_ATTRIBUTES);
        if (reading.transport === "http") {
          expect(received.http.has(key), key).toBe(true);
          expect(reading.attempts).toBe(2);
        } else expect(received.mqtt.has(key), key).toBe(true);
      }
      expect(receivedFor(prefix)).toBe(sent.length);
    },
    60_000,
  );
});
