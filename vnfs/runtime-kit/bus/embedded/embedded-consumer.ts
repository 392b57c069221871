import { randomUUID } from "node:crypto";
import type { Logger } from "../../logging/logger.js";
import { deadLetterHeaders, decodeBody, isDeadLetterQueue } from "../bus-input.js";
import {
  PoisonMessageError,
  type Consumer,
  type Delivery,
  type Json,
  type MessageHandler,
} from "../message-bus.js";
import type { BusTables, MessageRow } from "./bus-tables.js";

export interface EmbeddedConsumerSettings {
  tables: BusTables;
  queue: string;
  singleActive: boolean;
  maxDeliveries: number;
  prefetch: number;
  tag: string;
  instanceId: string;
  /** Longest sleep between polls of an idle queue. */
  idlePollMs: number;
  logger: Logger;
  /** Queues an acknowledgement; the bus commits acknowledgements in batches. */
  ack(seq: number, consumerId: string): void;
  /** Commits queued acknowledgements now (before leases are handed back). */
  flushAcks(): Promise<void>;
  onStopped(consumer: EmbeddedConsumer): void;
}

/**
 * One competing consumer of one queue: a poll loop that leases up to `prefetch` messages,
 * runs the handler on each, and settles each lease (ack, release or dead-letter).
 * Polling backs off from 1 ms to `idlePollMs` while the queue is empty, and is woken at once
 * by publishes from the same process.
 */
export class EmbeddedConsumer implements Consumer {
  readonly id = randomUUID();
  inFlight = 0;
  private stopped = false;
  private sleeper: { timer: NodeJS.Timeout; resolve: () => void } | null = null;
  private readonly settled = new Set<() => void>();
  private loop: Promise<void> = Promise.resolve();

  constructor(
    private readonly s: EmbeddedConsumerSettings,
    private readonly handler: MessageHandler<Json>,
  ) {}

  get queue(): string {
    return this.s.queue;
  }

  async start(): Promise<void> {
    await this.s.tables.registerConsumer({
      id: this.id,
      queue: this.s.queue,
      instanceId: this.s.instanceId,
      tag: this.s.tag,
      prefetch: this.s.prefetch,
    });
    this.loop = this.run().catch((error: unknown) => {
      this.s.logger.error(
        { err: error, queue: this.s.queue },
        "embedded bus consumer loop failed; consumer stopped",
      );
      void this.stop(0);
    });
  }

  /** Called on the bus heartbeat; re-registers when this consumer was presumed dead. */
  async heartbeat(): Promise<void> {
    if (this.stopped || (await this.s.tables.heartbeat(this.id))) return;
    this.s.logger.warn(
      { queue: this.s.queue, consumer: this.s.tag },
      "embedded bus consumer missed its heartbeat (event loop blocked?); its leases were handed to others",
    );
    await this.s.tables.registerConsumer({
      id: this.id,
      queue: this.s.queue,
      instanceId: this.s.instanceId,
      tag: this.s.tag,
      prefetch: this.s.prefetch,
    });
  }

  /** Ends a sleep early (a publish from this process, or a settled delivery). */
  wake(): void {
    const s = this.sleeper;
    if (!s) return;
    this.sleeper = null;
    clearTimeout(s.timer);
    s.resolve();
  }

  private sleep(ms: number): Promise<void> {
    return new Promise((resolve) => {
      this.sleeper = { timer: setTimeout(() => this.wake(), ms), resolve };
    });
  }

