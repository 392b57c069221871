import { describe, expect, it } from "vitest";
import type { Json, OutgoingMessage } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import type { TelemetryPrimitive } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import {
  InvalidStoredEventError,
  MAX_STORED_ENVELOPE_EVENTS,
  storedEventMessages,
  storedEventsOf,
  type IdentifiedStoredEvent,
} from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import {
  MAX_ENVELOPE_ITEMS,
  classifyTelemetryKey,
  packTelemetry,
  parseTelemetryEnvelope,
  primitivesOf,
} from "../../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { partitionedTelemetryMessage } from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";

const PARTITIONS = 4;

function reading(tenant: string, deviceId: string, value: number): OutgoingMessage {
  const primitive: TelemetryPrimitive = {
    primitiveVersion: 1,
    operation: "create",
    tenant,
    deviceId,
    source: { protocol: "mqtt", endpoint: "t" },
    receivedAt: "2026-01-01T00:00:00.000Z",
    measurements: [{ attribute: "power", value, timestamp: `2026-01-01T00:00:0${value % 10}.000Z` }],
  };
  return partitionedTelemetryMessage(primitive, PARTITIONS);
}

const values = (bodies: Json[]) =>
  bodies.map((body) => (body as unknown as TelemetryPrimitive).measurements[0]!.value);

describe("telemetry envelopes", () => {
  it("packs one envelope per tenant and partition, keeping each device's order, and leaves lone messages alone", () => {
    const messages = [
      reading("acme", "d1", 1),
      reading("bravo", "d1", 2),
      reading("acme", "d1", 3),
      reading("acme", "d1", 4),
    ];
    const packed = packTelemetry(messages);
    expect(packed).toHaveLength(2);
    const [acme, bravo] = packed;
    expect(classifyTelemetryKey(acme!.routingKey)).toMatchObject({ kind: "envelope", tenant: "acme" });
    expect(values(primitivesOf(acme!))).toEqual([1, 3, 4]);
    // A group of one stays the single message, under its device's own key.
    expect(bravo).toBe(messages[1]);
    expect(classifyTelemetryKey(bravo!.routingKey)).toEqual({ kind: "primitive" });
  });

  it("derives the envelope id from its items, so that packing the same messages again gives the same id", () => {
    const messages = [reading("acme", "d1", 1), reading("acme", "d1", 2)];
    expect(packTelemetry(messages)[0]!.messageId).toBe(packTelemetry(messages)[0]!.messageId);
    expect(packTelemetry(messages)[0]!.messageId).not.toBe(
      packTelemetry([messages[1]!, messages[0]!])[0]!.messageId,
    );
  });

  it(`never puts more than ${MAX_ENVELOPE_ITEMS} primitives in one envelope`, () => {
    const messages = Array.from({ length: MAX_ENVELOPE_ITEMS * 2 + 1 }, (_, i) => reading("acme", "d1", i));
    const packed = packTelemetry(messages);
    expect(packed.map((message) => primitivesOf(message).length)).toEqual([
      MAX_ENVELOPE_ITEMS,
      MAX_ENVELOPE_ITEMS,
      1,
    ]);
    expect(packed.flatMap((message) => values(primitivesOf(message)))).toEqual(messages.map((_, i) => i));
  });

  it("passes through messages that are not partitioned telemetry", () => {
    const other = { routingKey: "command.acme.d1", body: { x: 1 } };
    const legacy = { routingKey: "telemetry.acme.d1", body: { x: 2 } };
    expect(packTelemetry([other, legacy, other])).toEqual([other, legacy, other]);
  });

  it("refuses an envelope whose tenant or partition is not its key's, or whose items are missing", () => {
    const key = { tenant: "acme", partition: 2 };
    const body = { envelopeVersion: 1, tenant: "acme", partition: 2, primitives: [{}] };
    expect(parseTelemetryEnvelope(body, key).primitives).toHaveLength(1);
    for (const bad of [
      { ...body, tenant: "bravo" },
      { ...body, partition: 3 },
      { ...body, primitives: [] },
      { ...body, primitives: Array.from({ length: MAX_ENVELOPE_ITEMS + 1 }, () => ({})) },
      { ...body, envelopeVersion: 2 },
      [body],
      null,
    ]) {
      expect(() => parseTelemetryEnvelope(bad, key)).toThrow(PoisonMessageError);
    }
    expect(() => parseTelemetryEnvelope({ ...body, tenant: "bravo" }, key)).toThrow(
      /ENVELOPE_INVALID: \/tenant "bravo" is not the routing key's "acme"/,
    );
  });
});

function stored(tenant: string, deviceId: string, value: number): IdentifiedStoredEvent {
  return {
    eventId: `stored-${tenant}-${deviceId}-${value}`,
    event: {
      tenant,
      deviceId,
      receivedAt: "2026-01-01T00:00:00.000Z",
      storedAt: "2026-01-01T00:00:01.000Z",
      measurements: [{ id: `m${value}`, attribute: "power", value, timestamp: "2026-01-01T00:00:00.000Z" }],
    },
  };
}

describe("stored envelopes", () => {
  it("announces a batch in one envelope per tenant and reads back every event with its own id, in order", () => {
    const events = [
      stored("acme", "d1", 1),
      stored("acme", "d2", 2),
      stored("bravo", "d1", 3),
      stored("acme", "d1", 4),
    ];
    const messages = storedEventMessages(events);
    expect(messages.map((message) => message.routingKey)).toEqual([
      "stored.acme.@envelope",
      "stored.bravo.d1",
    ]);
    const read = messages.flatMap((message) => storedEventsOf(message));
    expect(read.map((entry) => entry.eventId)).toEqual(
      [events[0], events[1], events[3], events[2]].map((e) => e!.eventId),
    );
    expect(read[0]!.event).toEqual(events[0]!.event);
  });

  it(`splits more than ${MAX_STORED_ENVELOPE_EVENTS} events of one tenant over several envelopes`, () => {
    const events = Array.from({ length: MAX_STORED_ENVELOPE_EVENTS + 2 }, (_, i) => stored("acme", "d1", i));
    const messages = storedEventMessages(events);
    expect(messages.map((message) => storedEventsOf(message).length)).toEqual([
      MAX_STORED_ENVELOPE_EVENTS,
      2,
    ]);
  });

  it("refuses an envelope holding another tenant's event or an event without an id", () => {
    const [message] = storedEventMessages([stored("acme", "d1", 1), stored("acme", "d2", 2)]);
    const body = message!.body as unknown as { events: Record<string, unknown>[] };
    const foreign = { ...body, events: [body.events[0], { ...body.events[1], tenant: "bravo" }] };
    expect(() => storedEventsOf({ ...message!, body: foreign })).toThrow(
      /\/events\/1\/tenant is not the envelope's/,
    );
    const anonymous = { ...body, events: [{ ...body.events[0], eventId: undefined }] };
    expect(() => storedEventsOf({ ...message!, body: anonymous })).toThrow(InvalidStoredEventError);
    expect(() => storedEventsOf({ ...message!, routingKey: "stored.bravo.@envelope" })).toThrow(
      /tenant is not the routing key's "bravo"/,
    );
  });
});
