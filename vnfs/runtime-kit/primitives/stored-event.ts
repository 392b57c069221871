import { Ajv } from "ajv";
import addFormatsModule from "ajv-formats";
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
