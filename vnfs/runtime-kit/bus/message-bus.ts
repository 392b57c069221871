/**
 * The message bus port. Domain code imports this file only, never an adapter (STYLE.md §4).
 *
 * The model is AMQP 0-9-1's, which both adapters implement with the same semantics:
 * - publishers send a JSON body to a durable topic exchange with a routing key;
 * - a queue is bound to an exchange with patterns (`*` one word, `#` zero or more words,
 *   words separated by `.`); every bound queue receives its own copy (fan-out);
 * - consumers of one queue compete: each message goes to one of them (load sharing);
 * - delivery is at-least-once: a message is removed only when its handler resolves; if the
 *   handler throws, or the consumer dies before acknowledging, the message is delivered again;
 * - a message that failed `maxDeliveries` times, or whose handler threw a PoisonMessageError,
 *   goes to the queue's dead-letter queue (`<queue>.dlq`) and stops blocking the queue.
 *
 * Ordering promise: messages published by one publisher to one queue are delivered in publish
 * order to a queue with a single consumer and prefetch 1. Redeliveries and competing consumers
 * may reorder; code that needs per-key order uses one queue per partition with a single active
 * consumer (see docs/design/bus.md).
 */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface PublishOptions {
  /** Stable id of the message; consumers use it for idempotency. Generated when absent. */
  messageId?: string;
  headers?: Record<string, string>;
}

export interface OutgoingMessage extends PublishOptions {
  routingKey: string;
  body: Json;
}

export interface Delivery<T = Json> {
  messageId: string;
  exchange: string;
  routingKey: string;
  body: T;
  headers: Record<string, string>;
  /** Milliseconds since the epoch when the publisher handed the message to the bus. */
  publishedAt: number;
  /** True when an earlier delivery of this message was not acknowledged. */
  redelivered: boolean;
  /** 1 on the first delivery, counting up on each redelivery. */
  deliveryCount: number;
}

export interface QueueSpec {
  /** Queue name; consumers of the same name compete for its messages. */
  name: string;
  exchange: string;
  /** Binding patterns on the exchange's routing keys. */
  bindings: string[];
  /** Deliveries after which a failing message is dead-lettered (default 5). */
  maxDeliveries?: number;
  /**
   * A queue deleted when its last consumer goes away (a private fan-out subscription).
   * Durable shared work queues leave this false.
   */
  autoDelete?: boolean;
  /**
   * Only one consumer receives messages at a time; the others stand by and take over when
   * it goes away. Keeps per-queue order across scaling (used for per-partition queues).
   */
  singleActiveConsumer?: boolean;
}

export interface ConsumeOptions {
  /** Unacknowledged deliveries this consumer may hold at once (default 100). */
  prefetch?: number;
  /** Tag identifying the consumer in logs and in the embedded bus's lease table. */
  consumerTag?: string;
}

export type MessageHandler<T = Json> = (delivery: Delivery<T>) => Promise<void>;

/** Thrown by a handler for a message that can never succeed: it goes to the DLQ at once. */
export class PoisonMessageError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = "PoisonMessageError";
  }
}

export interface Consumer {
  readonly queue: string;
  /** Number of deliveries handed to the handler and not yet settled. */
  readonly inFlight: number;
  /**
   * Stops receiving new messages and waits (up to `timeoutMs`) for in-flight handlers to
   * settle; whatever is still unsettled after that is handed back for redelivery.
   */
  stop(timeoutMs?: number): Promise<void>;
}

export interface QueueStats {
  /** Messages waiting to be delivered. */
  ready: number;
  /** Messages delivered and not yet acknowledged. */
  unacked: number;
  /** Age in seconds of the oldest ready message, 0 when the queue is empty. */
  oldestReadyAgeSeconds: number;
  consumers: number;
}

export interface MessageBus {
  readonly kind: "amqp" | "embedded";
  /** Declares a durable topic exchange (idempotent). */
  declareExchange(name: string): Promise<void>;
  /** Declares a queue, its DLQ and its bindings (idempotent). */
  declareQueue(spec: QueueSpec): Promise<void>;
  /** Resolves once the bus has durably accepted the message (publisher confirm). */
  publish(exchange: string, message: OutgoingMessage): Promise<void>;
  /** Publishes many messages and resolves once all are durably accepted; order is kept. */
  publishBatch(exchange: string, messages: OutgoingMessage[]): Promise<void>;
  /** Starts a consumer on a declared queue (declares it first if needed). */
  consume<T = Json>(spec: QueueSpec, handler: MessageHandler<T>, options?: ConsumeOptions): Promise<Consumer>;
  /** Counts for monitoring and scaling (backlog, oldest age). */
  queueStats(queue: string): Promise<QueueStats>;
  /** True when the bus can currently accept and deliver messages. */
  isHealthy(): boolean;
  /** Stops all consumers (handing back unsettled messages) and closes connections. */
  close(): Promise<void>;
}
