import { createHash } from "node:crypto";
import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
import type { Json } from "../bus/message-bus.js";

/**
 * The protocol-independent request primitive (TR 103 527 §6, Figure 11 step 1->2): what the
 * field gateway and the OPC UA adapter put on the bus for the request processor, whatever the
 * device spoke. Version 1 carries measurement creation; other operations get their own
 * `operation` value and body shape.
 */
export const REQUESTS_EXCHANGE = "iot.requests";
export const PRIMITIVE_VERSION = 1;

export type SourceProtocol = "mqtt" | "http" | "opcua";
export type MeasurementValue = number | string | boolean | null;

export interface Measurement {
  attribute: string;
  value: MeasurementValue;
  /** ISO 8601 time the value was observed (device or source timestamp). */
  timestamp: string;
  /** Source quality, e.g. an OPC UA status code name ("Good", "GoodOverload"). */
  quality?: string;
}

export interface TelemetryPrimitive {
  primitiveVersion: 1;
  operation: "create";
  tenant: string;
  deviceId: string;
  source: { protocol: SourceProtocol; endpoint: string };
  /** ISO 8601 time the platform accepted the message. */
  receivedAt: string;
  measurements: Measurement[];
}

/**
 * Identifiers that travel in routing keys and topics: letters, digits, `_` and `-` only, so a
 * hostile id can never inject `.`, `*`, `#`, `/`, `+` or `$` into a bus pattern or an MQTT topic.
 */
export const IDENTIFIER_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
export const ATTRIBUTE_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;
export const MAX_MEASUREMENTS_PER_PRIMITIVE = 1000;

const schema = {
  type: "object",
  additionalProperties: false,
  required: ["primitiveVersion", "operation", "tenant", "deviceId", "source", "receivedAt", "measurements"],
  properties: {
    primitiveVersion: { const: PRIMITIVE_VERSION },
    operation: { const: "create" },
    tenant: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    deviceId: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    source: {
      type: "object",
      additionalProperties: false,
      required: ["protocol", "endpoint"],
      properties: {
        protocol: { enum: ["mqtt", "http", "opcua"] },
        endpoint: { type: "string", maxLength: 512 },
      },
    },
    receivedAt: { type: "string", format: "date-time" },
    measurements: {
      type: "array",
      minItems: 1,
      maxItems: MAX_MEASUREMENTS_PER_PRIMITIVE,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["attribute", "value", "timestamp"],
        properties: {
          attribute: { type: "string", pattern: ATTRIBUTE_PATTERN.source },
          value: {
            anyOf: [
              { type: "number" },
              { type: "string", maxLength: 4096 },
              { type: "boolean" },
              { type: "null" },
            ],
          },
          timestamp: { type: "string", format: "date-time" },
          quality: { type: "string", maxLength: 64 },
        },
      },
    },
  },
} as const;

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;
const ajv = new Ajv({ allErrors: true, strict: true });
addFormats(ajv);
const validateSchema = ajv.compile(schema);

export class InvalidPrimitiveError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid request primitive: ${problems.join("; ")}`);
    this.name = "InvalidPrimitiveError";
  }
}

/** Structural check of a primitive received from the bus; throws InvalidPrimitiveError listing every problem. */
export function parseTelemetryPrimitive(body: unknown): TelemetryPrimitive {
  if (!validateSchema(body)) {
    const problems = (validateSchema.errors ?? []).map(
      (error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`,
    );
    throw new InvalidPrimitiveError(problems);
  }
  return body as unknown as TelemetryPrimitive;
}

/** Routing key of a telemetry primitive: `telemetry.<tenant>.<deviceId>`. */
export function telemetryRoutingKey(tenant: string, deviceId: string): string {
  for (const [name, value] of [
    ["tenant", tenant],
    ["deviceId", deviceId],
  ] as const) {
    if (!IDENTIFIER_PATTERN.test(value)) {
      throw new InvalidPrimitiveError([`${name} ${JSON.stringify(value)} must match ${IDENTIFIER_PATTERN}`]);
    }
  }
  return `telemetry.${tenant}.${deviceId}`;
}

/** Milliseconds from 0000-01-01T00:00:00Z to the Unix epoch: shifts every ISO 8601 year to >= 0. */
const YEAR_ZERO_MS = 62_167_219_200_000;

/**
 * Deterministic id of one measurement: the idempotency key of storage. The same reading
 * delivered twice (MQTT QoS1 resend, AMQP redelivery, OPC UA republish after a hand-over)
 * maps to the same id, so it is stored once.
 *
 * Shape: 10 base-36 characters of the reading's instant (milliseconds since year 0, so that
 * ids sort by time) followed by 22 base64url characters (132 bits) of SHA-256 over tenant,
 * device, attribute and instant. The time prefix is for the store: ids of current readings
 * land at the end of the id index instead of at random places, which keeps the pages one
 * batch touches few (docs/design/store.md "Measurement ids").
 */
export function measurementId(
  tenant: string,
  deviceId: string,
  attribute: string,
  timestamp: string,
): string {
  const instant = new Date(timestamp);
  const time = (instant.getTime() + YEAR_ZERO_MS).toString(36).padStart(10, "0");
  const hash = createHash("sha256")
    .update(`${tenant}\u0000${deviceId}\u0000${attribute}\u0000${instant.toISOString()}`)
    .digest("base64url");
  return `${time}${hash.slice(0, 22)}`;
}

/**
 * Deterministic message id of a primitive: one SHA-256 over its tenant, device and every
 * measurement's attribute and instant, in order (what its measurement ids are made of), so a
 * resent reading gets the same id. One hash per primitive rather than one per measurement plus
 * one over those: every telemetry publisher computes it for every message (it was a fifth of the
 * field gateway's CPU profile).
 */
export function primitiveMessageId(primitive: TelemetryPrimitive): string {
  const hash = createHash("sha256").update(`${primitive.tenant}\u0000${primitive.deviceId}`);
  for (const measurement of primitive.measurements) {
    hash.update(`\u0000${measurement.attribute}\u0000${new Date(measurement.timestamp).toISOString()}`);
  }
  return hash.digest("base64url");
}

/** Id of a set of measurements (a stored event) from their ids, in order. */
export function messageIdOf(measurementIds: string[]): string {
  const hash = createHash("sha256");
  for (const id of measurementIds) hash.update(id);
  return hash.digest("base64url");
}

/** Builds a primitive and its bus message (routing key and id) in one step. */
export function telemetryMessage(primitive: TelemetryPrimitive): {
  routingKey: string;
  messageId: string;
  body: Json;
} {
  return {
    routingKey: telemetryRoutingKey(primitive.tenant, primitive.deviceId),
    messageId: primitiveMessageId(primitive),
    body: primitive as unknown as Json,
  };
}
