import amqplib from "amqplib";
import { unpartitionedQueue } from "../../../vnfs/request-processor/partitions/unpartitioned-forwarder.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  telemetryPartitionQueue,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";

/** The request processors' partition queues (IVF_TELEMETRY_PARTITIONS at its default). */
export function partitionQueues(prefix: string): string[] {
  return Array.from({ length: DEFAULT_TELEMETRY_PARTITIONS }, (_, partition) =>
    telemetryPartitionQueue(prefix, partition),
  );
}

/** Every queue the request processors declare: one per partition and the unpartitioned forwarder's. */
export function requestProcessorQueues(prefix: string): string[] {
  return [...partitionQueues(prefix), unpartitionedQueue(prefix)];
}

/**
 * Removes what a test or benchmark declared on a shared RabbitMQ: each queue with its dead-letter
 * queue (`<queue>.dlq`), then the exchanges. Deleting a queue or exchange that is not there is not
 * an error on RabbitMQ, so this also runs after a partial set-up.
 */
export async function deleteRabbitTopology(
  url: string,
  topology: { queues: string[]; exchanges: string[] },
): Promise<void> {
  const connection = await amqplib.connect(url);
  try {
    const channel = await connection.createChannel();
    for (const queue of topology.queues) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.dlq`);
    }
    for (const exchange of topology.exchanges) await channel.deleteExchange(exchange);
    await channel.close();
  } finally {
    await connection.close();
  }
}
