/**
 * The raw ceilings of the ingest benchmark: what the two brokers carry with clients that do
 * nothing but send, receive and acknowledge, under the same delivery guarantees and with the
 * same messages as the pipeline (docs/benchmarks.md "Ingest"). Used by test/bench/ingest.ts.
 *
 * - MQTT: QoS 1 publishes of a meter reading (the device payload of the end-to-end phase) with
 *   at most WINDOW unacknowledged, to a QoS 1 subscriber.
 * - AMQP: the request primitives the field gateway would publish for those readings (same
 *   body, partitioned routing key, persistent delivery mode and properties as the bus adapter),
 *   through a durable topic exchange into one durable queue (the pipeline spreads the same
 *   traffic over IVF_TELEMETRY_PARTITIONS queues), publisher confirms with at most WINDOW
 *   unconfirmed, consumed with the request processor's prefetch and one ack per message.
 */
import amqp, { type ConfirmChannel } from "amqplib";
import mqtt from "mqtt";
import { MeterModel } from "../../vnfs/simulators/meters/meter-model.js";
import { InFlightWindow } from "../../vnfs/simulators/meters/in-flight-window.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryMessage,
} from "../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import { publishProperties } from "../../vnfs/runtime-kit/bus/amqp/amqp-publisher.js";

/** Unacknowledged MQTT publishes / unconfirmed AMQP publishes at once. */
export const WINDOW = 1000;
/** The request processor's default prefetch per instance (IVF_REQUEST_PROCESSOR_PREFETCH). */
const CONSUMER_PREFETCH = 500;

export interface RawResult {
  rate: number;
  /** Bytes of one message body. */
  bodyBytes: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function waitUntil(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  what: string,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(20);
  }
}

/** Publishes `count` QoS 1 messages with at most WINDOW unacknowledged; returns when all are PUBACKed. */
export async function publishAll(
  client: mqtt.MqttClient,
  count: number,
  next: (i: number) => [string, string],
) {
  const inFlight = new InFlightWindow(WINDOW);
  let failure: unknown;
  for (let i = 0; i < count; i += 1) {
    await inFlight.slot();
    const [topic, payload] = next(i);
    inFlight.track(
      client.publishAsync(topic, payload, { qos: 1 }).catch((error: unknown) => void (failure ??= error)),
    );
  }
  await inFlight.drain();
  if (failure !== undefined) throw failure instanceof Error ? failure : new Error(String(failure));
}

/** The payload a simulated meter publishes (one reading of 5 attributes). */
export function meterPayload(meter: MeterModel, now = Date.now()): string {
  return JSON.stringify(meter.read(now));
}

/** The request primitive (and partitioned routing key) the field gateway makes of one meter reading. */
export function meterPrimitive(meter: MeterModel, tenant: string, endpoint: string, now = Date.now()) {
  const { timestamp, ...values } = meter.read(now);
  return partitionedTelemetryMessage(
    {
      primitiveVersion: 1,
      operation: "create",
      tenant,
      deviceId: meter.deviceId,
      source: { protocol: "mqtt", endpoint },
      receivedAt: new Date(now).toISOString(),
      measurements: Object.entries(values).map(([attribute, value]) => ({ attribute, value, timestamp })),
    },
    DEFAULT_TELEMETRY_PARTITIONS,
  );
}

export async function rawMqtt(url: string, run: string, count: number): Promise<RawResult> {
  const topic = `${run}/raw`;
  const sub = await mqtt.connectAsync(url, { clientId: `${run}-sub`, clean: true });
  const pub = await mqtt.connectAsync(url, { clientId: `${run}-pub`, clean: true });
  try {
    let received = 0;
    sub.on("message", () => (received += 1));
    await sub.subscribeAsync(topic, { qos: 1 });
    const meters = Array.from({ length: 100 }, (_, i) => new MeterModel(`raw-${i}`));
    const payloads = Array.from({ length: count }, (_, i) => meterPayload(meters[i % meters.length]!));
    const started = performance.now();
    await publishAll(pub, count, (i) => [topic, payloads[i]!]);
    await waitUntil(() => received >= count, 60_000, "raw MQTT deliveries");
    return {
      rate: Math.round(count / ((performance.now() - started) / 1000)),
      bodyBytes: Buffer.byteLength(payloads[0]!),
    };
  } finally {
    await pub.endAsync();
    await sub.endAsync();
  }
}

/** Publishes with at most WINDOW unconfirmed messages; resolves once all are confirmed. */
async function publishConfirmed(
  channel: ConfirmChannel,
  exchange: string,
  messages: { routingKey: string; content: Buffer; options: amqp.Options.Publish }[],
): Promise<void> {
  let unconfirmed = 0;
  let failure: unknown;
  let wake: (() => void) | undefined;
  const settled = (error: unknown) => {
    unconfirmed -= 1;
    if (error) failure ??= error;
    wake?.();
  };
  const below = (limit: number) =>
    new Promise<void>((resolve) => {
      wake = () => {
        if (unconfirmed <= limit) resolve();
      };
      wake();
    });
  for (const m of messages) {
    if (unconfirmed >= WINDOW) await below(WINDOW - 1);
    unconfirmed += 1;
    if (!channel.publish(exchange, m.routingKey, m.content, m.options, settled)) {
      await new Promise((resolve) => channel.once("drain", resolve));
    }
  }
  await below(0);
  if (failure) throw new Error(`RabbitMQ refused a raw publish: ${String(failure)}`);
}

export async function rawAmqp(url: string, run: string, count: number): Promise<RawResult> {
  const connection = await amqp.connect(url);
  const exchange = `${run}.raw.requests`;
  const queue = `${run}.raw`;
  try {
    const pubChannel = await connection.createConfirmChannel();
    const subChannel = await connection.createChannel();
    await pubChannel.assertExchange(exchange, "topic", { durable: true });
    await pubChannel.assertQueue(queue, { durable: true });
    await pubChannel.bindQueue(queue, exchange, "telemetry.#");
    await subChannel.prefetch(CONSUMER_PREFETCH);
    const meters = Array.from({ length: 100 }, (_, i) => new MeterModel(`raw-${i}`));
    const publishedAt = Date.now();
    const messages = Array.from({ length: count }, (_, i) => {
      const m = meterPrimitive(meters[i % meters.length]!, "acme", `${run}/raw`);
      const body = JSON.stringify(m.body);
      return {
        routingKey: m.routingKey,
        content: Buffer.from(body),
        options: publishProperties(
          { routingKey: m.routingKey, messageId: m.messageId, body, headers: {} },
          publishedAt,
        ),
      };
    });
    let received = 0;
    await subChannel.consume(queue, (msg) => {
      if (!msg) return;
      received += 1;
      subChannel.ack(msg);
    });
    const started = performance.now();
    await publishConfirmed(pubChannel, exchange, messages);
    await waitUntil(() => received >= count, 60_000, "raw AMQP deliveries");
    const rate = Math.round(count / ((performance.now() - started) / 1000));
    await pubChannel.deleteQueue(queue);
    await pubChannel.deleteExchange(exchange);
    return { rate, bodyBytes: messages[0]!.content.length };
  } finally {
    await connection.close();
  }
}
