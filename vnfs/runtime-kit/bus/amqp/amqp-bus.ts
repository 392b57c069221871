import type { ChannelModel } from "amqplib";
import type { Logger } from "../../logging/logger.js";
import { BusError, checkName, checkPrefetch, checkQueueSpec, encodeMessage } from "../bus-input.js";
import type {
  ConsumeOptions,
  Consumer,
  Json,
  MessageBus,
  MessageHandler,
  OutgoingMessage,
  QueueSpec,
  QueueStats,
} from "../message-bus.js";
import { AmqpConnection } from "./amqp-connection.js";
import { AmqpConsumer } from "./amqp-consumer.js";
import { AmqpPublisher } from "./amqp-publisher.js";
import { AmqpTopology, withChannel } from "./amqp-topology.js";

export interface AmqpBusOptions {
  url: string;
  instanceId: string;
  logger: Logger;
  /** How long a publish waits for confirms, across reconnections, before failing (default 30 s). */
  publishTimeoutMs?: number;
  /** First and largest reconnect delay (defaults 200 ms and 10 s). */
  initialBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long connect() keeps trying at start-up (default 30 s). */
  initialConnectTimeoutMs?: number;
  /** How long close() lets in-flight handlers finish before handing their messages back (default 5 s). */
  closeDrainMs?: number;
}

/**
 * The RabbitMQ adapter of the bus port (AMQP 0-9-1 via amqplib): durable topic exchanges and
 * classic queues declared by code, persistent messages, publisher confirms, manual acks,
 * per-consumer prefetch, `<queue>.dlq` dead-letter queues, and reconnection that declares the
 * topology again and resumes every consumer (docs/design/bus.md "RabbitMQ adapter").
 */
export class AmqpBus implements MessageBus {
  readonly kind = "amqp" as const;
  private readonly topology = new AmqpTopology();
  private readonly consumers = new Set<AmqpConsumer>();
  private readonly connection: AmqpConnection;
  private readonly publisher: AmqpPublisher;
  private closed = false;

  private constructor(private readonly o: Required<AmqpBusOptions>) {
    this.connection = new AmqpConnection({
      url: o.url,
      instanceId: o.instanceId,
      logger: o.logger,
      initialBackoffMs: o.initialBackoffMs,
      maxBackoffMs: o.maxBackoffMs,
      initialConnectTimeoutMs: o.initialConnectTimeoutMs,
      onUp: (model) => this.restore(model),
    });
    this.publisher = new AmqpPublisher(this.connection, o.logger, o.publishTimeoutMs);
    this.connection.on("down", () => this.publisher.reset());
  }

  static async connect(options: AmqpBusOptions): Promise<AmqpBus> {
    const bus = new AmqpBus({
      publishTimeoutMs: 30_000,
      initialBackoffMs: 200,
      maxBackoffMs: 10_000,
      initialConnectTimeoutMs: 30_000,
      closeDrainMs: 5000,
      ...options,
    });
    await bus.connection.start();
    return bus;
  }

  /** Runs on every (re)connection before it is used: topology first, then consumers. */
  private async restore(model: ChannelModel): Promise<void> {
    this.publisher.reset();
    await this.topology.redeclare(model, (name, error) =>
      this.o.logger.error({ err: error, name }, "RabbitMQ refused to declare again after reconnecting"),
    );
    for (const c of this.consumers) {
      // One consumer whose queue is gone must not keep the others (or publishing) down.
      await c.attach(model).catch((error: unknown) => {
        this.o.logger.warn({ err: error, queue: c.queue }, "consumer not resumed yet; retrying");
        void this.reattach(c);
      });
    }
  }

  private async model(): Promise<ChannelModel> {
    if (this.closed) throw new BusError("BUS_CLOSED", "the AMQP bus is closed");
    return this.connection.waitUp(this.o.publishTimeoutMs);
  }

  async declareExchange(name: string): Promise<void> {
    checkName("exchange", name);
    const model = await this.model();
    await withChannel(model, (ch) => this.topology.declareExchange(ch, name));
    this.publisher.markKnown(name);
  }

  async declareQueue(spec: QueueSpec): Promise<void> {
    const q = checkQueueSpec(spec);
    await this.topology.declareQueue(await this.model(), q);
  }

