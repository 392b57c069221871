/**
 * The ingest benchmark's view of RabbitMQ and of the request processors (test/bench/ingest.ts):
 * the stored events it times, the partition queues' depth, each instance's share of the
 * partitions, and the clean-up of a phase's topology.
 */
import amqp from "amqplib";
import { storedEventsOf } from "../../vnfs/runtime-kit/primitives/stored-event.js";
import { DEFAULT_TELEMETRY_PARTITIONS } from "../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import type { IvfProcess } from "../integration/support/ivf-processes.js";
import {
  deleteRabbitTopology,
  partitionQueues,
  requestProcessorQueues,
} from "../integration/support/rabbitmq-topology.js";

/** Collects stored events (non-durable private queue): unique message ids and latencies. */
export async function watchStoredEvents(amqpUrl: string, exchange: string) {
  const connection = await amqp.connect(amqpUrl);
  const channel = await connection.createChannel();
  await channel.assertExchange(exchange, "topic", { durable: true });
  const { queue } = await channel.assertQueue("", { exclusive: true, autoDelete: true });
  await channel.bindQueue(queue, exchange, "stored.#");
  const seen = new Set<string>();
  const latencies: number[] = [];
  let lastStoredAt = 0;
  await channel.consume(
    queue,
    (msg) => {
      if (!msg) return;
      const delivery = {
        routingKey: msg.fields.routingKey,
        messageId: String(msg.properties.messageId),
        body: JSON.parse(msg.content.toString("utf8")) as unknown,
      };
      for (const { eventId, event } of storedEventsOf(delivery)) {
        if (seen.has(eventId)) continue;
        seen.add(eventId);
        const storedAt = Date.parse(event.storedAt);
        lastStoredAt = Math.max(lastStoredAt, storedAt);
        latencies.push(storedAt - Date.parse(event.measurements[0]!.timestamp));
      }
    },
    { noAck: true },
  );
  return {
    seen,
    latencies,
    lastStoredAt: () => lastStoredAt,
    close: () => connection.close(),
  };
}

/** Partitions a request processor consumes, from its KPI (iotvf_telemetry_partitions_owned). */
export async function ownedPartitions(ivf: IvfProcess): Promise<number> {
  const text = await (await fetch(`${ivf.url}/metrics`)).text();
  return Number(/^iotvf_telemetry_partitions_owned(?:\{[^}]*\})? (\d+)$/m.exec(text)?.[1] ?? 0);
}

/** All partitions owned, none twice, each instance at least one. */
export function settledOwnership(owned: number[], instances: number): boolean {
  return (
    owned.length === instances &&
    owned.every((n) => n > 0) &&
    owned.reduce((sum, n) => sum + n, 0) === DEFAULT_TELEMETRY_PARTITIONS
  );
}

/** Messages waiting in every partition queue of the request processors. */
export async function queueDepth(amqpUrl: string, prefix: string): Promise<number> {
  const connection = await amqp.connect(amqpUrl);
  try {
    const channel = await connection.createChannel();
    // A missing queue closes the channel (404): reject here, not as an uncaught 'error' event
    // that would end the benchmark without stopping its child processes.
    channel.on("error", () => undefined);
    let total = 0;
    for (const queue of partitionQueues(prefix)) total += (await channel.checkQueue(queue)).messageCount;
    return total;
  } finally {
    await connection.close();
  }
}

/** Removes a phase's queues (with their dead-letter queues) and exchanges. */
export function deleteTopology(
  amqpUrl: string,
  names: { requests: string; events: string; queue: string },
): Promise<void> {
  return deleteRabbitTopology(amqpUrl, {
    queues: [names.queue, ...requestProcessorQueues(names.queue)],
    exchanges: [names.requests, names.events],
  });
}

export type StoredEventWatch = Awaited<ReturnType<typeof watchStoredEvents>>;
