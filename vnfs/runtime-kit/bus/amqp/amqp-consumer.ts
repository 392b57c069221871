import { randomUUID } from "node:crypto";
import type { ChannelModel, ConfirmChannel, ConsumeMessage, Options } from "amqplib";
import type { Logger } from "../../logging/logger.js";
import { RESERVED_HEADER_PREFIX, deadLetterHeaders, dlqName, isDeadLetterQueue } from "../bus-input.js";
import {
  PoisonMessageError,
  type Consumer,
  type Delivery,
  type Json,
  type MessageHandler,
} from "../message-bus.js";
import { withTimeout } from "./amqp-connection.js";
import {
  ATTEMPTS_HEADER,
  ORIGIN_EXCHANGE_HEADER,
  ORIGIN_ROUTING_KEY_HEADER,
  PUBLISHED_AT_HEADER,
} from "./amqp-publisher.js";

export interface AmqpConsumerSettings {
  queue: string;
  singleActiveConsumer: boolean;
  maxDeliveries: number;
  prefetch: number;
  tag: string;
  logger: Logger;
  /** Asks the bus to attach this consumer again once a channel can be opened. */
  reattach(consumer: AmqpConsumer): void;
  onStopped(consumer: AmqpConsumer): void;
}

/** A delivery received on one channel and not yet settled there. */
interface Held {
  ch: ConfirmChannel;
  msg: ConsumeMessage;
}

/**
 * A consumer on its own confirm channel. Delivery counts are kept in a header, because classic
 * queues do not count deliveries (docs/design/bus.md "Delivery count on RabbitMQ"):
 * a failed message is published again with the count raised and the original acknowledged,
 * both on this channel, the ack only after the broker confirmed the copy.
 */
export class AmqpConsumer implements Consumer {
  inFlight = 0;
  stopped = false;
  private channel: ConfirmChannel | null = null;
  private consumerTag: string | null = null;
  private attaching: Promise<void> | null = null;
  private readonly unsettled = new Set<Held>();
  private readonly settled = new Set<() => void>();

  constructor(
    private readonly s: AmqpConsumerSettings,
    private readonly handler: MessageHandler<Json>,
  ) {}

  get queue(): string {
    return this.s.queue;
  }

  /** Deliveries this consumer holds unacknowledged (for queueStats). */
  get unacked(): number {
    return this.unsettled.size;
  }

  /** Opens a channel and starts consuming; does nothing when already attached or stopped. */
  attach(model: ChannelModel): Promise<void> {
    if (this.channel || this.stopped) return Promise.resolve();
    this.attaching ??= this.open(model).finally(() => (this.attaching = null));
    return this.attaching;
  }

  private async open(model: ChannelModel): Promise<void> {
    const ch = await model.createConfirmChannel();
    ch.on("error", (error: Error) =>
      this.s.logger.warn({ err: error, queue: this.s.queue }, "consumer channel error"),
    );
    ch.once("close", () => this.channelClosed(ch));
    await ch.prefetch(this.s.prefetch);
    if (this.stopped) {
      await ch.close().catch(() => undefined);
      return;
    }
    // Current before consuming: the first deliveries can arrive before consume() resolves.
    this.channel = ch;
    const ok = await ch.consume(this.s.queue, (msg) => this.onMessage(ch, msg), {
      noAck: false,
      consumerTag: `${this.s.tag}:${randomUUID().slice(0, 8)}`,
    });
    this.consumerTag = ok.consumerTag;
  }

  private channelClosed(ch: ConfirmChannel): void {
    // The broker requeues everything unacknowledged on a closed channel.
    for (const held of this.unsettled) if (held.ch === ch) this.unsettled.delete(held);
    if (this.channel !== ch) return;
    this.channel = null;
    this.consumerTag = null;
    if (!this.stopped) this.s.reattach(this);
  }

