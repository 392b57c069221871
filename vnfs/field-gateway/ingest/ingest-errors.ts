import type { DropReason } from "../../runtime-kit/metrics/ivf-kpis.js";

/**
 * Every way the field gateway refuses telemetry, in one catalogue (STYLE.md §3): a stable code,
 * the HTTP status of the HTTP binding, and the KPI drop reason. MQTT has no negative PUBACK
 * towards the publishing device (the gateway is only a subscriber), so over MQTT a refusal is
 * acknowledged to the broker, logged with its code and counted in iotvf_dropped_messages_total.
 */
export const ingestErrors = {
  MALFORMED_JSON: { status: 400, drop: "malformed", title: "Payload is not valid JSON" },
  INVALID_ENCODING: { status: 400, drop: "malformed", title: "Payload is not valid UTF-8" },
  INVALID_PAYLOAD: { status: 400, drop: "invalid", title: "Payload does not have the telemetry shape" },
  INVALID_DEVICE_ID: { status: 400, drop: "invalid", title: "Device id is not a valid identifier" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, drop: "malformed", title: "Content type must be application/json" },
  PAYLOAD_TOO_LARGE: { status: 413, drop: "too_large", title: "Payload exceeds the size limit" },
  MISSING_API_KEY: { status: 401, drop: "auth", title: "The X-API-Key header is missing" },
  UNKNOWN_API_KEY: { status: 401, drop: "auth", title: "The API key is not valid" },
  UNKNOWN_DEVICE: { status: 404, drop: "unknown_device", title: "The device is not provisioned" },
  DEVICE_GROUP_MISMATCH: { status: 403, drop: "auth", title: "The device belongs to another device group" },
  CERTIFICATE_REJECTED: { status: 401, drop: "auth", title: "The client certificate is not valid" },
  CERTIFICATE_NOT_ACCEPTED: {
    status: 403,
    drop: "auth",
    title: "The client certificate does not authenticate this device",
  },
  API_KEY_NOT_ACCEPTED: { status: 403, drop: "auth", title: "The device group does not accept API keys" },
  ATTRIBUTE_NOT_ALLOWED: {
    status: 422,
    drop: "invalid",
    title: "An attribute is not declared by the device group",
  },
  TIMESTAMP_OUT_OF_RANGE: { status: 422, drop: "invalid", title: "A timestamp is too far in the future" },
  RATE_LIMITED: {
    status: 429,
    drop: "rate_limited",
    title: "The device sends faster than its rate limit; retry later",
  },
  OVERLOADED: { status: 503, drop: "overload", title: "The gateway is saturated; retry later" },
  BUS_UNAVAILABLE: {
    status: 503,
    drop: "overload",
    title: "The message bus did not confirm in time; retry later",
  },
} as const satisfies Record<string, { status: number; drop: DropReason; title: string }>;

export type IngestErrorCode = keyof typeof ingestErrors;

export class IngestError extends Error {
  readonly status: number;
  readonly drop: DropReason;
  constructor(
    readonly code: IngestErrorCode,
    /** Specific problems, each saying where (JSON pointer or topic level) and what is wrong. */
    readonly problems: string[] = [],
  ) {
    const entry = ingestErrors[code];
    super(problems.length > 0 ? `${entry.title}: ${problems.join("; ")}` : entry.title);
    this.name = "IngestError";
    this.status = entry.status;
    this.drop = entry.drop;
  }
}
