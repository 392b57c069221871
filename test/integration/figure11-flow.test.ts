import { primitivesOf } from "../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { storedEventRoutingKey, storedEventsOf } from "../../vnfs/runtime-kit/primitives/stored-event.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryRoutingKey,
} from "../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startIvf, type IvfDefinition, type RunningIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import type { ConfigSpec } from "../../vnfs/runtime-kit/config/env-config.js";
import { definition as cloudApi } from "../../vnfs/cloud-api/definition.js";
import { definition as deviceManager } from "../../vnfs/device-manager/definition.js";
import { definition as fieldGateway } from "../../vnfs/field-gateway/definition.js";
import { definition as requestProcessor } from "../../vnfs/request-processor/definition.js";
import { definition as subscriptionNotifier } from "../../vnfs/subscription-notifier/definition.js";
import { commandsQueue } from "../../vnfs/field-gateway/commands/start-command-delivery.js";
import { statusQueue } from "../../vnfs/device-manager/commands/status-consumer.js";
import { describeWithServices, serviceAddresses } from "../support/services.js";
import { startIdentity, type IdentityFixture } from "../support/identity-fixture.js";
import { startWebhookReceiver, type WebhookReceiver } from "../ivfs/cloud-api/webhook-receiver.js";
import { eventually } from "../ivfs/cloud-api/platform-fixture.js";
import { deleteRabbitTopology, requestProcessorQueues } from "./support/rabbitmq-topology.js";

/**
 * ETSI TR 103 527 Figure 11, the message flow of a device request, over RabbitMQ and Mosquitto,
 * each step asserted by what it leaves behind (docs/design/telemetry-path.md, subscription-notifier.md):
 *
 *  1  the device sends its request to the field device protocol service   -> field-gateway (HTTP, MQTT 5)
 *  2  which hands a request primitive to request processing               -> primitive on the requests exchange
 *  3  semantic validation                                                 -> ATTRIBUTE_NOT_ALLOWED / TIMESTAMP dead-lettered
 *  4  resource check against stored data                                  -> UNKNOWN_DEVICE dead-lettered
 *  5  access-control policy check                                         -> ROUTING_MISMATCH (other tenant) dead-lettered
 *  6  persistence in data storage                                         -> measurements readable through cloud-api
 *  7  subscription processing is triggered                                -> `stored.<tenant>.<device>` event
 *  8  notification to the subscriber                                      -> webhook receiver and MQTT subscriber
 *  9  response to the device on the same binding                          -> HTTP 202 / MQTT PUBACK
 *  9.bis the error answer                                                 -> HTTP 401/403/422 problem, nothing stored or notified
 *
 * Plus a device command round trip over MQTT (sent, received, answered, executed). Per-run
 * exchanges, queues and topic prefixes keep parallel runs on the shared brokers apart.
 */
const run = randomBytes(4).toString("hex");
const names = {
  requests: `f11.requests.${run}`,
  events: `f11.events.${run}`,
  commands: `f11.commands.${run}`,
  queue: `f11.request-processor.${run}`,
  prefix: `f11-${run}/v1`,
  notifications: `f11-${run}/notifications`,
};
/** The request processors' telemetry queues: one per partition, and the one forwarding unpartitioned keys. */
const requestQueues = () => requestProcessorQueues(names.queue);

interface Answer {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are asserted field by field
  body: any;
}

