import { createHash } from "node:crypto";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Json } from "../bus/message-bus.js";
import { ATTRIBUTE_PATTERN, IDENTIFIER_PATTERN, type MeasurementValue } from "./request-primitive.js";

/**
 * The `stored` event (TR 103 527 Figure 11 step 6): published by the request processor on the
 * events exchange as `stored.<tenant>.<deviceId>` once measurements are durably stored. The
 * subscription notifier and the fault detector consume it, so they only ever see validated,
 * persisted data.
 */
export const EVENTS_EXCHANGE = "iot.events";

export interface StoredMeasurement {
  /** The measurement's storage id (measurementId). */
  id: string;
  attribute: string;
  value: MeasurementValue;
  timestamp: string;
}

export interface StoredEvent {
  tenant: string;
  deviceId: string;
  receivedAt: string;
  storedAt: string;
  measurements: StoredMeasurement[];
}

const schema = {
  type: "object",
  required: ["tenant", "deviceId", "receivedAt", "storedAt", "measurements"],
  properties: {
    tenant: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    deviceId: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    receivedAt: { type: "string", format: "date-time" },
    storedAt: { type: "string", format: "date-time" },
    measurements: {
      type: "array",
      minItems: 1,
      items: {
        type: "object",
        required: ["id", "attribute", "value", "timestamp"],
        properties: {
          id: { type: "string", maxLength: 128 },
          attribute: { type: "string", pattern: ATTRIBUTE_PATTERN.source },
          value: { type: ["number", "string", "boolean", "null"] },
          timestamp: { type: "string", format: "date-time" },
        },
      },
    },
  },
} as const;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, allowUnionTypes: true });
addFormats(ajv);
const validate = ajv.compile(schema);

export class InvalidStoredEventError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid stored event: ${problems.join("; ")}`);
    this.name = "InvalidStoredEventError";
  }
}

export function parseStoredEvent(body: unknown): StoredEvent {
  if (!validate(body)) {
    throw new InvalidStoredEventError(
      (validate.errors ?? []).map(
        (error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`,
      ),
    );
  }
  return body as unknown as StoredEvent;
}

/**
 * Stored envelopes (docs/design/telemetry-path.md "Envelopes"): the stored events of one storage
 * batch and one tenant in one message, `stored.<tenant>.@envelope`, in storage order. Each event
 * keeps the id it would have had as a single message, so consumers stay idempotent per event.
 * A group of one goes out as the single event `stored.<tenant>.<deviceId>`.
 */
export const STORED_ENVELOPE_WORD = "@envelope";
export const MAX_STORED_ENVELOPE_EVENTS = 250;

export interface IdentifiedStoredEvent {
  eventId: string;
  event: StoredEvent;
}

export function storedEventRoutingKey(tenant: string, deviceId: string): string {
  return `stored.${tenant}.${deviceId}`;
}

/** The messages announcing `events` (in order): one envelope per tenant, or the single event. */
export function storedEventMessages(
  events: IdentifiedStoredEvent[],
): { routingKey: string; messageId: string; body: Json }[] {
  const groups: IdentifiedStoredEvent[][] = [];
  const open = new Map<string, IdentifiedStoredEvent[]>();
  for (const entry of events) {
    let group = open.get(entry.event.tenant);
    if (!group || group.length >= MAX_STORED_ENVELOPE_EVENTS) {
      group = [];
      open.set(entry.event.tenant, group);
      groups.push(group);
    }
    group.push(entry);
  }
  return groups.map((group) => {
    const first = group[0]!;
    if (group.length === 1) {
      return {
        routingKey: storedEventRoutingKey(first.event.tenant, first.event.deviceId),
        messageId: first.eventId,
        body: first.event as unknown as Json,
      };
    }
    const hash = createHash("sha256");
    for (const { eventId } of group) hash.update(`${eventId}\u0000`);
    return {
      routingKey: `stored.${first.event.tenant}.${STORED_ENVELOPE_WORD}`,
      messageId: `stored-envelope-${hash.digest("base64url")}`,
      body: {
        envelopeVersion: 1,
        tenant: first.event.tenant,
        events: group.map(({ eventId, event }) => ({ eventId, ...event })),
      } as unknown as Json,
    };
  });
}

/**
 * The stored events a delivery carries, single or enveloped, each with its id. An envelope's
 * events must all belong to the tenant of its key; anything malformed throws
 * InvalidStoredEventError listing every problem (the consumer dead-letters the message whole).
 */
export function storedEventsOf(delivery: {
  routingKey: string;
  messageId: string;
  body: unknown;
}): IdentifiedStoredEvent[] {
  const words = delivery.routingKey.split(".");
  if (words[2] !== STORED_ENVELOPE_WORD) {
    return [{ eventId: delivery.messageId, event: parseStoredEvent(delivery.body) }];
  }
  const envelope = delivery.body as { envelopeVersion?: unknown; tenant?: unknown; events?: unknown } | null;
  const problems: string[] = [];
  if (typeof envelope !== "object" || envelope === null)
    throw new InvalidStoredEventError(["(root) must be an object"]);
  if (envelope.envelopeVersion !== 1) problems.push("/envelopeVersion must be 1");
  if (envelope.tenant !== words[1]) problems.push(`/tenant is not the routing key's "${words[1]}"`);
  const events = envelope.events;
  if (!Array.isArray(events) || events.length === 0 || events.length > MAX_STORED_ENVELOPE_EVENTS) {
    problems.push(`/events must be an array of 1 to ${MAX_STORED_ENVELOPE_EVENTS} stored events`);
  }
  if (problems.length > 0) throw new InvalidStoredEventError(problems);
  return (events as unknown[]).map((item, index) => {
    const { eventId, ...rest } = (item ?? {}) as { eventId?: unknown };
    const eventProblems: string[] = [];
    if (typeof eventId !== "string" || eventId.length === 0 || eventId.length > 256)
      eventProblems.push(`/events/${index}/eventId must be a non-empty string`);
    let event: StoredEvent | undefined;
    try {
      event = parseStoredEvent(rest);
      if (event.tenant !== words[1]) eventProblems.push(`/events/${index}/tenant is not the envelope's`);
    } catch (error) {
      if (!(error instanceof InvalidStoredEventError)) throw error;
      eventProblems.push(
        ...error.problems.map((problem) => `/events/${index}${problem.replace(/^\(root\)/, "")}`),
      );
    }
    if (eventProblems.length > 0) throw new InvalidStoredEventError(eventProblems);
    return { eventId: eventId as string, event: event! };
  });
}
