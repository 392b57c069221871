import type { ChannelModel, ConfirmChannel, Options } from "amqplib";
import type { Logger } from "../../logging/logger.js";
import { BusError, type EncodedMessage } from "../bus-input.js";
import { withTimeout, type AmqpConnection } from "./amqp-connection.js";
import { translate, withChannel } from "./amqp-topology.js";

/** Headers the AMQP adapter uses for its own bookkeeping (never shown to handlers). */
export const PUBLISHED_AT_HEADER = "x-ivf-published-at";
export const ATTEMPTS_HEADER = "x-ivf-attempts";
/**
 * Where a message was first published. A retry or a hand-back re-queues a copy through the
 * default exchange, which would replace exchange and routing key; the copy carries the originals
 * here so that every delivery shows what the publisher sent (the port's promise).
 */
export const ORIGIN_EXCHANGE_HEADER = "x-ivf-exchange";
export const ORIGIN_ROUTING_KEY_HEADER = "x-ivf-routing-key";

export function publishProperties(m: EncodedMessage, publishedAt: number, attempts = 0): Options.Publish {
  return {
    persistent: true,
    messageId: m.messageId,
    contentType: "application/json",
    timestamp: Math.floor(publishedAt / 1000),
    headers: { ...m.headers, [PUBLISHED_AT_HEADER]: publishedAt, [ATTEMPTS_HEADER]: attempts },
  };
}

/**
 * Publishes on one confirm channel. A batch resolves only when the broker has confirmed every
 * message (publisher confirms); a message that is not confirmed because the connection dropped
 * is published again once it is back, until `timeoutMs` — at-least-once, so a retried message
 * may arrive twice and consumers deduplicate on the message id.
 */
export class AmqpPublisher {
  private channel: ConfirmChannel | null = null;
  private opening: Promise<ConfirmChannel> | null = null;
  private readonly knownExchanges = new Set<string>();

  constructor(
    private readonly connection: AmqpConnection,
    private readonly logger: Logger,
    private readonly timeoutMs: number,
  ) {}

  /** Forgets the channel of a lost connection. */
  reset(): void {
    this.channel = null;
    this.opening = null;
  }

  markKnown(exchange: string): void {
    this.knownExchanges.add(exchange);
  }

  async publish(exchange: string, messages: EncodedMessage[]): Promise<void> {
    const deadline = Date.now() + this.timeoutMs;
    const publishedAt = Date.now();
    let pending = messages;
    for (let attempt = 1; ; attempt++) {
      let failed: EncodedMessage[];
      let cause: unknown;
      try {
        failed = await this.attempt(exchange, pending, publishedAt, deadline);
      } catch (error) {
        // A refused publish (unknown exchange, bad input) is final; a lost connection is retried.
        if (error instanceof BusError && error.code !== "BUS_UNAVAILABLE") throw error;
        failed = pending;
        cause = error;
      }
      if (failed.length === 0) return;
      if (Date.now() >= deadline) {
        throw new BusError(
          "BUS_NOT_CONFIRMED",
          `${failed.length} of ${messages.length} messages to exchange "${exchange}" were not confirmed by RabbitMQ ` +
            `within ${this.timeoutMs} ms; publish them again (consumers deduplicate on messageId)`,
          { cause },
        );
      }
      this.logger.warn(
        { exchange, unconfirmed: failed.length, attempt, err: cause },
        "publish not confirmed; retrying",
      );
      pending = failed;
      await new Promise((resolve) =>
        setTimeout(resolve, Math.min(50 * attempt, 500, Math.max(0, deadline - Date.now()))),
      );
    }
  }

  /** One pass over the connection as it is now; returns the messages left unconfirmed. */
  private async attempt(
    exchange: string,
    messages: EncodedMessage[],
    publishedAt: number,
    deadline: number,
  ): Promise<EncodedMessage[]> {
    const model = await this.connection.waitUp(Math.max(1, deadline - Date.now()));
    const checked = this.checkExchange(model, exchange).then(() => true);
    if (!(await withTimeout(checked, Math.max(1, deadline - Date.now()), false))) {
      throw new BusError("BUS_UNAVAILABLE", `RabbitMQ did not answer within ${this.timeoutMs} ms`);
    }
    return this.publishOnce(model, exchange, messages, publishedAt, deadline);
  }

