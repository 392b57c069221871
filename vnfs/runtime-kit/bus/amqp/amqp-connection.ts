import { EventEmitter } from "node:events";
import amqp, { type ChannelModel } from "amqplib";
import type { Logger } from "../../logging/logger.js";
import { BusError } from "../bus-input.js";

export interface ConnectionSettings {
  url: string;
  instanceId: string;
  logger: Logger;
  /** First reconnect delay; doubles per failed attempt up to `maxBackoffMs` (with ±20 % jitter). */
  initialBackoffMs: number;
  maxBackoffMs: number;
  /** How long connect() keeps trying before giving up at start-up. */
  initialConnectTimeoutMs: number;
  /** Called after every (re)connection, before the connection counts as up: re-declare, resume. */
  onUp(model: ChannelModel): Promise<void>;
}

/**
 * Keeps one AMQP connection alive: connects with capped exponential backoff, and on loss
 * reconnects and runs `onUp` (which re-declares the topology and resumes consumers) before
 * waiters are released. Emits "down" when the connection is lost.
 */
export class AmqpConnection extends EventEmitter {
  model: ChannelModel | null = null;
  private closing = false;
  private waiters: { resolve: (m: ChannelModel) => void; reject: (e: unknown) => void }[] = [];
  private reconnectTimer: NodeJS.Timeout | null = null;

  constructor(private readonly s: ConnectionSettings) {
    super();
  }

  get isUp(): boolean {
    return this.model !== null && !this.closing;
  }

  /** Connects for the first time, retrying until `initialConnectTimeoutMs` has passed. */
  async start(): Promise<void> {
    const deadline = Date.now() + this.s.initialConnectTimeoutMs;
    for (let attempt = 1; ; attempt++) {
      try {
        await this.open();
        return;
      } catch (error) {
        if (Date.now() + this.delay(attempt) > deadline || this.closing) {
          throw new BusError(
            "BUS_UNAVAILABLE",
            `cannot connect to RabbitMQ at ${redact(this.s.url)}: ${String(error)}`,
            {
              cause: error,
            },
          );
        }
        this.s.logger.warn({ err: error, attempt }, "RabbitMQ connection failed; retrying");
        await new Promise((resolve) => setTimeout(resolve, this.delay(attempt)));
      }
    }
  }

  private async open(): Promise<void> {
    const model = await amqp.connect(withHeartbeat(this.s.url), {
      clientProperties: { connection_name: `ivf:${this.s.instanceId}` },
    });
    model.on("error", (error: Error) => this.s.logger.warn({ err: error }, "RabbitMQ connection error"));
    model.on("blocked", (reason: string) =>
      this.s.logger.warn({ reason }, "RabbitMQ blocked publishing (resource alarm)"),
    );
    let closedEarly = false;
    model.once("close", (error?: Error) => {
      closedEarly = true;
      this.lost(model, error);
    });
    try {
      await this.s.onUp(model);
      if (closedEarly) throw new Error("connection closed while restoring topology and consumers");
    } catch (error) {
      await model.close().catch(() => undefined);
      throw error;
    }
    this.model = model;
    for (const w of this.waiters.splice(0)) w.resolve(model);
    this.s.logger.info("connected to RabbitMQ");
  }

  private lost(model: ChannelModel, error?: Error): void {
    if (this.model !== model) return;
    this.model = null;
    if (this.closing) return;
    this.s.logger.warn({ err: error }, "RabbitMQ connection lost; reconnecting");
    this.emit("down", error);
    this.scheduleReconnect(1);
  }

  private scheduleReconnect(attempt: number): void {
    const delay = this.delay(attempt);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = null;
      if (this.closing) return;
      this.open().catch((error: unknown) => {
        this.s.logger.warn(
          { err: error, attempt, nextDelayMs: this.delay(attempt + 1) },
          "RabbitMQ reconnect failed",
        );
        this.scheduleReconnect(attempt + 1);
      });
    }, delay);
  }

  private delay(attempt: number): number {
    const base = Math.min(this.s.maxBackoffMs / 1.2, this.s.initialBackoffMs * 2 ** (attempt - 1));
    return Math.round(base * (0.8 + Math.random() * 0.4));
  }

  /** The live connection, waiting for a reconnection up to `timeoutMs`. */
  async waitUp(timeoutMs: number): Promise<ChannelModel> {
    if (this.closing) throw new BusError("BUS_CLOSED", "the AMQP bus is closed");
    if (this.model) return this.model;
    return new Promise<ChannelModel>((resolve, reject) => {
      const waiter = {
        resolve: (m: ChannelModel) => {
          clearTimeout(timer);
          resolve(m);
        },
        reject,
      };
      const timer = setTimeout(() => {
        this.waiters = this.waiters.filter((w) => w !== waiter);
        reject(new BusError("BUS_UNAVAILABLE", `RabbitMQ unreachable for ${timeoutMs} ms (reconnecting)`));
      }, timeoutMs);
      this.waiters.push(waiter);
    });
  }

  async close(): Promise<void> {
    this.closing = true;
    if (this.reconnectTimer) clearTimeout(this.reconnectTimer);
    for (const w of this.waiters.splice(0)) w.reject(new BusError("BUS_CLOSED", "the AMQP bus is closed"));
    const model = this.model;
    this.model = null;
    if (model) {
      const closed = await withTimeout(
        model.close().then(
          () => true,
          () => true,
        ),
        2000,
        false,
      );
      // A half-dead socket never answers connection.close: drop it.
      if (!closed) (model.connection as { stream?: { destroy(): void } }).stream?.destroy();
    }
  }
}

/** Heartbeats detect a dead broker or network within ~2 intervals (AMQP 0-9-1 §4.2.7). */
function withHeartbeat(url: string): string {
  const parsed = new URL(url);
  if (!parsed.searchParams.has("heartbeat")) parsed.searchParams.set("heartbeat", "10");
  return parsed.toString();
}

export function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = "***";
    return parsed.toString();
  } catch {
    return "(invalid URL)";
  }
}

/** Resolves with the promise's value, or `fallback` after `ms`. */
export function withTimeout<T>(promise: Promise<T>, ms: number, fallback: T): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<T>((resolve) => (timer = setTimeout(() => resolve(fallback), ms)));
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}
