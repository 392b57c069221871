import { storedEventMessages } from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import { createHmac } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/subscription-notifier/definition.js";
import { createBus } from "../../../vnfs/runtime-kit/bus/create-bus.js";
import { createStore } from "../../../vnfs/runtime-kit/store/create-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import type { Delivery, MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { partitionOf } from "../../../vnfs/subscription-notifier/delivery/partitions.js";
import type { Collection, DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import {
  openSubscriptions,
  type SubscriptionRecord,
} from "../../../vnfs/subscription-notifier/subscriptions/subscription-records.js";

const logger = createLogger({ ivf: "test", instanceId: "test", level: "silent" });
const SECRET = "webhook-secret-0123456789";

interface Received {
  path: string;
  body: Record<string, unknown> & { measurements?: { attribute: string; value: number }[] };
  signature: string | undefined;
  raw: string;
}

let dataDir: string;
let notifier: RunningIvf<typeof definition.settings>;
let bus: MessageBus;
let store: DocumentStore;
let subscriptions: Collection<SubscriptionRecord>;
let broker: EmbeddedBroker;
let webhook: Server;
let webhookUrl: string;
const received: Received[] = [];
/** Status codes the webhook answers next, per path, before answering 204. */
const scripted = new Map<string, number[]>();

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
  });
}

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "notifier-"));
  webhook = createServer(async (req, res) => {
    const raw = await readBody(req);
    const status = scripted.get(req.url!)?.shift() ?? 204;
    if (status === 204) {
      received.push({
        path: req.url!,
        body: JSON.parse(raw),
        signature: req.headers["x-ivf-signature"] as string,
        raw,
      });
    }
    res.writeHead(status).end();
  });
  await new Promise<void>((resolve) => webhook.listen(0, "127.0.0.1", resolve));
  webhookUrl = `http://127.0.0.1:${(webhook.address() as AddressInfo).port}`;
  broker = await startEmbeddedBroker({ logger });
  notifier = await startIvf(definition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_NOTIFIER_MQTT_URL: broker.url,
    IVF_NOTIFIER_RETRY_BACKOFF_MS: "50,100",
    IVF_NOTIFIER_REFRESH: "100ms",
    IVF_NOTIFIER_WEBHOOK_ALLOW: "127.0.0.1",
  });
  bus = await createBus({ dataDir, instanceId: "test-client", logger });
  store = await createStore({ dataDir, fileName: "iot.sqlite", mongodbDatabase: "iot", logger });
  subscriptions = await openSubscriptions(store);
});