  /** Refuses an undeclared exchange up front: publishing to it would close the channel (404). */
  private async checkExchange(model: ChannelModel, exchange: string): Promise<void> {
    if (this.knownExchanges.has(exchange)) return;
    await withChannel(model, (ch) => ch.checkExchange(exchange));
    this.knownExchanges.add(exchange);
  }

  /** Returns the messages that were not confirmed. */
  private async publishOnce(
    model: ChannelModel,
    exchange: string,
    messages: EncodedMessage[],
    publishedAt: number,
    deadline: number,
  ): Promise<EncodedMessage[]> {
    const ch = await withTimeout(this.channelOf(model), Math.max(1, deadline - Date.now()), null);
    if (!ch) {
      throw new BusError("BUS_UNAVAILABLE", `RabbitMQ did not open a channel within ${this.timeoutMs} ms`);
    }
    const failed: EncodedMessage[] = [];
    const confirms: Promise<void>[] = [];
    let closed = false;
    for (const m of messages) {
      if (closed) {
        failed.push(m);
        continue;
      }
      let writable = true;
      confirms.push(
        new Promise<void>((resolve) => {
          const settle = (error: unknown): void => {
            if (error) failed.push(m);
            resolve();
          };
          try {
            writable = ch.publish(
              exchange,
              m.routingKey,
              Buffer.from(m.body),
              publishProperties(m, publishedAt),
              settle,
            );
          } catch (error) {
            closed = true; // the channel is gone: the rest waits for the next one
            settle(error);
          }
        }),
      );
      // Backpressure: when the socket buffer is full, wait for 'drain' before writing more.
      if (!writable) closed = !(await withTimeout(waitDrain(ch), Math.max(1, deadline - Date.now()), false));
    }
    // A silently dead connection confirms nothing until heartbeats notice: bound the wait.
    const allSettled = await withTimeout(
      Promise.all(confirms).then(() => true),
      Math.max(1, deadline - Date.now()),
      false,
    );
    if (!allSettled) {
      this.dropChannel(ch);
      throw new BusError(
        "BUS_NOT_CONFIRMED",
        `RabbitMQ did not confirm ${messages.length} messages to exchange "${exchange}" within ${this.timeoutMs} ms; ` +
          "publish them again (consumers deduplicate on messageId)",
      );
    }
    if (failed.length > 0) this.dropChannel(ch);
    const order = new Map(messages.map((m, i) => [m, i]));
    return failed.sort((a, b) => order.get(a)! - order.get(b)!);
  }

  private dropChannel(ch: ConfirmChannel): void {
    if (this.channel === ch) this.reset();
  }

  private async channelOf(model: ChannelModel): Promise<ConfirmChannel> {
    if (this.channel) return this.channel;
    this.opening ??= (async () => {
      const ch = await model.createConfirmChannel();
      ch.on("error", (error: Error) => {
        // 404: an exchange vanished; check them all again before the next publish.
        if ((error as { code?: unknown }).code === 404) this.knownExchanges.clear();
        this.logger.warn({ err: translate(error) }, "publishing channel closed by RabbitMQ");
      });
      ch.once("close", () => this.dropChannel(ch));
      this.channel = ch;
      this.opening = null;
      return ch;
    })();
    return this.opening;
  }

  async close(): Promise<void> {
    const ch = this.channel;
    this.reset();
    if (ch) {
      await withTimeout(
        ch.waitForConfirms().catch(() => undefined),
        2000,
        undefined,
      );
      await withTimeout(
        ch.close().catch(() => undefined),
        2000,
        undefined,
      );
    }
  }
}

/** Resolves true on 'drain', false when the channel closes first. */
function waitDrain(ch: ConfirmChannel): Promise<boolean> {
  return new Promise((resolve) => {
    const done = (drained: boolean) => (): void => {
      ch.off("drain", onDrain);
      ch.off("close", onClose);
      resolve(drained);
    };
    const onDrain = done(true);
    const onClose = done(false);
    ch.on("drain", onDrain);
    ch.on("close", onClose);
  });
}