  async publish(exchange: string, message: OutgoingMessage): Promise<void> {
    await this.publishBatch(exchange, [message]);
  }

  async publishBatch(exchange: string, messages: OutgoingMessage[]): Promise<void> {
    checkName("exchange", exchange);
    if (!Array.isArray(messages))
      throw new BusError("BUS_INVALID_MESSAGE", "publishBatch expects an array of messages");
    const encoded = messages.map((m, i) => encodeMessage(m, messages.length > 1 ? i : undefined));
    if (encoded.length === 0) return;
    if (this.closed) throw new BusError("BUS_CLOSED", "the AMQP bus is closed");
    await this.publisher.publish(exchange, encoded);
  }

  async consume<T = Json>(
    spec: QueueSpec,
    handler: MessageHandler<T>,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    if (typeof handler !== "function")
      throw new BusError("BUS_INVALID_NAME", "consume needs a handler function");
    const q = checkQueueSpec(spec);
    const prefetch = checkPrefetch(options.prefetch);
    const model = await this.model();
    await this.topology.declareQueue(model, q);
    const consumer = new AmqpConsumer(
      {
        queue: q.name,
        singleActiveConsumer: q.singleActiveConsumer,
        maxDeliveries: q.maxDeliveries,
        prefetch,
        tag: options.consumerTag ?? `${this.o.instanceId}:${q.name}`,
        logger: this.o.logger,
        reattach: (c) => void this.reattach(c),
        onStopped: (c) => this.forget(c),
      },
      handler as MessageHandler<Json>,
    );
    this.consumers.add(consumer);
    try {
      await consumer.attach(model);
    } catch (error) {
      // The caller sees the failure; no consumer is left behind to attach on reconnection.
      consumer.stopped = true;
      this.consumers.delete(consumer);
      throw error;
    }
    return consumer;
  }

  /** An autoDelete queue nobody here consumes any more must not be re-created on reconnection. */
  private forget(consumer: AmqpConsumer): void {
    this.consumers.delete(consumer);
    const q = this.topology.queues.get(consumer.queue);
    const stillConsumed = [...this.consumers].some((c) => c.queue === consumer.queue);
    if (q?.autoDelete && !stillConsumed) this.topology.queues.delete(q.name);
  }

  /** After a channel-level failure on a live connection: declare the queue again and resume. */
  private async reattach(consumer: AmqpConsumer): Promise<void> {
    for (let attempt = 1; !consumer.stopped && !this.closed; attempt++) {
      try {
        const model = await this.connection.waitUp(3_600_000);
        const q = this.topology.queues.get(consumer.queue);
        if (q) await this.topology.declareQueue(model, q);
        await consumer.attach(model);
        return;
      } catch (error) {
        this.o.logger.warn(
          { err: error, queue: consumer.queue, attempt },
          "could not resume consumer; retrying",
        );
        await new Promise((resolve) =>
          setTimeout(resolve, Math.min(this.o.maxBackoffMs, 200 * 2 ** attempt)),
        );
      }
    }
  }

  /**
   * `ready` and `consumers` come from a passive queue declaration (queue.declare-ok);
   * `unacked` counts this process's unsettled deliveries, since AMQP 0-9-1 does not report
   * other clients' (RabbitMQ's management API does, but is not assumed). The oldest ready
   * message's age is not observable over AMQP without consuming it: reported as 0 (see
   * docs/design/bus.md "queueStats on RabbitMQ").
   */
  async queueStats(queue: string): Promise<QueueStats> {
    checkName("queue", queue);
    const ok = await withChannel(await this.model(), (ch) => ch.checkQueue(queue));
    let unacked = 0;
    for (const c of this.consumers) if (c.queue === queue) unacked += c.unacked;
    return { ready: ok.messageCount, unacked, oldestReadyAgeSeconds: 0, consumers: ok.consumerCount };
  }

  isHealthy(): boolean {
    return !this.closed && this.connection.isUp;
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((c) => c.stop(this.o.closeDrainMs)));
    this.closed = true;
    await this.publisher.close();
    await this.connection.close();
    this.o.logger.info("AMQP bus closed");
  }
}
