import type { Channel, ChannelModel } from "amqplib";
import { BusError, dlqName, isDeadLetterQueue } from "../bus-input.js";

export interface QueueDeclaration {
  name: string;
  exchange: string;
  bindings: string[];
  autoDelete: boolean;
  singleActiveConsumer: boolean;
}

/** A dead-letter queue of a private (autoDelete) queue expires after an hour unused. */
const PRIVATE_DLQ_EXPIRES_MS = 3_600_000;

/**
 * The topology this process declared, kept so that it can be declared again after a
 * reconnection (a broker restart may have lost non-durable parts; autoDelete queues are
 * gone once their consumers' connection closed).
 */
export class AmqpTopology {
  readonly exchanges = new Set<string>();
  readonly queues = new Map<string, QueueDeclaration>();

  async declareExchange(ch: Channel, name: string): Promise<void> {
    await ch.assertExchange(name, "topic", { durable: true, autoDelete: false });
    this.exchanges.add(name);
  }

  async declareQueue(model: ChannelModel, q: QueueDeclaration): Promise<void> {
    await withChannel(model, async (ch) => {
      if (isDeadLetterQueue(q.name)) {
        await declareDeadLetterQueue(model, q.name, false);
      } else {
        await declareDeadLetterQueue(model, dlqName(q.name), q.autoDelete);
        await ch.assertQueue(q.name, {
          durable: true,
          autoDelete: q.autoDelete,
          arguments: {
            // A safety net: anything the broker itself rejects lands in the DLQ, not nowhere.
            "x-dead-letter-exchange": "",
            "x-dead-letter-routing-key": dlqName(q.name),
            ...(q.singleActiveConsumer ? { "x-single-active-consumer": true } : {}),
          },
        });
      }
      for (const pattern of q.bindings) await ch.bindQueue(q.name, q.exchange, pattern);
    });
    this.queues.set(q.name, q);
  }

  /**
   * Declares everything again on a fresh connection. A declaration RabbitMQ refuses (another
   * client redeclared the queue differently) is reported and skipped, so one bad queue does not
   * keep the whole bus down; a lost connection still fails the whole restore.
   */
  async redeclare(model: ChannelModel, onRefused: (name: string, error: unknown) => void): Promise<void> {
    for (const name of this.exchanges) {
      await withChannel(model, (ch) => this.declareExchange(ch, name)).catch((error: unknown) => {
        if (!(error instanceof BusError)) throw error;
        onRefused(name, error);
      });
    }
    for (const q of this.queues.values()) {
      await this.declareQueue(model, q).catch((error: unknown) => {
        if (!(error instanceof BusError)) throw error;
        onRefused(q.name, error);
      });
    }
  }
}

/**
 * A DLQ may already exist with the arguments its queue gave it; an operator's consumer of the
 * DLQ looks it up passively rather than redeclaring it with other arguments (which RabbitMQ
 * refuses with PRECONDITION_FAILED).
 */
async function declareDeadLetterQueue(
  model: ChannelModel,
  name: string,
  ofPrivateQueue: boolean,
): Promise<void> {
  const exists = await withChannel(model, (ch) => ch.checkQueue(name)).then(
    () => true,
    () => false,
  );
  if (exists) return;
  await withChannel(model, (ch) =>
    ch.assertQueue(name, { durable: true, ...(ofPrivateQueue ? { expires: PRIVATE_DLQ_EXPIRES_MS } : {}) }),
  );
}

/**
 * Runs `work` on a short-lived channel: a refused declaration closes its channel (AMQP
 * 0-9-1 channel exceptions), and must not take a publishing or consuming channel with it.
 */
export async function withChannel<T>(model: ChannelModel, work: (ch: Channel) => Promise<T>): Promise<T> {
  const ch = await model.createChannel();
  let channelError: Error | undefined;
  ch.on("error", (error: Error) => (channelError = error));
  try {
    return await work(ch);
  } catch (error) {
    throw translate(channelError ?? error);
  } finally {
    await ch.close().catch(() => undefined);
  }
}

/** Maps AMQP reply codes to the bus's error codes with a message that says what to do. */
export function translate(error: unknown): unknown {
  const code = (error as { code?: unknown } | null)?.code;
  const text = error instanceof Error ? error.message : String(error);
  if (code === 404) {
    const what = /exchange '([^']*)'/.exec(text) ?? /queue '([^']*)'/.exec(text);
    const kind = /exchange/.test(text) ? "exchange" : "queue";
    return new BusError(
      kind === "exchange" ? "BUS_UNKNOWN_EXCHANGE" : "BUS_UNKNOWN_QUEUE",
      `${kind} "${what?.[1] ?? "?"}" is not declared (RabbitMQ: ${text})`,
      { cause: error },
    );
  }
  if (code === 406) {
    return new BusError("BUS_QUEUE_MISMATCH", `declaration refused by RabbitMQ: ${text}`, { cause: error });
  }
  return error;
}
