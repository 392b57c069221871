import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { TokenSource } from "../autoscaling/access-token.js";
import type { VesEvent } from "./ves-events.js";

export interface VesExporterOptions {
  /** Collector base URL, e.g. https://dcae-ves-collector:8443 (the path /eventListener/v7/eventBatch is appended). */
  collectorUrl: string;
  logger: Logger;
  /** HTTP Basic credentials (the VES collector's usual authentication) or a bearer token source. */
  basicAuth?: { user: string; password: string };
  tokens?: TokenSource;
  /** Events queued at most; when full the oldest are dropped (and counted). */
  maxQueue?: number;
  maxBatch?: number;
  timeoutMs?: number;
  /** Back-off after a failed post: base * 2^(failures-1), capped. */
  retryBaseMs?: number;
  retryMaxMs?: number;
}

/**
 * Posts VES events in batches to `/eventListener/v7/eventBatch` (VES 7.2.1 §6.1.2: 202 Accepted).
 * The queue is bounded; a failed batch stays at the head and is retried with exponential
 * back-off, so events are delivered in order and an unreachable collector costs bounded memory.
 */
export class VesExporter {
  private readonly queue: VesEvent[] = [];
  private failures = 0;
  private nextAttemptAt = 0;
  private sending = false;
  readonly stats = { posted: 0, dropped: 0, failedPosts: 0 };

  constructor(private readonly options: VesExporterOptions) {}

  enqueue(events: VesEvent[]): void {
    this.queue.push(...events);
    const overflow = this.queue.length - (this.options.maxQueue ?? 1000);
    if (overflow > 0) {
      this.queue.splice(0, overflow);
      this.stats.dropped += overflow;
      this.options.logger.warn(
        { event: "ves_dropped", count: overflow },
        `VES queue full: dropped the ${overflow} oldest events`,
      );
    }
  }

  get pending(): number {
    return this.queue.length;
  }

  /** Sends as many batches as possible now; returns after the first failure (back-off). */
  async flush(now = Date.now()): Promise<void> {
    if (this.sending || now < this.nextAttemptAt) return;
    this.sending = true;
    try {
      while (this.queue.length > 0) {
        const batch = this.queue.slice(0, this.options.maxBatch ?? 100);
        const outcome = await this.post(batch);
        if (outcome !== "ok") {
          this.failures++;
          this.stats.failedPosts++;
          const delay = Math.min(
            (this.options.retryBaseMs ?? 1000) * 2 ** (this.failures - 1),
            this.options.retryMaxMs ?? 60_000,
          );
          this.nextAttemptAt = Date.now() + delay;
          if (outcome === "rejected") {
            // The collector refused the content (4xx): retrying the same batch cannot succeed.
            this.queue.splice(0, batch.length);
            this.stats.dropped += batch.length;
          }
          return;
        }
        this.queue.splice(0, batch.length);
        this.stats.posted += batch.length;
        this.failures = 0;
      }
    } finally {
      this.sending = false;
    }
  }

  private async post(batch: VesEvent[]): Promise<"ok" | "retry" | "rejected"> {
    const url = `${this.options.collectorUrl.replace(/\/+$/, "")}/eventListener/v7/eventBatch`;
    const headers: Record<string, string> = {
      "content-type": "application/json",
      accept: "application/json",
      "X-MinorVersion": "2",
      "X-PatchVersion": "1",
    };
    if (this.options.basicAuth)
      headers.authorization = `Basic ${Buffer.from(`${this.options.basicAuth.user}:${this.options.basicAuth.password}`).toString("base64")}`;
    else if (this.options.tokens) {
      const token = await this.options.tokens.token().catch(() => undefined);
      if (token) headers.authorization = `Bearer ${token}`;
    }
    try {
      const response = await fetch(url, {
        method: "POST",
        headers,
        body: JSON.stringify({ eventList: batch }),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
      });
      const text = await response.text().catch(() => "");
      if (response.status >= 200 && response.status < 300) return "ok";
      this.options.logger.warn(
        { event: "ves_post_failed", status: response.status, body: text.slice(0, 300) },
        `VES collector answered ${response.status}`,
      );
      return response.status >= 400 &&
        response.status < 500 &&
        response.status !== 401 &&
        response.status !== 429
        ? "rejected"
        : "retry";
    } catch (error) {
      this.options.logger.warn(
        { event: "ves_post_failed", err: error },
        `VES collector unreachable at ${url}`,
      );
      return "retry";
    }
  }
}