afterAll(async () => {
  await bus?.close();
  await store?.close();
  await notifier?.stop();
  await broker?.close();
  webhook?.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function subscribe(record: Omit<SubscriptionRecord, "id" | "status" | "createdAt">): Promise<void> {
  await subscriptions.replace({
    ...record,
    id: `${record.tenant}/${record.subscriptionId}`,
    status: "active",
    createdAt: new Date().toISOString(),
  });
  await new Promise((resolve) => setTimeout(resolve, 300));
}

function stored(tenant: string, deviceId: string, values: Record<string, number>, at: number) {
  return {
    routingKey: `stored.${tenant}.${deviceId}`,
    messageId: `stored-${tenant}-${deviceId}-${at}`,
    body: {
      tenant,
      deviceId,
      receivedAt: new Date(at).toISOString(),
      storedAt: new Date(at).toISOString(),
      measurements: Object.entries(values).map(([attribute, value]) => ({
        id: `${deviceId}-${attribute}-${at}`,
        attribute,
        value,
        timestamp: new Date(at).toISOString(),
      })),
    },
  };
}

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not reached in time");
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe("subscription-notifier IVF", () => {
  it("notifies a signed webhook in order, only when the criteria hold", async () => {
    await subscribe({
      tenant: "acme",
      subscriptionId: "hot",
      deviceIds: ["m1"],
      attributes: ["power_w"],
      criteria: [{ attribute: "power_w", operator: "gt", value: 1000 }],
      events: ["measurement"],
      target: { kind: "webhook", url: `${webhookUrl}/hot`, secret: SECRET },
    });
    const values = Array.from({ length: 40 }, (_, index) => (index % 2 === 0 ? 1500 + index : 200));
    const events = values.map((value, index) =>
      stored("acme", "m1", { power_w: value, voltage_v: 230 }, Date.UTC(2026, 0, 1, 0, 0, index)),
    );
    // The first half alone, the second half in one stored envelope, as a busy request processor sends them.
    await bus.publishBatch("iot.events", events.slice(0, 20));
    await bus.publishBatch(
      "iot.events",
      storedEventMessages(
        events.slice(20).map(({ messageId, body }) => ({ eventId: messageId, event: body })),
      ),
    );
    await until(() => received.filter((entry) => entry.path === "/hot").length === 20);
    const hot = received.filter((entry) => entry.path === "/hot");
    expect(hot.map((entry) => entry.body.measurements![0]!.value)).toEqual(
      values.filter((value) => value > 1000),
    );
    expect(hot.every((entry) => entry.body.measurements!.length === 1)).toBe(true);
    for (const entry of hot) {
      expect(entry.signature).toBe(`sha256=${createHmac("sha256", SECRET).update(entry.raw).digest("hex")}`);
    }
  });

  it("retries a failing webhook with backoff, keeping later notifications behind it", async () => {
    await subscribe({
      tenant: "acme",
      subscriptionId: "flaky",
      deviceIds: ["m2"],
      events: ["measurement"],
      target: { kind: "webhook", url: `${webhookUrl}/flaky` },
    });
    scripted.set("/flaky", [503, 503]);
    await bus.publishBatch(
      "iot.events",
      [1, 2, 3].map((value) => stored("acme", "m2", { energy_wh: value }, Date.UTC(2026, 0, 2, 0, 0, value))),
    );
    await until(() => received.filter((entry) => entry.path === "/flaky").length === 3);
    const order = received
      .filter((entry) => entry.path === "/flaky")
      .map((entry) => entry.body.measurements![0]!.value);
    expect(order).toEqual([1, 2, 3]);
  });

  it("dead-letters a notification the subscriber refuses and goes on with the next", async () => {
    await subscribe({
      tenant: "acme",
      subscriptionId: "refuses",
      deviceIds: ["m3"],
      events: ["measurement"],
      target: { kind: "webhook", url: `${webhookUrl}/refuses` },
    });
    scripted.set("/refuses", [400]);
    await bus.publishBatch(
      "iot.events",
      [7, 8].map((value) => stored("acme", "m3", { energy_wh: value }, Date.UTC(2026, 0, 3, 0, 0, value))),
    );
    await until(() => received.some((entry) => entry.path === "/refuses"));
    expect(
      received
        .filter((entry) => entry.path === "/refuses")
        .map((entry) => entry.body.measurements![0]!.value),
    ).toEqual([8]);
    const dlqs = await Promise.all(
      Array.from({ length: 8 }, (_, partition) =>
        bus.queueStats(`subscription-notifier.delivery.p${partition}.dlq`),
      ),
    );
    expect(dlqs.reduce((sum, stats) => sum + stats.ready, 0)).toBeGreaterThanOrEqual(1);
  });

  it("refuses a webhook to the cloud metadata address at delivery and dead-letters it with the reason", async () => {
    await subscribe({
      tenant: "acme",
      subscriptionId: "metadata",
      deviceIds: ["m4"],
      events: ["measurement"],
      target: { kind: "webhook", url: "http://169.254.169.254/latest/meta-data/" },
    });
    const partition = partitionOf("acme/metadata", 8);
    const dead: Delivery[] = [];
    const dlq = `subscription-notifier.delivery.p${partition}.dlq`;
    const consumer = await bus.consume(
      { name: dlq, exchange: "iot.notifications", bindings: [] },
      async (delivery) => {
        dead.push(delivery);
      },
    );
    await bus.publish("iot.events", stored("acme", "m4", { energy_wh: 1 }, Date.UTC(2026, 0, 5)));
    await until(() => dead.some((delivery) => delivery.headers["x-dead-letter-error"]?.includes("169.254")));
    await consumer.stop(1000);
    const reason = dead.find((delivery) => delivery.headers["x-dead-letter-error"]?.includes("169.254"))!
      .headers["x-dead-letter-error"];
    expect(reason).toContain("webhook target refused: webhook address 169.254.169.254 is a link-local");
    expect(reason).toContain("IVF_NOTIFIER_WEBHOOK_ALLOW");
  });

  it("never notifies a subscription of another tenant, even for the same device id", async () => {
    await subscribe({
      tenant: "globex",
      subscriptionId: "spy",
      deviceIds: ["m1"],
      events: ["measurement", "fault"],
      target: { kind: "webhook", url: `${webhookUrl}/spy` },
    });
    await bus.publish("iot.events", stored("acme", "m1", { power_w: 5000 }, Date.UTC(2026, 0, 4)));
    await bus.publish("iot.events", {
      routingKey: "fault.acme.m1",
      body: { tenant: "acme", deviceId: "m1", kind: "outlier", severity: "fail", id: "f1" },
    });
    await bus.publish("iot.events", stored("globex", "m1", { power_w: 1 }, Date.UTC(2026, 0, 4)));
    await until(() => received.some((entry) => entry.path === "/spy"));
    await new Promise((resolve) => setTimeout(resolve, 300));
    const spy = received.filter((entry) => entry.path === "/spy");
    expect(spy).toHaveLength(1);
    expect(spy[0]!.body).toMatchObject({ tenant: "globex", deviceId: "m1" });
  });

  it("publishes MQTT notifications on the tenant's topic, and fault notifications too", async () => {
    const client = await mqtt.connectAsync(broker.url);
    const messages: { topic: string; body: Record<string, unknown> }[] = [];
    client.on("message", (topic, payload) => messages.push({ topic, body: JSON.parse(payload.toString()) }));
    await client.subscribeAsync("ivf/v1/notifications/#", { qos: 1 });
    await subscribe({
      tenant: "acme",
      subscriptionId: "faults",
      deviceIds: ["m9"],
      events: ["fault"],
      target: { kind: "mqtt", topicSuffix: "alarms" },
    });
    await bus.publish("iot.events", {
      routingKey: "fault.acme.m9",
      body: { tenant: "acme", deviceId: "m9", kind: "stuck", severity: "suspect", id: "f9" },
    });
    await until(() => messages.length === 1);
    expect(messages[0]!.topic).toBe("ivf/v1/notifications/acme/faults/alarms");
    expect(messages[0]!.body).toMatchObject({ event: "fault", deviceId: "m9", fault: { kind: "stuck" } });
    await client.endAsync();
  });
});
