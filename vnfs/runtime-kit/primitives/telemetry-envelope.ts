import type { Json, OutgoingMessage } from "../bus/message-bus.js";
import { PoisonMessageError } from "../bus/message-bus.js";
import { createHash } from "node:crypto";
import { IDENTIFIER_PATTERN } from "./request-primitive.js";

/**
 * Telemetry envelopes (docs/design/telemetry-path.md "Envelopes"): several request primitives of
 * one tenant and one partition carried by one bus message. A broker's cost is per message, not per
 * byte, so a gateway under load packs what it accepted in one flush, partition by partition, and
 * the telemetry stream needs a fraction of the broker's work. Order inside an envelope is the
 * order of acceptance; one partition's envelopes travel through one queue like single primitives,
 * so per-device order holds.
 *
 * Routing key `telemetry.<tenant>.@envelope.<k>`: the partition queues' binding `telemetry.*.*.<k>`
 * takes it, and `@` cannot appear in a device id, so it is never mistaken for a device's key.
 * Items are checked one by one by the consumer: one bad primitive never spoils the others.
 */

export const ENVELOPE_VERSION = 1;
export const ENVELOPE_WORD = "@envelope";
/** Word of the key under which a consumer hands back an item it refused, to be dead-lettered alone. */
export const REFUSED_WORD = "@refused";
/** Primitives per envelope at most; also bounds the work one delivery holds up. */
export const MAX_ENVELOPE_ITEMS = 100;

export interface TelemetryEnvelope {
  envelopeVersion: typeof ENVELOPE_VERSION;
  tenant: string;
  partition: number;
  /** Request primitives, checked one by one by the consumer. */
  primitives: Json[];
}

/** Where a telemetry routing key points: one device's primitive, an envelope, or a refused item. */
export type TelemetryKey =
  { kind: "primitive" } | { kind: "envelope"; tenant: string; partition: number } | { kind: "refused" };

export function classifyTelemetryKey(routingKey: string): TelemetryKey {
  const words = routingKey.split(".");
  if (words.length === 4 && words[0] === "telemetry" && words[2] === ENVELOPE_WORD) {
    return { kind: "envelope", tenant: words[1]!, partition: Number(words[3]) };
  }
  if (words.length === 4 && words[0] === "telemetry" && words[2] === REFUSED_WORD) return { kind: "refused" };
  return { kind: "primitive" };
}

export function envelopeRoutingKey(tenant: string, partition: number): string {
  return `telemetry.${tenant}.${ENVELOPE_WORD}.${partition}`;
}

export function refusedItemRoutingKey(tenant: string, partition: number): string {
  return `telemetry.${tenant}.${REFUSED_WORD}.${partition}`;
}

/**
 * Packs partitioned telemetry messages (`telemetry.<tenant>.<device>.<k>`) into envelopes, one
 * per tenant and partition, in their original order; a group of one stays a single message, and
 * anything else passes through untouched. The envelope's id is derived from its items' ids, so
 * packing the same messages again gives the same id.
 */
export function packTelemetry(messages: OutgoingMessage[]): OutgoingMessage[] {
  const groups = new Map<string, OutgoingMessage[]>();
  const out: (OutgoingMessage | OutgoingMessage[])[] = [];
  for (const message of messages) {
    const words = message.routingKey.split(".");
    if (words.length !== 4 || words[0] !== "telemetry" || !IDENTIFIER_PATTERN.test(words[2]!)) {
      out.push(message);
      continue;
    }
    const key = `${words[1]}.${words[3]}`;
    let group = groups.get(key);
    if (!group || group.length >= MAX_ENVELOPE_ITEMS) {
      group = [];
      groups.set(key, group);
      out.push(group);
    }
    group.push(message);
  }
  return out.map((entry) => (Array.isArray(entry) ? envelopeOf(entry) : entry));
}

function envelopeOf(group: OutgoingMessage[]): OutgoingMessage {
  if (group.length === 1) return group[0]!;
  const [, tenant, , partition] = group[0]!.routingKey.split(".");
  const hash = createHash("sha256");
  for (const message of group) hash.update(`${message.messageId ?? ""}\u0000`);
  const body: TelemetryEnvelope = {
    envelopeVersion: ENVELOPE_VERSION,
    tenant: tenant!,
    partition: Number(partition),
    primitives: group.map((message) => message.body),
  };
  return {
    routingKey: envelopeRoutingKey(tenant!, Number(partition)),
    messageId: `envelope-${hash.digest("base64url")}`,
    body: body as unknown as Json,
  };
}

/**
 * Structural check of an envelope against the key it arrived with: the tenant and partition of
 * the key must be the body's (a publisher cannot slip an envelope into another tenant's stream).
 * A malformed envelope can never succeed: it is dead-lettered whole.
 */
export function parseTelemetryEnvelope(
  body: unknown,
  key: { tenant: string; partition: number },
): TelemetryEnvelope {
  const problems: string[] = [];
  const envelope = body as Partial<TelemetryEnvelope> | null;
  if (typeof envelope !== "object" || envelope === null || Array.isArray(envelope)) {
    throw new PoisonMessageError("ENVELOPE_INVALID: the body of a telemetry envelope must be an object");
  }
  if (envelope.envelopeVersion !== ENVELOPE_VERSION)
    problems.push(`/envelopeVersion must be ${ENVELOPE_VERSION}`);
  if (envelope.tenant !== key.tenant)
    problems.push(`/tenant ${JSON.stringify(envelope.tenant)} is not the routing key's "${key.tenant}"`);
  if (envelope.partition !== key.partition || !Number.isInteger(key.partition))
    problems.push(
      `/partition ${JSON.stringify(envelope.partition)} is not the routing key's ${key.partition}`,
    );
  if (
    !Array.isArray(envelope.primitives) ||
    envelope.primitives.length === 0 ||
    envelope.primitives.length > MAX_ENVELOPE_ITEMS
  ) {
    problems.push(`/primitives must be an array of 1 to ${MAX_ENVELOPE_ITEMS} request primitives`);
  }
  if (problems.length > 0) throw new PoisonMessageError(`ENVELOPE_INVALID: ${problems.join("; ")}`);
  return envelope as TelemetryEnvelope;
}

/** The primitives a telemetry delivery carries (unchecked): an envelope's items, or the body itself. */
export function primitivesOf(delivery: { routingKey: string; body: Json }): Json[] {
  const key = classifyTelemetryKey(delivery.routingKey);
  if (key.kind !== "envelope") return [delivery.body];
  return parseTelemetryEnvelope(delivery.body, key).primitives;
}
