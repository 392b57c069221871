import { randomUUID } from "node:crypto";
import type { OutgoingMessage, QueueSpec } from "./message-bus.js";

/**
 * Input checks shared by both bus adapters, so that a name or message refused by one adapter
 * is refused by the other with the same words (the contract suite relies on it).
 */

/** Stable error codes of the bus adapters. */
export type BusErrorCode =
  | "BUS_INVALID_NAME"
  | "BUS_INVALID_MESSAGE"
  | "BUS_UNKNOWN_EXCHANGE"
  | "BUS_UNKNOWN_QUEUE"
  | "BUS_QUEUE_MISMATCH"
  | "BUS_UNAVAILABLE"
  | "BUS_CLOSED"
  | "BUS_NOT_CONFIRMED";

export class BusError extends Error {
  constructor(
    readonly code: BusErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "BusError";
  }
}

/** AMQP short strings are at most 255 bytes (AMQP 0-9-1 §4.2.5.3); both adapters share the limit. */
const MAX_NAME_BYTES = 255;
const NAME_PATTERN = /^[A-Za-z0-9_.:-]+$/;
/** Headers starting with this prefix carry the adapters' own bookkeeping. */
export const RESERVED_HEADER_PREFIX = "x-ivf-";
/** Largest JSON body accepted (bytes); larger payloads belong in the store, not on the bus. */
export const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_HEADERS = 64;

export function checkName(kind: "exchange" | "queue", name: unknown): string {
  if (typeof name !== "string" || name.length === 0) {
    throw new BusError("BUS_INVALID_NAME", `${kind} name must be a non-empty string`);
  }
  if (Buffer.byteLength(name) > MAX_NAME_BYTES || !NAME_PATTERN.test(name)) {
    throw new BusError(
      "BUS_INVALID_NAME",
      `${kind} name "${name.slice(0, 80)}" is invalid: use at most ${MAX_NAME_BYTES} characters from A-Z a-z 0-9 _ . : -`,
    );
  }
  return name;
}

