import type Database from "better-sqlite3";
import type { Logger } from "../../logging/logger.js";
import {
  BusError,
  checkName,
  checkPrefetch,
  checkQueueSpec,
  encodeMessage,
  isDeadLetterQueue,
} from "../bus-input.js";
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
import { BusTables, type PublishGroup } from "./bus-tables.js";
import { EmbeddedConsumer } from "./embedded-consumer.js";
import { openBusDatabase } from "./schema.js";

export interface EmbeddedBusOptions {
  /** The bus file; every process on the machine that opens the same file shares the bus. */
  path: string;
  instanceId: string;
  logger: Logger;
  /** How often live consumers refresh their heartbeat and stale ones are reaped (default 1000 ms). */
  heartbeatMs?: number;
  /** A consumer silent for this long is presumed dead and its leases are redelivered (default 3000 ms). */
  staleConsumerMs?: number;
  /** Longest sleep between polls of an empty queue (default 50 ms). */
  idlePollMs?: number;
  /** How long close() lets in-flight handlers finish before handing their messages back (default 5000 ms). */
  closeDrainMs?: number;
  /** How long a writer waits for another process's transaction (default 5000 ms). */
  busyTimeoutMs?: number;
}

/**
 * The embedded adapter of the bus port: a durable bus in one SQLite file shared by every
 * process on the machine, with no broker process (docs/design/bus.md "Embedded bus").
 */
export class EmbeddedBus implements MessageBus {
  readonly kind = "embedded" as const;
  private readonly consumers = new Set<EmbeddedConsumer>();
  private pendingAcks: { seq: number; consumerId: string }[] = [];
  private pendingPublishes: { group: PublishGroup; resolve: () => void; reject: (error: unknown) => void }[] =
    [];
  private ackFlushScheduled = false;
  private closed = false;
  private ticking: Promise<void> | null = null;
  private readonly heartbeatTimer: NodeJS.Timeout;

  private constructor(
    private readonly db: Database.Database,
    private readonly tables: BusTables,
    private readonly o: Required<EmbeddedBusOptions>,
  ) {
    this.heartbeatTimer = setInterval(() => void this.tick(), o.heartbeatMs);
    this.heartbeatTimer.unref();
  }

  static async open(options: EmbeddedBusOptions): Promise<EmbeddedBus> {
    const o: Required<EmbeddedBusOptions> = {
      heartbeatMs: 1000,
      staleConsumerMs: 3000,
      idlePollMs: 50,
      closeDrainMs: 5000,
      busyTimeoutMs: 5000,
      ...options,
    };
    if (!(o.heartbeatMs > 0) || !(o.staleConsumerMs > o.heartbeatMs) || !(o.idlePollMs > 0)) {
      throw new BusError(
        "BUS_INVALID_NAME",
        "embedded bus timings: heartbeatMs and idlePollMs must be > 0 and staleConsumerMs > heartbeatMs",
      );
    }
    const db = openBusDatabase(o.path, o.busyTimeoutMs);
    const bus = new EmbeddedBus(db, new BusTables(db, o.busyTimeoutMs), o);
    o.logger.info({ path: o.path }, "embedded bus opened");
    return bus;
  }

  private assertOpen(): void {
    if (this.closed) throw new BusError("BUS_CLOSED", "the embedded bus is closed");
  }

  async declareExchange(name: string): Promise<void> {
    this.assertOpen();
    await this.tables.declareExchange(checkName("exchange", name));
  }

  async declareQueue(spec: QueueSpec): Promise<void> {
    this.assertOpen();
    const q = checkQueueSpec(spec);
    await this.tables.declareQueue(q, isDeadLetterQueue(q.name));
  }

  async publish(exchange: string, message: OutgoingMessage): Promise<void> {
    await this.publishBatch(exchange, [message]);
  }

  async publishBatch(exchange: string, messages: OutgoingMessage[]): Promise<void> {
    this.assertOpen();
    checkName("exchange", exchange);
    if (!Array.isArray(messages))
      throw new BusError("BUS_INVALID_MESSAGE", "publishBatch expects an array of messages");
    if (messages.length === 0) return;
    const encoded = messages.map((m, i) => encodeMessage(m, messages.length > 1 ? i : undefined));
    return new Promise((resolve, reject) => {
      this.pendingPublishes.push({ group: { exchange, messages: encoded }, resolve, reject });
      if (this.pendingPublishes.length === 1) setImmediate(() => void this.flushPublishes());
    });
  }

