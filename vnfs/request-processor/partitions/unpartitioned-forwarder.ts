import { PoisonMessageError, type Delivery, type MessageBus } from "../../runtime-kit/bus/message-bus.js";
import {
  InvalidPrimitiveError,
  parseTelemetryPrimitive,
  telemetryRoutingKey,
} from "../../runtime-kit/primitives/request-primitive.js";
import { partitionedTelemetryRoutingKey } from "../../runtime-kit/primitives/telemetry-partitions.js";

/**
 * Primitives published with the routing key of earlier releases, `telemetry.<tenant>.<deviceId>`
 * (no partition word: a publisher not yet upgraded during a rolling upgrade), would match no
 * partition queue and be dropped by the exchange. Every request processor therefore also consumes
 * `<prefix>.unpartitioned` (binding `telemetry.*.*`, competing consumers) and re-publishes each
 * such primitive with its partitioned key (confirmed, same message id and headers) before
 * acknowledging it: nothing is lost, and from then on the primitive is processed in its
 * partition. A body that does not parse or does not match its key is dead-lettered with the
 * reason, as the partition consumer would do.
 */
export const UNPARTITIONED_BINDING = "telemetry.*.*";

export function unpartitionedQueue(prefix: string): string {
  return `${prefix}.unpartitioned`;
}

export function unpartitionedForwarder(
  bus: MessageBus,
  exchange: string,
  partitions: number,
): (delivery: Delivery) => Promise<void> {
  return async (delivery) => {
    let routingKey: string;
    try {
      const primitive = parseTelemetryPrimitive(delivery.body);
      const expected = telemetryRoutingKey(primitive.tenant, primitive.deviceId);
      if (delivery.exchange && delivery.routingKey !== expected) {
        throw new PoisonMessageError(
          `ROUTING_MISMATCH: routing key ${delivery.routingKey} does not match the body's ${expected}`,
        );
      }
      routingKey = partitionedTelemetryRoutingKey(primitive.tenant, primitive.deviceId, partitions);
    } catch (error) {
      if (error instanceof InvalidPrimitiveError)
        throw new PoisonMessageError(error.message, { cause: error });
      throw error;
    }
    await bus.publish(exchange, {
      routingKey,
      messageId: delivery.messageId,
      headers: withoutAdapterHeaders(delivery.headers),
      body: delivery.body,
    });
  };
}

/** `x-ivf-` headers are the adapters' bookkeeping and may not be published. */
function withoutAdapterHeaders(headers: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(headers).filter(([name]) => !name.startsWith("x-ivf-")));
}
