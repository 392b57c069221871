import type { IngestError } from "../ingest/ingest-errors.js";

/**
 * PUBACK reason codes (MQTT 5.0 §3.4.2.1) the gateway's session sends for a refused message.
 * Only MQTT 5 sessions carry them (deferred-acks.ts sends 0 to 3.1.1 brokers). The broker
 * already acknowledged the device, so they do not reach it: they make a refusal visible in the
 * broker's logs and plugins, next to the gateway's own log line and drop counter.
 */
export const REASON_SUCCESS = 0x00;
export const REASON_UNSPECIFIED_ERROR = 0x80;
export const REASON_IMPLEMENTATION_SPECIFIC_ERROR = 0x83;
export const REASON_NOT_AUTHORIZED = 0x87;
export const REASON_TOPIC_NAME_INVALID = 0x90;
export const REASON_QUOTA_EXCEEDED = 0x97;
export const REASON_PAYLOAD_FORMAT_INVALID = 0x99;
/** PUBACK has no "packet too large" (0x95 is for DISCONNECT): payload format invalid is the closest. */
export const REASON_PAYLOAD_TOO_LARGE = REASON_PAYLOAD_FORMAT_INVALID;

export function refusalReasonCode(error: IngestError): number {
  if (error.code === "INVALID_DEVICE_ID") return REASON_TOPIC_NAME_INVALID;
  switch (error.drop) {
    case "auth":
      return REASON_NOT_AUTHORIZED;
    case "malformed":
    case "too_large":
      return REASON_PAYLOAD_FORMAT_INVALID;
    case "rate_limited":
      return REASON_QUOTA_EXCEEDED;
    case "invalid":
    case "unknown_device":
      return REASON_IMPLEMENTATION_SPECIFIC_ERROR;
    default:
      return REASON_UNSPECIFIED_ERROR;
  }
}