/** Routing keys and binding patterns: dot-separated words; patterns may use `*` and `#` words. */
export function checkRoutingKey(key: unknown, pattern: boolean): string {
  const what = pattern ? "binding pattern" : "routing key";
  if (typeof key !== "string" || Buffer.byteLength(key) > MAX_NAME_BYTES) {
    throw new BusError("BUS_INVALID_NAME", `${what} must be a string of at most ${MAX_NAME_BYTES} bytes`);
  }
  const wildcard = /[*#]/;
  for (const word of key.split(".")) {
    if (pattern && (word === "*" || word === "#")) continue;
    if (wildcard.test(word)) {
      throw new BusError(
        "BUS_INVALID_NAME",
        pattern
          ? `binding pattern "${key}": "*" and "#" must be whole dot-separated words`
          : `routing key "${key}" must not contain "*" or "#" (they are binding wildcards)`,
      );
    }
  }
  return key;
}

export function checkQueueSpec(
  spec: QueueSpec,
): Required<Omit<QueueSpec, "bindings">> & { bindings: string[] } {
  if (spec === null || typeof spec !== "object") {
    throw new BusError("BUS_INVALID_NAME", "queue spec must be an object");
  }
  checkName("queue", spec.name);
  if (!isDeadLetterQueue(spec.name) && Buffer.byteLength(spec.name) > MAX_NAME_BYTES - 4) {
    throw new BusError(
      "BUS_INVALID_NAME",
      `queue "${spec.name.slice(0, 80)}" is too long: its "<queue>.dlq" must fit in 255 bytes`,
    );
  }
  checkName("exchange", spec.exchange);
  if (!Array.isArray(spec.bindings)) {
    throw new BusError("BUS_INVALID_NAME", `queue "${spec.name}": bindings must be an array of patterns`);
  }
  spec.bindings.forEach((p) => checkRoutingKey(p, true));
  const maxDeliveries = spec.maxDeliveries ?? 5;
  if (!Number.isInteger(maxDeliveries) || maxDeliveries < 1 || maxDeliveries > 1000) {
    throw new BusError(
      "BUS_INVALID_NAME",
      `queue "${spec.name}": maxDeliveries must be an integer from 1 to 1000`,
    );
  }
  return {
    name: spec.name,
    exchange: spec.exchange,
    bindings: [...new Set(spec.bindings)],
    maxDeliveries,
    autoDelete: spec.autoDelete === true,
    singleActiveConsumer: spec.singleActiveConsumer === true,
  };
}

export function checkPrefetch(prefetch: number | undefined): number {
  const value = prefetch ?? 100;
  if (!Number.isInteger(value) || value < 1 || value > 65_535) {
    throw new BusError(
      "BUS_INVALID_NAME",
      `prefetch must be an integer from 1 to 65535 (got ${String(prefetch)})`,
    );
  }
  return value;
}

export interface EncodedMessage {
  messageId: string;
  routingKey: string;
  body: string;
  headers: Record<string, string>;
}

/** Validates and serialises one outgoing message (the JSON text is what both adapters store). */
export function encodeMessage(message: OutgoingMessage, index?: number): EncodedMessage {
  const where = index === undefined ? "message" : `message #${index}`;
  if (message === null || typeof message !== "object") {
    throw new BusError("BUS_INVALID_MESSAGE", `${where} must be an object with routingKey and body`);
  }
  const routingKey = checkRoutingKey(message.routingKey, false);
  const messageId = message.messageId ?? randomUUID();
  if (
    typeof messageId !== "string" ||
    messageId.length === 0 ||
    Buffer.byteLength(messageId) > MAX_NAME_BYTES
  ) {
    throw new BusError(
      "BUS_INVALID_MESSAGE",
      `${where}: messageId must be a non-empty string of at most 255 bytes`,
    );
  }
  const headers = checkHeaders(message.headers ?? {}, where);
  let body: string | undefined;
  try {
    body = JSON.stringify(message.body);
  } catch (error) {
    throw new BusError("BUS_INVALID_MESSAGE", `${where}: body is not serialisable as JSON`, { cause: error });
  }
  if (body === undefined) {
    throw new BusError(
      "BUS_INVALID_MESSAGE",
      `${where}: body must be a JSON value (got undefined or a function)`,
    );
  }
  if (Buffer.byteLength(body) > MAX_BODY_BYTES) {
    throw new BusError("BUS_INVALID_MESSAGE", `${where}: body exceeds ${MAX_BODY_BYTES} bytes of JSON`);
  }
  return { messageId, routingKey, body, headers };
}

function checkHeaders(headers: unknown, where: string): Record<string, string> {
  if (headers === null || typeof headers !== "object" || Array.isArray(headers)) {
    throw new BusError("BUS_INVALID_MESSAGE", `${where}: headers must be an object of string values`);
  }
  const entries = Object.entries(headers as Record<string, unknown>);
  if (entries.length > MAX_HEADERS) {
    throw new BusError("BUS_INVALID_MESSAGE", `${where}: at most ${MAX_HEADERS} headers are allowed`);
  }
  for (const [name, value] of entries) {
    if (typeof value !== "string") {
      throw new BusError("BUS_INVALID_MESSAGE", `${where}: header "${name}" must be a string`);
    }
    if (name.toLowerCase().startsWith(RESERVED_HEADER_PREFIX)) {
      throw new BusError(
        "BUS_INVALID_MESSAGE",
        `${where}: header "${name}" uses the reserved prefix "${RESERVED_HEADER_PREFIX}"`,
      );
    }
    if (Buffer.byteLength(name) > MAX_NAME_BYTES || Buffer.byteLength(value) > 8192) {
      throw new BusError(
        "BUS_INVALID_MESSAGE",
        `${where}: header "${name.slice(0, 80)}" is too long (name 255, value 8192 bytes)`,
      );
    }
  }
  return { ...(headers as Record<string, string>) };
}

/** Headers added when a message is dead-lettered, so an operator can see why. */
export function deadLetterHeaders(
  queue: string,
  reason: "poison" | "max-deliveries",
  error: unknown,
): Record<string, string> {
  const text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  return {
    "x-dead-letter-queue": queue,
    "x-dead-letter-reason": reason,
    "x-dead-letter-error": text.slice(0, 1000),
  };
}

export function dlqName(queue: string): string {
  return `${queue}.dlq`;
}

/**
 * A queue named `<queue>.dlq` is a dead-letter queue: it has no DLQ of its own, and a failed
 * delivery from it is put back rather than dead-lettered again (operators drain it by hand).
 */
export function isDeadLetterQueue(queue: string): boolean {
  return queue.endsWith(".dlq");
}

/** Parses a stored JSON body; a corrupt body is a poison message, never a crash of the consumer. */
export function decodeBody(text: string): unknown {
  return JSON.parse(text);
}
