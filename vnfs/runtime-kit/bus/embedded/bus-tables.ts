import type Database from "better-sqlite3";
import { BusError, dlqName, type EncodedMessage } from "../bus-input.js";
import { isBusy, prepareStatements, retryBusy, type BusStatements } from "./bus-statements.js";
import { topicMatches } from "./topic-pattern.js";

/** A claimed message row, as stored. */
export interface MessageRow {
  seq: number;
  queue: string;
  message_id: string;
  exchange: string;
  routing_key: string;
  body: string;
  headers: string;
  published_at: number;
  delivery_count: number;
}

export interface QueueDeclaration {
  name: string;
  exchange: string;
  bindings: string[];
  autoDelete: boolean;
  singleActiveConsumer: boolean;
}

export interface PublishGroup {
  exchange: string;
  messages: EncodedMessage[];
}

export interface ConsumerRegistration {
  id: string;
  queue: string;
  instanceId: string;
  tag: string;
  prefetch: number;
}

/**
 * Every statement the embedded bus runs, each in the smallest transaction that keeps the
 * bus consistent across processes. Writers use IMMEDIATE transactions so that two processes
 * never both read "ready" and then both lease the same row.
 */
export class BusTables {
  private readonly s: BusStatements;

  constructor(
    private readonly db: Database.Database,
    private readonly busyTimeoutMs: number,
  ) {
    this.s = prepareStatements(db);
  }

  async declareExchange(name: string): Promise<void> {
    await this.retry(() => this.durably(() => this.s.insertExchange.run(name, Date.now())));
  }

  /** Declares the queue, its DLQ and its bindings; refuses a redeclaration with other flags. */
  async declareQueue(q: QueueDeclaration, deadLetterQueue: boolean): Promise<void> {
    return this.retry(() => {
      this.durably(() =>
        this.db
          .transaction(() => {
            if (!this.s.exchangeExists.get(q.exchange)) {
              throw new BusError(
                "BUS_UNKNOWN_EXCHANGE",
                `queue "${q.name}": exchange "${q.exchange}" is not declared`,
              );
            }
            this.ensureQueue(q.name, q.autoDelete, q.singleActiveConsumer);
            if (!deadLetterQueue) this.ensureQueue(dlqName(q.name), false, false);
            for (const pattern of q.bindings) this.s.insertBinding.run(q.exchange, pattern, q.name);
          })
          .immediate(),
      );
    });
  }

  private ensureQueue(name: string, autoDelete: boolean, singleActive: boolean): void {
    const row = this.s.queueRow.get(name) as { auto_delete: number; single_active: number } | undefined;
    if (!row) {
      this.s.insertQueue.run(name, autoDelete ? 1 : 0, singleActive ? 1 : 0, Date.now());
      return;
    }
    if (Boolean(row.auto_delete) !== autoDelete || Boolean(row.single_active) !== singleActive) {
      throw new BusError(
        "BUS_QUEUE_MISMATCH",
        `queue "${name}" already exists with autoDelete=${Boolean(row.auto_delete)}, ` +
          `singleActiveConsumer=${Boolean(row.single_active)}; declare it with the same flags or use another name`,
      );
    }
  }

  /**
   * Copies every message into each queue bound to its exchange (fan-out). All the groups are
   * written in one transaction and one fsync (group commit); a group naming an undeclared
   * exchange gets its own error and does not spoil the others.
   */
  async publish(groups: PublishGroup[], publishedAt: number): Promise<(BusError | null)[]> {
    return this.retry(() =>
      this.durably(() =>
        this.db.transaction(() => groups.map((g) => this.publishGroup(g, publishedAt))).immediate(),
      ),
    );
  }

  private publishGroup(g: PublishGroup, publishedAt: number): BusError | null {
    if (!this.s.exchangeExists.get(g.exchange)) {
      return new BusError(
        "BUS_UNKNOWN_EXCHANGE",
        `exchange "${g.exchange}" is not declared; declare it before publishing`,
      );
    }
    const bindings = this.s.bindingsOf.all(g.exchange) as { pattern: string; queue: string }[];
    for (const m of g.messages) {
      const queues = new Set<string>();
      for (const b of bindings) if (topicMatches(b.pattern, m.routingKey)) queues.add(b.queue);
      const headers = JSON.stringify(m.headers);
      for (const queue of queues) {
        this.s.insertMessage.run(
          queue,
          m.messageId,
          g.exchange,
          m.routingKey,
          m.body,
          headers,
          publishedAt,
          0,
        );
      }
    }
    return null;
  }

  /**
   * Runs a write with `synchronous = FULL` (fsync of the WAL at commit). Only publishes and
   * declarations need it: losing a lease, an ack or a release in a power cut only causes a
   * redelivery, so those commit with NORMAL and cost no fsync (docs/design/bus.md).
   */
  private durably<T>(write: () => T): T {
    this.db.pragma("synchronous = FULL");
    try {
      return write();
    } finally {
      this.db.pragma("synchronous = NORMAL");
    }
  }

  private retry<T>(write: () => T): Promise<T> {
    return retryBusy(write, this.busyTimeoutMs);
  }

  /** A lock-free read (WAL snapshot); when in doubt it says yes and lets claim() decide. */
  hasReady(queue: string): boolean {
    try {
      return this.s.hasReady.get(queue) !== undefined;
    } catch (error) {
      if (isBusy(error)) return true;
      throw error;
    }
  }