  private async run(): Promise<void> {
    let idle = 1;
    while (!this.stopped) {
      const free = this.s.prefetch - this.inFlight;
      // Refill in batches (half the prefetch) rather than one lease per settled message: fewer
      // write transactions, so competing processes get the write lock as often as this one.
      const refill = free > 0 && (this.inFlight === 0 || free >= Math.ceil(this.s.prefetch / 2));
      let claimed: MessageRow[] = [];
      try {
        if (refill && this.s.tables.hasReady(this.s.queue)) {
          claimed = await this.s.tables.claim(this.id, this.s.queue, free, this.s.singleActive);
        }
      } catch (error) {
        // Lock contention beyond busyTimeoutMs or a disk error: keep the consumer alive and retry.
        this.s.logger.error(
          { err: error, queue: this.s.queue },
          "embedded bus could not claim messages; retrying",
        );
        await this.sleep(this.s.idlePollMs * 20);
        continue;
      }
      for (const row of claimed) void this.deliver(row);
      if (claimed.length > 0) {
        idle = 1;
        await new Promise<void>((resolve) => setImmediate(resolve));
      } else if (!refill) {
        await this.sleep(this.s.idlePollMs);
      } else {
        await this.sleep(idle);
        idle = Math.min(idle * 2, this.s.idlePollMs);
      }
    }
  }

  private async deliver(row: MessageRow): Promise<void> {
    this.inFlight++;
    try {
      if (row.delivery_count > this.s.maxDeliveries && !isDeadLetterQueue(this.s.queue)) {
        // Its earlier holders all died with it: a message that kills consumers ends in the DLQ.
        await this.fail(row, new Error("consumers lost before acknowledging (delivery limit reached)"));
        return;
      }
      let delivery: Delivery<Json>;
      try {
        delivery = toDelivery(row);
      } catch (error) {
        // The stored row cannot be decoded: it can never succeed.
        await this.fail(
          row,
          new PoisonMessageError(`stored message could not be decoded: ${String(error)}`),
          true,
        );
        return;
      }
      try {
        await this.handler(delivery);
      } catch (error) {
        await this.fail(row, error);
        return;
      }
      this.s.ack(row.seq, this.id);
    } catch (error) {
      // Settling failed (database error): the lease stays until stop() or heartbeat loss hands it back.
      this.s.logger.error(
        { err: error, queue: this.s.queue, messageId: row.message_id },
        "could not settle delivery",
      );
    } finally {
      this.inFlight--;
      for (const notify of this.settled) notify();
      this.wake();
    }
  }

  private async fail(row: MessageRow, error: unknown, undecodable = false): Promise<void> {
    const log = {
      queue: this.s.queue,
      messageId: row.message_id,
      deliveryCount: row.delivery_count,
      err: error,
    };
    if (isDeadLetterQueue(this.s.queue)) {
      await this.s.tables.release(row.seq, this.id);
      return;
    }
    const poison = error instanceof PoisonMessageError;
    if (poison || row.delivery_count >= this.s.maxDeliveries) {
      const reason = poison ? "poison" : "max-deliveries";
      if (
        await this.s.tables.deadLetter(
          row.seq,
          this.id,
          deadLetterHeaders(this.s.queue, reason, error),
          undecodable,
        )
      ) {
        this.s.logger.warn({ ...log, reason }, "message dead-lettered");
      }
      return;
    }
    this.s.logger.info(log, "handler failed; message released for redelivery");
    await this.s.tables.release(row.seq, this.id);
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopped) return this.loop;
    this.stopped = true;
    this.wake();
    await this.loop;
    await this.drain(timeoutMs);
    await this.s.flushAcks();
    await this.s.tables.unregisterConsumer(this.id, this.s.queue);
    this.s.onStopped(this);
  }

  private drain(timeoutMs: number): Promise<void> {
    if (this.inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = (): void => {
        clearTimeout(timer);
        this.settled.delete(check);
        resolve();
      };
      const check = (): void => {
        if (this.inFlight === 0) done();
      };
      const timer = setTimeout(done, Math.max(0, timeoutMs));
      this.settled.add(check);
    });
  }
}

function toDelivery(row: MessageRow): Delivery<Json> {
  return {
    messageId: row.message_id,
    exchange: row.exchange,
    routingKey: row.routing_key,
    body: decodeBody(row.body) as Json,
    headers: JSON.parse(row.headers) as Record<string, string>,
    publishedAt: row.published_at,
    redelivered: row.delivery_count > 1,
    deliveryCount: row.delivery_count,
  };
}
