import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { MessageBus, OutgoingMessage } from "../../runtime-kit/bus/message-bus.js";
import { BusError } from "../../runtime-kit/bus/bus-input.js";
import { IngestError } from "./ingest-errors.js";

export interface BatchPublisherOptions {
  bus: MessageBus;
  exchange: string;
  logger: Logger;
  /** Messages per publishBatch call. */
  batchSize: number;
  /** How long the first message of a batch waits for company. */
  lingerMs: number;
  /** Messages accepted and not yet confirmed, across all bindings; beyond it `saturated` is true. */
  maxInFlight: number;
  /** publishBatch calls running at once (confirms are pipelined). */
  concurrency?: number;
  /**
   * Turns a batch into the messages actually published (telemetry envelopes, see
   * runtime-kit/primitives/telemetry-envelope.ts); every message of the batch is confirmed when
   * the packed ones are. Without it, messages are published as they are.
   */
  pack?: (messages: OutgoingMessage[]) => OutgoingMessage[];
}

interface Pending {
  message: OutgoingMessage;
  resolve: () => void;
  reject: (error: Error) => void;
}

/**
 * Groups accepted telemetry into publishBatch calls and resolves each message's promise once the
 * bus confirmed its batch: the bindings acknowledge the device only then (at-least-once from
 * acceptance). A failed batch is retried with backoff while the bus reconnects; nothing is
 * acknowledged meanwhile, and `saturated` turns true so ingress pushes back instead of buffering.
 */
export class BatchPublisher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running = 0;
  private pending = 0;
  private closed = false;

  constructor(private readonly options: BatchPublisherOptions) {}

  /** Accepted and not yet confirmed. */
  get inFlight(): number {
    return this.pending;
  }

  get saturated(): boolean {
    return this.pending >= this.options.maxInFlight;
  }

  publish(message: OutgoingMessage): Promise<void> {
    if (this.closed)
      return Promise.reject(new IngestError("BUS_UNAVAILABLE", ["the gateway is shutting down"]));
    this.pending += 1;
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ message, resolve, reject });
      if (this.queue.length >= this.options.batchSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    }).finally(() => {
      this.pending -= 1;
    });
  }

  /** Publishes what is queued and waits for every running batch; later publishes are refused. */
  async close(): Promise<void> {
    this.flush();
    this.closed = true;
    while (this.running > 0 || this.queue.length > 0) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      this.flush();
    }
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const concurrency = this.options.concurrency ?? 4;
    while (this.queue.length > 0 && this.running < concurrency) {
      const batch = this.queue.splice(0, this.options.batchSize);
      this.running += 1;
      void this.send(batch).finally(() => {
        this.running -= 1;
        if (this.queue.length > 0) this.flush();
      });
    }
    if (this.queue.length > 0) this.timer = setTimeout(() => this.flush(), this.options.lingerMs);
  }

  private async send(batch: Pending[]): Promise<void> {
    let delayMs = 50;
    for (let attempt = 1; ; attempt += 1) {
      try {
        const messages = batch.map((entry) => entry.message);
        await this.options.bus.publishBatch(
          this.options.exchange,
          this.options.pack && batch.length > 1 ? this.options.pack(messages) : messages,
        );
        batch.forEach((entry) => entry.resolve());
        return;
      } catch (error) {
        if (isRefusal(error)) {
          // One message the bus will never take (e.g. too large, or an envelope grown too large)
          // must not hold up the others: each goes alone, unpacked.
          await this.sendOneByOne(batch);
          return;
        }
        if (this.closed && attempt >= 3) {
          const failure = new IngestError("BUS_UNAVAILABLE", [
            error instanceof Error ? error.message : String(error),
          ]);
          batch.forEach((entry) => entry.reject(failure));
          return;
        }
        this.options.logger.warn(
          { err: error, attempt, messages: batch.length },
          "publishing to the bus failed; retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, delayMs));
        delayMs = Math.min(delayMs * 2, 5000);
      }
    }
  }

  private async sendOneByOne(batch: Pending[]): Promise<void> {
    for (const entry of batch) {
      try {
        await this.options.bus.publishBatch(this.options.exchange, [entry.message]);
        entry.resolve();
      } catch (error) {
        if (isRefusal(error)) entry.reject(new IngestError("INVALID_PAYLOAD", [(error as Error).message]));
        else await this.send([entry]);
      }
    }
  }
}

/** The bus refused the message itself (retrying cannot help), as opposed to being unavailable. */
function isRefusal(error: unknown): boolean {
  return (
    error instanceof BusError && (error.code === "BUS_INVALID_MESSAGE" || error.code === "BUS_INVALID_NAME")
  );
}
