import {
  ATTRIBUTE_PATTERN,
  MAX_MEASUREMENTS_PER_PRIMITIVE,
  type Measurement,
  type MeasurementValue,
} from "../../runtime-kit/primitives/request-primitive.js";
import { IngestError } from "./ingest-errors.js";

/**
 * Turns a device payload (raw bytes, any binding) into measurements. Two JSON shapes are accepted
 * (docs/design/telemetry-path.md "Payloads"):
 * - an object of attribute values, `{"power": 1.2, "voltage": 230.1}`, with an optional reserved
 *   `"timestamp"` (ISO 8601 or epoch milliseconds) applying to all of them;
 * - an array of `{"attribute", "value", "timestamp"?, "quality"?}` entries.
 * Values are numbers, strings, booleans or null. A missing timestamp means "now" (acceptance
 * time); devices that want exactly-once storage across their own retries send timestamps,
 * because the measurement id is derived from the timestamp.
 */
export interface NormaliseOptions {
  receivedAt: Date;
  /** Timestamps later than receivedAt + this are refused (clock skew allowance). */
  maxFutureSkewMs: number;
}

const utf8 = new TextDecoder("utf-8", { fatal: true });
const TIMESTAMP_KEY = "timestamp";
const MAX_STRING_VALUE = 4096;

export function decodeJson(bytes: Uint8Array): unknown {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch {
    throw new IngestError("INVALID_ENCODING", ["the payload contains bytes that are not valid UTF-8"]);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new IngestError("MALFORMED_JSON", [error instanceof Error ? error.message : String(error)]);
  }
}

export function normalisePayload(payload: unknown, options: NormaliseOptions): Measurement[] {
  const problems: string[] = [];
  const entries = Array.isArray(payload)
    ? arrayEntries(payload, problems)
    : payload !== null && typeof payload === "object"
      ? objectEntries(payload as Record<string, unknown>, problems)
      : (problems.push("/: must be an object of attribute values or an array of measurements"), []);
  if (entries.length === 0 && problems.length === 0) problems.push("/: contains no measurement");
  if (entries.length > MAX_MEASUREMENTS_PER_PRIMITIVE) {
    problems.push(
      `/: has ${entries.length} measurements; at most ${MAX_MEASUREMENTS_PER_PRIMITIVE} per message`,
    );
  }
  if (problems.length > 0) throw new IngestError("INVALID_PAYLOAD", problems);

  const future: string[] = [];
  const latest = options.receivedAt.getTime() + options.maxFutureSkewMs;
  const measurements = entries.map((entry) => {
    const timestamp = entry.timestamp ?? options.receivedAt;
    if (timestamp.getTime() > latest)
      future.push(`${entry.pointer}: ${timestamp.toISOString()} is in the future`);
    const measurement: Measurement = {
      attribute: entry.attribute,
      value: entry.value,
      timestamp: timestamp.toISOString(),
    };
    if (entry.quality !== undefined) measurement.quality = entry.quality;
    return measurement;
  });
  if (future.length > 0) throw new IngestError("TIMESTAMP_OUT_OF_RANGE", future);
  return measurements;
}

interface Entry {
  pointer: string;
  attribute: string;
  value: MeasurementValue;
  timestamp?: Date;
  quality?: string;
}

function objectEntries(payload: Record<string, unknown>, problems: string[]): Entry[] {
  const timestamp =
    TIMESTAMP_KEY in payload ? parseTimestamp(payload[TIMESTAMP_KEY], "/timestamp", problems) : undefined;
  const entries: Entry[] = [];
  for (const [attribute, raw] of Object.entries(payload)) {
    if (attribute === TIMESTAMP_KEY) continue;
    const pointer = `/${escapePointer(attribute)}`;
    if (!checkAttribute(attribute, pointer, problems)) continue;
    const value = checkValue(raw, pointer, problems);
    if (value !== undefined) entries.push({ pointer, attribute, value, ...(timestamp ? { timestamp } : {}) });
  }
  return entries;
}

function arrayEntries(payload: unknown[], problems: string[]): Entry[] {
  const entries: Entry[] = [];
  payload.forEach((item, index) => {
    const pointer = `/${index}`;
    if (item === null || typeof item !== "object" || Array.isArray(item)) {
      problems.push(`${pointer}: must be an object with "attribute" and "value"`);
      return;
    }
    const { attribute, value, timestamp, quality, ...extra } = item as Record<string, unknown>;
    for (const name of Object.keys(extra)) problems.push(`${pointer}/${escapePointer(name)}: unknown member`);
    if (typeof attribute !== "string") {
      problems.push(`${pointer}/attribute: must be a string`);
      return;
    }
    if (!checkAttribute(attribute, `${pointer}/attribute`, problems)) return;
    if (!("value" in (item as object))) problems.push(`${pointer}/value: is required`);
    const checked = checkValue(value, `${pointer}/value`, problems);
    const time =
      timestamp === undefined ? undefined : parseTimestamp(timestamp, `${pointer}/timestamp`, problems);
    if (quality !== undefined && (typeof quality !== "string" || quality.length > 64)) {
      problems.push(`${pointer}/quality: must be a string of at most 64 characters`);
    }
    if (checked === undefined) return;
    const entry: Entry = { pointer, attribute, value: checked };
    if (time) entry.timestamp = time;
    if (typeof quality === "string") entry.quality = quality;
    entries.push(entry);
  });
  return entries;
}

function checkAttribute(attribute: string, pointer: string, problems: string[]): boolean {
  if (ATTRIBUTE_PATTERN.test(attribute)) return true;
  problems.push(`${pointer}: attribute name must match ${ATTRIBUTE_PATTERN}`);
  return false;
}

function checkValue(raw: unknown, pointer: string, problems: string[]): MeasurementValue | undefined {
  if (raw === null || typeof raw === "boolean") return raw;
  if (typeof raw === "number" && Number.isFinite(raw)) return raw;
  if (typeof raw === "string" && raw.length <= MAX_STRING_VALUE) return raw;
  problems.push(
    `${pointer}: value must be a number, a string of at most ${MAX_STRING_VALUE} characters, a boolean or null`,
  );
  return undefined;
}

function parseTimestamp(raw: unknown, pointer: string, problems: string[]): Date | undefined {
  const time =
    typeof raw === "number" && Number.isFinite(raw)
      ? new Date(raw)
      : typeof raw === "string" &&
          /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(raw)
        ? new Date(raw)
        : undefined;
  if (!time || Number.isNaN(time.getTime()) || time.getUTCFullYear() < 1970 || time.getUTCFullYear() > 9999) {
    problems.push(
      `${pointer}: must be an ISO 8601 date-time with offset (e.g. 2026-01-31T12:00:00Z) or epoch milliseconds`,
    );
    return undefined;
  }
  return time;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, "~0").replace(/\//g, "~1");
}