  private onMessage(ch: ConfirmChannel, msg: ConsumeMessage | null): void {
    if (msg === null) {
      this.s.logger.warn(
        { queue: this.s.queue },
        "RabbitMQ cancelled the consumer (queue deleted?); re-attaching",
      );
      if (this.channel === ch) void ch.close().catch(() => undefined);
      return;
    }
    const held = { ch, msg };
    this.unsettled.add(held);
    if (!this.stopped) void this.process(held);
  }

  private async process(held: Held): Promise<void> {
    const { msg } = held;
    const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
    const attempts = nonNegativeInt(headers[ATTEMPTS_HEADER]);
    const inPlace = this.s.singleActiveConsumer || isDeadLetterQueue(this.s.queue);
    if (msg.fields.redelivered && !inPlace) {
      // The previous holder died without settling: record that failed delivery in the header
      // (a copy at the tail), so that a message that keeps killing consumers is dead-lettered.
      if (attempts + 1 >= this.s.maxDeliveries) {
        await this.deadLetter(held, "max-deliveries", new Error("consumer lost before acknowledging"));
      } else {
        await this.republish(held, this.s.queue, attempts + 1, {});
      }
      return;
    }
    const deliveryCount = attempts + 1 + (msg.fields.redelivered ? 1 : 0);
    let delivery: Delivery<Json>;
    try {
      delivery = toDelivery(msg, headers, deliveryCount);
    } catch (error) {
      await this.deadLetter(
        held,
        "poison",
        new PoisonMessageError(`message body is not JSON: ${String(error)}`),
      );
      return;
    }
    this.inFlight++;
    try {
      await this.handler(delivery);
      this.ack(held);
    } catch (error) {
      await this.fail(held, deliveryCount, error);
    } finally {
      this.inFlight--;
      for (const notify of this.settled) notify();
    }
  }

  private async fail(held: Held, deliveryCount: number, error: unknown): Promise<void> {
    const log = {
      queue: this.s.queue,
      messageId: held.msg.properties.messageId as unknown,
      deliveryCount,
      err: error,
    };
    if (isDeadLetterQueue(this.s.queue)) {
      this.settle(held, () => held.ch.nack(held.msg, false, true));
    } else if (error instanceof PoisonMessageError || deliveryCount >= this.s.maxDeliveries) {
      const reason = error instanceof PoisonMessageError ? "poison" : "max-deliveries";
      this.s.logger.warn({ ...log, reason }, "message dead-lettered");
      await this.deadLetter(held, reason, error);
    } else {
      this.s.logger.info(log, "handler failed; message queued again for redelivery");
      await this.republish(held, this.s.queue, deliveryCount, {});
    }
  }

  private deadLetter(held: Held, reason: "poison" | "max-deliveries", error: unknown): Promise<void> {
    const attempts = nonNegativeInt((held.msg.properties.headers ?? {})[ATTEMPTS_HEADER]);
    return this.republish(
      held,
      dlqName(this.s.queue),
      attempts,
      deadLetterHeaders(this.s.queue, reason, error),
    );
  }

  /** Publishes a copy (confirmed) to `queue`, then acknowledges the original on the same channel. */
  private async republish(
    held: Held,
    queue: string,
    attempts: number,
    extra: Record<string, string>,
  ): Promise<void> {
    if (!this.isCurrent(held)) return;
    const p = held.msg.properties;
    const headers = { ...userHeaders((p.headers ?? {}) as Record<string, unknown>), ...extra };
    const options: Options.Publish = {
      persistent: true,
      messageId: p.messageId as string | undefined,
      contentType: "application/json",
      timestamp: p.timestamp as number | undefined,
      headers: {
        ...headers,
        [PUBLISHED_AT_HEADER]: publishedAtOf(held.msg),
        [ATTEMPTS_HEADER]: attempts,
        ...originOf(held.msg),
      },
    };
    const content = isJson(held.msg.content)
      ? held.msg.content
      : Buffer.from(JSON.stringify(held.msg.content.toString()));
    const confirmed = await new Promise<boolean>((resolve) => {
      try {
        held.ch.sendToQueue(queue, content, options, (error: unknown) => resolve(!error));
      } catch {
        resolve(false);
      }
    });
    // Unconfirmed: leave the original unacknowledged; the broker redelivers it.
    if (confirmed) this.ack(held);
  }