  /**
   * Leases up to `limit` ready messages of the queue to the consumer, oldest first. For a
   * single-active-consumer queue only the longest-registered live consumer may claim.
   */
  async claim(
    consumerId: string,
    queue: string,
    limit: number,
    singleActive: boolean,
  ): Promise<MessageRow[]> {
    return this.retry(() => {
      return this.db
        .transaction(() => {
          if (singleActive && this.s.activeConsumer.get(queue) !== consumerId) return [];
          const rows = this.s.claim.all(consumerId, Date.now(), queue, limit) as MessageRow[];
          return rows.sort((a, b) => a.seq - b.seq);
        })
        .immediate();
    });
  }

  /** Deletes acknowledged messages; returns how many were still leased to their consumer. */
  async ack(entries: { seq: number; consumerId: string }[]): Promise<number> {
    return this.retry(() => {
      return this.db
        .transaction(() => {
          let done = 0;
          for (const e of entries) done += this.s.ack.run(e.seq, e.consumerId).changes;
          return done;
        })
        .immediate();
    });
  }

  async release(seq: number, consumerId: string): Promise<boolean> {
    return this.retry(() => {
      return this.s.release.run(seq, consumerId).changes > 0;
    });
  }

  /**
   * Moves a leased message to `<queue>.dlq` with the given extra headers (one transaction).
   * `undecodable` keeps a corrupt body readable there, as a JSON string of the stored text.
   */
  async deadLetter(
    seq: number,
    consumerId: string,
    extraHeaders: Record<string, string>,
    undecodable = false,
  ): Promise<boolean> {
    return this.retry(() => {
      return this.db
        .transaction(() => {
          const row = this.s.take.get(seq, consumerId) as MessageRow | undefined;
          if (!row) return false;
          const headers = { ...parseHeaders(row.headers), ...extraHeaders };
          this.ensureQueue(dlqName(row.queue), false, false);
          this.s.insertMessage.run(
            dlqName(row.queue),
            row.message_id,
            row.exchange,
            row.routing_key,
            undecodable ? JSON.stringify(row.body) : row.body,
            JSON.stringify(headers),
            row.published_at,
            0,
          );
          return true;
        })
        .immediate();
    });
  }

  async registerConsumer(c: ConsumerRegistration): Promise<void> {
    return this.retry(() => {
      this.db
        .transaction(() => {
          const registration = this.s.nextRegistration.get() as number;
          this.s.insertConsumer.run(
            c.id,
            registration,
            c.queue,
            c.instanceId,
            process.pid,
            c.tag,
            c.prefetch,
            Date.now(),
          );
          this.s.markHadConsumer.run(c.queue);
        })
        .immediate();
    });
  }

  /** Hands back the consumer's leases, removes it, and deletes its queue if it was the last (autoDelete). */
  async unregisterConsumer(id: string, queue: string): Promise<void> {
    return this.retry(() => {
      this.db
        .transaction(() => {
          this.s.releaseAll.run(id);
          this.s.deleteConsumer.run(id);
          this.dropIfOrphanAutoDelete(queue);
        })
        .immediate();
    });
  }

  /** Returns false when the consumer row is gone (it was presumed dead and reaped). */
  async heartbeat(id: string): Promise<boolean> {
    return this.retry(() => {
      return this.s.heartbeat.run(Date.now(), id).changes > 0;
    });
  }

  /** Removes consumers whose heartbeat is older than `staleBefore` and frees their leases. */
  async reapStaleConsumers(staleBefore: number): Promise<{ id: string; queue: string }[]> {
    return this.retry(() => {
      return this.db
        .transaction(() => {
          const stale = this.s.staleConsumers.all(staleBefore) as { id: string; queue: string }[];
          for (const c of stale) this.s.releaseAll.run(c.id);
          for (const queue of new Set(stale.map((c) => c.queue))) this.dropIfOrphanAutoDelete(queue);
          return stale;
        })
        .immediate();
    });
  }

  private dropIfOrphanAutoDelete(queue: string): void {
    if (this.s.orphanAutoDelete.get(queue) === undefined) return;
    this.s.deleteQueueMessages.run(queue);
    this.s.deleteQueue.run(queue);
    const dlq = dlqName(queue);
    // An autoDelete queue's DLQ goes with it only when empty: dead letters wait for an operator.
    if (!this.hasAny(dlq)) this.s.deleteQueue.run(dlq);
  }

  private hasAny(queue: string): boolean {
    return (this.s.queueCount.get(queue) as number) > 0;
  }

  async queueStats(queue: string, liveAfter: number) {
    const read = this.db.transaction(() => {
      if (!this.s.queueExists.get(queue)) {
        throw new BusError("BUS_UNKNOWN_QUEUE", `queue "${queue}" is not declared`);
      }
      const ready = this.s.readyCount.get(queue) as number;
      const oldest = (this.s.oldestReady.get(queue) as number | undefined) ?? null;
      return {
        ready,
        oldest,
        unacked: (this.s.queueCount.get(queue) as number) - ready,
        consumers: this.s.consumerCount.get(queue, liveAfter) as number,
      };
    });
    return this.retry(read);
  }
}

function parseHeaders(text: string): Record<string, string> {
  try {
    return JSON.parse(text) as Record<string, string>;
  } catch {
    return { "x-dead-letter-original-headers": text.slice(0, 4000) };
  }
}
