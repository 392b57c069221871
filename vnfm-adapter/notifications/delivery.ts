/**
 * Notification delivery: one persisted FIFO queue per subscriber (collection
 * vnfm_notification_queue), so notifications survive a VNFM restart and arrive in order.
 * A failed POST is retried with exponential backoff; after maxAttempts the notification is
 * dropped and logged. A full queue drops its oldest entry (bounded memory and storage).
 * The subscriber answers 204 (SOL003 5.4.20.3.1); any 2xx is accepted.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { QueuedNotification, SubscriptionRecord } from "../objects/models.js";
import type { VnfmRepositories } from "../objects/repositories.js";
import type { SubscriberAuth } from "./subscriber-auth.js";

export interface DeliveryOptions {
  maxQueuePerSubscriber: number;
  maxAttempts: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
  timeoutMs: number;
}

export class NotificationDelivery {
  private readonly pumps = new Map<string, Promise<void>>();
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private lastEnqueued = 0;
  private closed = false;

  constructor(
    private readonly repos: VnfmRepositories,
    private readonly auth: SubscriberAuth,
    private readonly logger: Logger,
    private readonly options: DeliveryOptions,
  ) {}

  async enqueue(sub: SubscriptionRecord, body: Record<string, unknown>): Promise<void> {
    this.lastEnqueued = Math.max(Date.now(), this.lastEnqueued + 0.001);
    const item: QueuedNotification = {
      id: randomUUID(),
      subscriptionId: sub.id,
      body,
      attempts: 0,
      nextAttemptAt: 0,
      enqueuedAt: this.lastEnqueued,
    };
    await this.repos.queue.insert(item);
    const queued = await this.repos.queue.count({ subscriptionId: sub.id });
    if (queued > this.options.maxQueuePerSubscriber) {
      const excess = await this.repos.queue.find({
        where: { subscriptionId: sub.id },
        orderBy: [{ field: "enqueuedAt" }],
        limit: queued - this.options.maxQueuePerSubscriber,
      });
      for (const old of excess) await this.repos.queue.delete(old.id);
      this.logger.warn(
        { subscriptionId: sub.id, dropped: excess.length },
        "notification queue full; oldest notifications dropped",
      );
    }
    this.kick(sub.id);
  }

  /** Resumes every queue left by a previous run. */
  async resume(): Promise<void> {
    const pending = await this.repos.queue.find({});
    for (const id of new Set(pending.map((p) => p.subscriptionId))) this.kick(id);
  }

  private kick(subscriptionId: string): void {
    if (this.closed || this.pumps.has(subscriptionId)) return;
    const timer = this.timers.get(subscriptionId);
    if (timer) clearTimeout(timer);
    this.timers.delete(subscriptionId);
    const pump = this.pump(subscriptionId)
      .catch((error) => this.logger.error({ subscriptionId, err: error }, "notification pump failed"))
      .finally(() => this.pumps.delete(subscriptionId));
    this.pumps.set(subscriptionId, pump);
  }

  private async pump(subscriptionId: string): Promise<void> {
    while (!this.closed) {
      const [head] = await this.repos.queue.find({
        where: { subscriptionId },
        orderBy: [{ field: "enqueuedAt" }],
        limit: 1,
      });
      if (!head) return;
      const wait = head.nextAttemptAt - Date.now();
      if (wait > 0) {
        this.timers.set(subscriptionId, setTimeout(() => this.kick(subscriptionId), wait).unref());
        return;
      }
      const sub = await this.repos.subscriptions.get(subscriptionId);
      if (!sub) {
        await this.repos.queue.deleteMany({ subscriptionId });
        return;
      }
      await this.attempt(sub, head);
    }
  }

  private async attempt(sub: SubscriptionRecord, item: QueuedNotification): Promise<void> {
    let failure: string | undefined;
    try {
      const headers: Record<string, string> = {
        "Content-Type": "application/json",
        Accept: "application/json",
      };
      const authorization = await this.auth.header(sub.authentication);
      if (authorization) headers.Authorization = authorization;
      const response = await fetch(sub.callbackUri, {
        method: "POST",
        headers,
        body: JSON.stringify(item.body),
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.arrayBuffer();
      if (response.status === 401) this.auth.invalidate(sub.authentication);
      if (response.status < 200 || response.status > 299) failure = `subscriber answered ${response.status}`;
    } catch (error) {
      failure = (error as Error).message;
    }
    if (!failure) {
      await this.repos.queue.delete(item.id);
      return;
    }
    const attempts = item.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      this.logger.error(
        { subscriptionId: sub.id, notificationId: item.body.id, attempts, failure },
        "notification dropped after the last attempt",
      );
      await this.repos.queue.delete(item.id);
      return;
    }
    const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempts - 1));
    this.logger.warn(
      { subscriptionId: sub.id, attempts, failure, retryInMs: backoff },
      "notification delivery failed; will retry",
    );
    await this.repos.queue.update(item.id, { attempts, nextAttemptAt: Date.now() + backoff });
  }

  /** Resolves when every queue is empty or waiting for a retry (tests, shutdown). */
  async idle(): Promise<void> {
    while (this.pumps.size > 0) await Promise.allSettled([...this.pumps.values()]);
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
    await this.idle();
  }
}