  private isCurrent(held: Held): boolean {
    return this.unsettled.has(held) && held.ch === this.channel;
  }

  private ack(held: Held): void {
    this.settle(held, () => held.ch.ack(held.msg));
  }

  /** Settles on the channel that delivered, and only once: a stale tag would close the channel. */
  private settle(held: Held, action: () => void): void {
    if (!this.isCurrent(held)) return;
    this.unsettled.delete(held);
    try {
      action();
    } catch (error) {
      this.s.logger.warn(
        { err: error, queue: this.s.queue },
        "could not settle a delivery; it will be redelivered",
      );
    }
  }

  async stop(timeoutMs = 10_000): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.attaching?.catch(() => undefined);
    const ch = this.channel;
    if (ch && this.consumerTag)
      await withTimeout(
        ch.cancel(this.consumerTag).catch(() => undefined),
        2000,
        undefined,
      );
    await this.drain(timeoutMs);
    this.channel = null;
    if (ch) {
      // Hand back what is still unsettled, then close (RabbitMQ requeues at the head).
      for (const held of this.unsettled) if (held.ch === ch) ch.nack(held.msg, false, true);
      await withTimeout(
        ch.close().catch(() => undefined),
        2000,
        undefined,
      );
    }
    this.unsettled.clear();
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

function toDelivery(
  msg: ConsumeMessage,
  headers: Record<string, unknown>,
  deliveryCount: number,
): Delivery<Json> {
  return {
    messageId:
      (msg.properties.messageId as string | undefined) ?? `${msg.fields.exchange}:${msg.fields.deliveryTag}`,
    ...originalRoute(msg),
    body: JSON.parse(msg.content.toString("utf8")) as Json,
    headers: userHeaders(headers),
    publishedAt: publishedAtOf(msg),
    redelivered: deliveryCount > 1,
    deliveryCount,
  };
}

/** Exchange and routing key the publisher used, surviving re-queued copies. */
function originalRoute(msg: ConsumeMessage): { exchange: string; routingKey: string } {
  const headers = (msg.properties.headers ?? {}) as Record<string, unknown>;
  const exchange = headers[ORIGIN_EXCHANGE_HEADER];
  const routingKey = headers[ORIGIN_ROUTING_KEY_HEADER];
  return typeof exchange === "string" && typeof routingKey === "string"
    ? { exchange, routingKey }
    : { exchange: msg.fields.exchange, routingKey: msg.fields.routingKey };
}

function originOf(msg: ConsumeMessage): Record<string, string> {
  const { exchange, routingKey } = originalRoute(msg);
  return { [ORIGIN_EXCHANGE_HEADER]: exchange, [ORIGIN_ROUTING_KEY_HEADER]: routingKey };
}

/** String headers other than the adapter's own bookkeeping (broker headers such as x-death are tables). */
function userHeaders(headers: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (typeof value === "string" && !name.startsWith(RESERVED_HEADER_PREFIX)) out[name] = value;
  }
  return out;
}

function publishedAtOf(msg: ConsumeMessage): number {
  const header = (msg.properties.headers ?? {})[PUBLISHED_AT_HEADER];
  if (typeof header === "number" && Number.isFinite(header)) return header;
  const seconds = msg.properties.timestamp as unknown;
  return typeof seconds === "number" ? seconds * 1000 : Date.now();
}

function nonNegativeInt(value: unknown): number {
  const n = typeof value === "number" ? value : Number(value);
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function isJson(content: Buffer): boolean {
  try {
    JSON.parse(content.toString("utf8"));
    return true;
  } catch {
    return false;
  }
}