  /**
   * Publishes issued in the same event-loop turn are committed together: one transaction and
   * one fsync for all of them (group commit), each promise settled with its own outcome.
   */
  private async flushPublishes(): Promise<void> {
    const batch = this.pendingPublishes;
    this.pendingPublishes = [];
    try {
      const outcomes = await this.tables.publish(
        batch.map((p) => p.group),
        Date.now(),
      );
      batch.forEach((p, i) => {
        const error = outcomes[i];
        if (error) p.reject(error);
        else p.resolve();
      });
      for (const c of this.consumers) c.wake();
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }

  async consume<T = Json>(
    spec: QueueSpec,
    handler: MessageHandler<T>,
    options: ConsumeOptions = {},
  ): Promise<Consumer> {
    this.assertOpen();
    if (typeof handler !== "function")
      throw new BusError("BUS_INVALID_NAME", "consume needs a handler function");
    const q = checkQueueSpec(spec);
    const prefetch = checkPrefetch(options.prefetch);
    await this.tables.declareQueue(q, isDeadLetterQueue(q.name));
    const consumer = new EmbeddedConsumer(
      {
        tables: this.tables,
        queue: q.name,
        singleActive: q.singleActiveConsumer,
        maxDeliveries: q.maxDeliveries,
        prefetch,
        tag: options.consumerTag ?? `${this.o.instanceId}:${q.name}`,
        instanceId: this.o.instanceId,
        idlePollMs: this.o.idlePollMs,
        logger: this.o.logger,
        ack: (seq, consumerId) => this.queueAck(seq, consumerId),
        flushAcks: () => this.flushAcks(),
        onStopped: (c) => this.consumers.delete(c),
      },
      handler as MessageHandler<Json>,
    );
    await consumer.start();
    this.consumers.add(consumer);
    return consumer;
  }

  async queueStats(queue: string): Promise<QueueStats> {
    this.assertOpen();
    checkName("queue", queue);
    const now = Date.now();
    const stats = await this.tables.queueStats(queue, now - this.o.staleConsumerMs);
    return {
      ready: stats.ready,
      unacked: stats.unacked,
      oldestReadyAgeSeconds: stats.oldest === null ? 0 : Math.max(0, (now - stats.oldest) / 1000),
      consumers: stats.consumers,
    };
  }

  isHealthy(): boolean {
    if (this.closed) return false;
    try {
      this.db.prepare("SELECT 1").get();
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    await Promise.all([...this.consumers].map((c) => c.stop(this.o.closeDrainMs)));
    await this.flushAcks();
    while (this.pendingPublishes.length > 0) await this.flushPublishes();
    await this.ticking;
    this.closed = true;
    clearInterval(this.heartbeatTimer);
    this.db.close();
    this.o.logger.info({ path: this.o.path }, "embedded bus closed");
  }

  /** Acknowledgements are committed together once per event-loop turn (one transaction, one fsync). */
  private queueAck(seq: number, consumerId: string): void {
    this.pendingAcks.push({ seq, consumerId });
    if (this.ackFlushScheduled) return;
    this.ackFlushScheduled = true;
    setImmediate(() => void this.flushAcks());
  }

  private async flushAcks(): Promise<void> {
    this.ackFlushScheduled = false;
    if (this.pendingAcks.length === 0 || this.closed) return;
    const batch = this.pendingAcks;
    this.pendingAcks = [];
    try {
      const done = await this.tables.ack(batch);
      if (done < batch.length) {
        this.o.logger.warn(
          { lost: batch.length - done },
          "acknowledgements arrived after their leases were handed back; those messages will be delivered again",
        );
      }
    } catch (error) {
      // Unacknowledged leases are handed back on stop or heartbeat loss: redelivered, never lost.
      this.o.logger.error({ err: error, count: batch.length }, "could not commit acknowledgements");
    }
  }

  private tick(): Promise<void> {
    this.ticking ??= this.beat().finally(() => (this.ticking = null));
    return this.ticking;
  }

  private async beat(): Promise<void> {
    if (this.closed) return;
    try {
      for (const c of this.consumers) await c.heartbeat();
      const reaped = await this.tables.reapStaleConsumers(Date.now() - this.o.staleConsumerMs);
      if (reaped.length > 0) {
        this.o.logger.warn(
          { consumers: reaped },
          "stale bus consumers removed; their messages will be redelivered",
        );
      }
    } catch (error) {
      this.o.logger.error({ err: error }, "embedded bus heartbeat failed");
    }
  }
}