await describeWithServices(["rabbitmq", "mosquitto"], "TR 103 527 Figure 11 message flow", () => {
  let dir: string;
  let identity: IdentityFixture;
  const running: RunningIvf<ConfigSpec>[] = [];
  let hooks: WebhookReceiver;
  let listener: MqttClient;
  const mqttNotifications: { topic: string; body: Record<string, unknown> }[] = [];
  let amqpConnection: ChannelModel;
  let channel: Channel;
  const requestPrimitives: Record<string, unknown>[] = [];
  const storedEvents: string[] = [];
  let urls: { cloudApi: string; gateway: string };
  let apiKey: string;
  const tokens = { admin: "", writer: "", reader: "", otherReader: "" };

  const api = async (token: string, method: string, path: string, body?: unknown): Promise<Answer> => {
    const response = await fetch(`${urls.cloudApi}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { "content-type": "application/json" }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : undefined };
  };
  const measurements = async (deviceId: string): Promise<number[]> => {
    const answer = await api(tokens.reader, "GET", `/v1/devices/${deviceId}/measurements?attribute=power`);
    return answer.status === 200 ? answer.body.items.map((item: { value: number }) => item.value) : [];
  };
  const telemetry = (deviceId: string, body: unknown, key = apiKey) =>
    fetch(`${urls.gateway}/v1/telemetry/${deviceId}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(key ? { "x-api-key": key } : {}) },
      body: JSON.stringify(body),
    });
  const deadLettered = async (): Promise<{ error: string; body: Record<string, unknown> }[]> => {
    const found: { error: string; body: Record<string, unknown> }[] = [];
    // Every telemetry partition queue has its own DLQ.
    for (const queue of requestQueues()) {
      for (;;) {
        // Structural refusals would land here too; the assertions name the code they expect.
        const message = await channel.get(`${queue}.dlq`, { noAck: true });
        if (!message) break;
        found.push({
          error: String(message.properties.headers?.["x-dead-letter-error"] ?? ""),
          body: JSON.parse(message.content.toString()) as Record<string, unknown>,
        });
      }
    }
    return found;
  };
  const dlq: { error: string; body: Record<string, unknown> }[] = [];
  const waitForDeadLetter = (code: string, deviceId: string) =>
    eventually(async () => {
      dlq.push(...(await deadLettered()));
      return dlq.find((entry) => entry.error.includes(code) && entry.body.deviceId === deviceId);
    }, 30_000).catch((error: unknown) => {
      throw new Error(
        `${String(error)}; dead-lettered so far: ${JSON.stringify(dlq.map((entry) => entry.error))}`,
      );
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ivf-figure11-"));
    identity = await startIdentity(join(dir, "identity"));
    const env = {
      IVF_LOG_LEVEL: process.env.IVF_TEST_LOG_LEVEL ?? "silent",
      IVF_DATA_DIR: join(dir, "iot"),
      IVF_AMQP_URL: serviceAddresses.rabbitmq.url,
      IVF_IDENTITY_JWKS_URL: identity.jwksUrl,
      IVF_API_RESPONSE_VALIDATION: "throw",
      IVF_BUS_REQUESTS_EXCHANGE: names.requests,
      IVF_BUS_EVENTS_EXCHANGE: names.events,
      IVF_BUS_COMMANDS_EXCHANGE: names.commands,
      IVF_REQUEST_PROCESSOR_QUEUE: names.queue,
      IVF_REQUEST_PROCESSOR_REGISTRY_CACHE_TTL: "300",
      IVF_FIELD_GATEWAY_REGISTRY_CACHE_TTL: "300",
      // The test's webhook receiver listens on loopback, which the SSRF guard refuses by default.
      IVF_NOTIFIER_WEBHOOK_ALLOW: "127.0.0.1",
    };
    const start = async <S extends ConfigSpec>(
      definition: IvfDefinition<S>,
      extra: NodeJS.ProcessEnv = {},
    ) => {
      const ivf = await startIvf(definition, { ...env, ...extra });
      running.push(ivf as unknown as RunningIvf<ConfigSpec>);
      return ivf;
    };
    // Observers on the bus first, so that nothing published below is missed.
    amqpConnection = await amqp.connect(serviceAddresses.rabbitmq.url);
    channel = await amqpConnection.createChannel();
    for (const [exchange, pattern, sink] of [
      [
        names.requests,
        "telemetry.#",
        (body: string, key: string) =>
          requestPrimitives.push(
            ...(primitivesOf({ routingKey: key, body: JSON.parse(body) }) as Record<string, unknown>[]),
          ),
      ],
      [
        names.events,
        "stored.#",
        (body: string, key: string) =>
          storedEvents.push(
            ...storedEventsOf({ routingKey: key, messageId: "", body: JSON.parse(body) }).map(({ event }) =>
              storedEventRoutingKey(event.tenant, event.deviceId),
            ),
          ),
      ],
    ] as const) {
      await channel.assertExchange(exchange, "topic", { durable: true });
      const { queue } = await channel.assertQueue("", { exclusive: true, autoDelete: true });
      await channel.bindQueue(queue, exchange, pattern);
      await channel.consume(queue, (message) => {
        if (message) sink(message.content.toString(), message.fields.routingKey);
      }, { noAck: true }); // prettier-ignore
    }
    await start(deviceManager, { IVF_DEVICE_MANAGER_EXPIRY_SWEEP: "200" });
    const cloud = await start(cloudApi, { IVF_CLOUD_API_RATE: "10000" });
    const gateway = await start(fieldGateway, {
      IVF_MQTT_URL: serviceAddresses.mosquitto.url,
      IVF_MQTT_PROTOCOL_VERSION: "5",
      IVF_MQTT_TOPIC_PREFIX: names.prefix,
      IVF_INSTANCE_ID: `f11-fg-${run}`,
    });
    await start(requestProcessor);
    await start(subscriptionNotifier, {
      IVF_NOTIFIER_MQTT_URL: serviceAddresses.mosquitto.url,
      IVF_NOTIFIER_MQTT_PREFIX: names.notifications,
      IVF_NOTIFIER_REFRESH: "100ms",
      IVF_NOTIFIER_RETRY_BACKOFF_MS: "50,100",
    });
    urls = { cloudApi: cloud.server.url, gateway: gateway.server.url };
    tokens.admin = await identity.clientToken("acme", "acme-admin", ["tenant-admin"]);
    tokens.writer = await identity.clientToken("acme", "acme-writer", ["writer"]);
    tokens.reader = await identity.clientToken("acme", "acme-reader", ["reader"]);
    tokens.otherReader = await identity.clientToken("globex", "globex-reader", ["reader"]);
    const group = await api(tokens.admin, "POST", "/v1/groups", {
      groupId: "meters",
      explicitAttributes: true,
      attributes: [{ name: "power", type: "number" }],
    });
    expect(group.status, JSON.stringify(group.body)).toBe(201);
    apiKey = group.body.apiKey;
    for (const deviceId of ["meter-1", "meter-2", "valve-1"]) {
      expect((await api(tokens.admin, "POST", "/v1/devices", { deviceId, groupId: "meters" })).status).toBe(
        201,
      );
    }
    hooks = await startWebhookReceiver();
    const subscribe = (body: unknown) => api(tokens.writer, "POST", "/v1/subscriptions", body);
    expect(
      (
        await subscribe({
          subscriptionId: "hook-high",
          deviceIds: ["meter-1", "meter-2"],
          criteria: [{ attribute: "power", operator: "gt", value: 100 }],
          target: { kind: "webhook", url: `${hooks.url}/high` },
        })
      ).status,
    ).toBe(201);
    expect((await subscribe({ subscriptionId: "mqtt-all", target: { kind: "mqtt" } })).status).toBe(201);
    listener = await mqtt.connectAsync(serviceAddresses.mosquitto.url, { clientId: `f11-app-${run}` });
    listener.on("message", (topic, payload) =>
      mqttNotifications.push({ topic, body: JSON.parse(payload.toString()) as Record<string, unknown> }),
    );
    await listener.subscribeAsync(`${names.notifications}/acme/mqtt-all`, { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 500)); // notifier refresh is 100 ms
  }, 120_000);

  afterAll(async () => {
    await listener?.endAsync();
    await hooks?.close();
    for (const ivf of running.reverse()) await ivf.stop().catch(() => undefined);
    await identity?.stop();
    if (channel) {
      await amqpConnection.close();
      await deleteRabbitTopology(serviceAddresses.rabbitmq.url, {
        queues: [...requestQueues(), commandsQueue(names.commands), statusQueue(names.commands)],
        exchanges: [names.requests, names.events, names.commands],
      });
    }
    rmSync(dir, { recursive: true, force: true });
  }, 60_000);

  it("steps 1-2, 6-9 over HTTP: 202 to the device, primitive on the bus, stored, event, webhook and MQTT notifications", async () => {
    const response = await telemetry("meter-1", { power: 150.5, timestamp: "2026-03-01T10:00:00Z" });
    // Step 9: the device's answer on its own binding, once the bus confirmed the primitive.
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ accepted: 1 });
    // Steps 1-2: the request primitive, attributed to the key's tenant.
    const primitive = await eventually(async () => requestPrimitives.find((p) => p.deviceId === "meter-1"));
    expect(primitive).toMatchObject({
      operation: "create",
      tenant: "acme",
      source: { protocol: "http" },
      measurements: [{ attribute: "power", value: 150.5, timestamp: "2026-03-01T10:00:00.000Z" }],
    });
    // Step 6: persisted, readable through the northbound API.
    expect(
      await eventually(async () => ((await measurements("meter-1")).includes(150.5) ? true : undefined)),
    ).toBe(true);
    // Step 7: subscription processing is triggered by the stored event.
    await eventually(async () => (storedEvents.includes("stored.acme.meter-1") ? true : undefined));
    // Step 8: both subscribers are notified.
    const hook = await eventually(async () =>
      hooks.received.find((entry) => entry.body.deviceId === "meter-1"),
    );
    expect(hook.path).toBe("/high");
    expect(hook.body).toMatchObject({
      subscriptionId: "hook-high",
      tenant: "acme",
      event: "measurement",
      measurements: [{ attribute: "power", value: 150.5 }],
    });
    const viaMqtt = await eventually(async () =>
      mqttNotifications.find((entry) => entry.body.deviceId === "meter-1"),
    );
    expect(viaMqtt.topic).toBe(`${names.notifications}/acme/mqtt-all`);
    expect(viaMqtt.body).toMatchObject({ subscriptionId: "mqtt-all", tenant: "acme" });
  }, 60_000);

  it("steps 1-2, 6-9 over MQTT 5: PUBACK to the device, stored, criteria decide who is notified", async () => {
    const device = await mqtt.connectAsync(serviceAddresses.mosquitto.url, {
      clientId: `f11-meter-2-${run}`,
      protocolVersion: 5,
    });
    const pubacks: number[] = [];
    device.on("packetreceive", (packet) => {
      if (packet.cmd === "puback") pubacks.push(packet.reasonCode ?? 0);
    });
    try {
      const topic = `${names.prefix}/${apiKey}/meter-2/attrs`;
      await device.publishAsync(topic, JSON.stringify({ power: 42, timestamp: "2026-03-01T10:01:00Z" }), {
        qos: 1,
      });
      await device.publishAsync(topic, JSON.stringify({ power: 420, timestamp: "2026-03-01T10:02:00Z" }), {
        qos: 1,
      });
      expect(pubacks).toEqual([0, 0]); // step 9 on the MQTT binding
      const primitive = await eventually(async () => requestPrimitives.find((p) => p.deviceId === "meter-2"));
      expect(primitive).toMatchObject({ tenant: "acme", source: { protocol: "mqtt" } });
      await eventually(async () => {
        const stored = await measurements("meter-2");
        return stored.includes(42) && stored.includes(420) ? true : undefined;
      });
      await eventually(async () =>
        mqttNotifications.filter((entry) => entry.body.deviceId === "meter-2").length >= 2 ? true : undefined,
      );
      const high = await eventually(async () =>
        hooks.received.find((entry) => entry.body.deviceId === "meter-2"),
      );
      expect(high.body.measurements).toEqual([expect.objectContaining({ attribute: "power", value: 420 })]);
      await new Promise((resolve) => setTimeout(resolve, 500)); // let a wrong notification arrive
      // At-least-once delivery may repeat a notification; its id says whether it is the same one.
      const ids = new Set(
        hooks.received
          .filter((entry) => entry.body.deviceId === "meter-2")
          .map((entry) => entry.body.notificationId),
      );
      expect(ids.size).toBe(1);
    } finally {
      await device.endAsync();
    }
  }, 60_000);

  it("9.bis: refusals are answered to the device on its binding; nothing is stored or notified", async () => {
    const wrongKey = await telemetry("meter-1", { power: 901 }, "not-the-key-0123456789");
    expect([wrongKey.status, ((await wrongKey.json()) as { code: string }).code]).toEqual([
      401,
      "UNKNOWN_API_KEY",
    ]);
    const noKey = await telemetry("meter-1", { power: 902 }, "");
    expect([noKey.status, ((await noKey.json()) as { code: string }).code]).toEqual([401, "MISSING_API_KEY"]);
    const undeclared = await telemetry("meter-1", { colour: 903 });
    expect([undeclared.status, ((await undeclared.json()) as { code: string }).code]).toEqual([
      422,
      "ATTRIBUTE_NOT_ALLOWED",
    ]);
    const unknown = await telemetry("stranger", { power: 904 });
    expect([unknown.status, ((await unknown.json()) as { code: string }).code]).toEqual([
      404,
      "UNKNOWN_DEVICE",
    ]);
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const refused = [901, 902, 903, 904];
    expect((await measurements("meter-1")).some((value) => refused.includes(value))).toBe(false);
    const valuesOf = (entries: { measurements?: unknown }[]) =>
      entries
        .flatMap((entry) => (entry.measurements as { value: unknown }[] | undefined) ?? [])
        .map((m) => m.value);
    const seen = [
      ...valuesOf(requestPrimitives),
      ...valuesOf(hooks.received.map((entry) => entry.body)),
      ...valuesOf(mqttNotifications.map((entry) => entry.body)),
    ];
    expect(seen.filter((value) => refused.includes(value as number))).toEqual([]);
  }, 30_000);

  it("steps 3-5 at the request processor: a primitive failing semantic, resource or access checks is dead-lettered, never stored", async () => {
    const now = new Date().toISOString();
    const primitive = (tenant: string, deviceId: string, measurement: Record<string, unknown>) => ({
      primitiveVersion: 1,
      operation: "create",
      tenant,
      deviceId,
      source: { protocol: "http", endpoint: "/forged" },
      receivedAt: now,
      measurements: [{ timestamp: now, ...measurement }],
    });
    const forge = (routingKey: string, body: unknown) =>
      channel.publish(names.requests, routingKey, Buffer.from(JSON.stringify(body)), {
        persistent: true,
        contentType: "application/json",
        messageId: randomBytes(16).toString("hex"),
      });
    // Step 3, semantic validation: an attribute the group does not declare.
    // Forged primitives carry the partition word, as every publisher's do (telemetry-partitions.ts).
    const key = (tenant: string, deviceId: string) =>
      partitionedTelemetryRoutingKey(tenant, deviceId, DEFAULT_TELEMETRY_PARTITIONS);
    forge(key("acme", "valve-1"), primitive("acme", "valve-1", { attribute: "colour", value: 5 }));
    // Step 4, resource check: a device the store does not know.
    forge(key("acme", "ghost-1"), primitive("acme", "ghost-1", { attribute: "power", value: 6 }));
    // Step 5, access control: data filed under another tenant's routing key.
    forge(key("globex", "valve-1"), primitive("acme", "valve-1", { attribute: "power", value: 7 }));
    expect((await waitForDeadLetter("ATTRIBUTE_NOT_ALLOWED", "valve-1")).error).toContain('"colour"');
    expect((await waitForDeadLetter("UNKNOWN_DEVICE", "ghost-1")).error).toContain("ghost-1");
    expect((await waitForDeadLetter("ROUTING_MISMATCH", "valve-1")).error).toContain(
      "telemetry.globex.valve-1",
    );
    expect(await measurements("valve-1")).toEqual([]);
    const other = await api(tokens.otherReader, "GET", "/v1/devices/valve-1/measurements?attribute=power");
    expect(JSON.stringify(other.body ?? "")).not.toContain('"value":7');
  }, 60_000);

  it("round-trips a device command over MQTT: sent, received by the device, answered, executed", async () => {
    const device = await mqtt.connectAsync(serviceAddresses.mosquitto.url, {
      clientId: `f11-valve-${run}`,
      protocolVersion: 5,
    });
    const received: Record<string, unknown>[] = [];
    device.on("message", (_topic, payload) => {
      const command = JSON.parse(payload.toString()) as { commandId: string; value?: unknown };
      received.push(command);
      const reply = { commandId: command.commandId, status: "executed", result: { position: command.value } };
      void device.publishAsync(`${names.prefix}/${apiKey}/valve-1/cmdexe`, JSON.stringify(reply), { qos: 1 });
    });
    await device.subscribeAsync(`${names.prefix}/devices/acme/valve-1/cmd`, { qos: 1 });
    try {
      const sent = await api(tokens.writer, "POST", "/v1/devices/valve-1/commands", {
        command: "open",
        value: 75,
      });
      expect(sent.status).toBe(202);
      const commandId = sent.body.commandId as string;
      const executed = await eventually(async () => {
        const answer = await api(tokens.reader, "GET", `/v1/devices/valve-1/commands/${commandId}`);
        return answer.body?.state === "executed" ? answer.body : undefined;
      }, 45_000);
      expect(received).toEqual([expect.objectContaining({ commandId, command: "open", value: 75 })]);
      expect(executed.result).toEqual({ position: 75 });
    } finally {
      await device.endAsync();
    }
  }, 60_000);
});
