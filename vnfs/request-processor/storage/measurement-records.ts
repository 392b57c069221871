import type { CollectionOptions, NewerWhen } from "../../runtime-kit/store/document-store.js";
import type { MeasurementValue } from "../../runtime-kit/primitives/request-primitive.js";

/**
 * Stored measurements (collection `measurements`, one document per reading, id = measurementId)
 * and latest values (collection `latest_values`, one document per device and attribute). Written
 * by the request processor, read by cloud-api; issue 6's data-store takes them over.
 */
export const MEASUREMENTS = "measurements";
export const LATEST_VALUES = "latest_values";

export interface MeasurementRecord {
  /** Deterministic measurementId (request-primitive.ts): the idempotency key. */
  id: string;
  tenant: string;
  deviceId: string;
  attribute: string;
  value: MeasurementValue;
  /** ISO 8601 (UTC, millisecond precision, as produced by Date#toISOString: sorts as text). */
  timestamp: string;
  quality?: string;
  receivedAt: string;
  /** `<timestamp>|<id>`: a total order for stable cursor paging through equal timestamps. */
  sortKey: string;
}

export interface LatestValueRecord {
  /** `<tenant>/<deviceId>/<attribute>`. */
  id: string;
  tenant: string;
  deviceId: string;
  attribute: string;
  value: MeasurementValue;
  timestamp: string;
  quality?: string;
  measurementId: string;
}

/**
 * Both collections are sharded by device in the embedded store (docs/design/store.md "Shards"),
 * with the hash the telemetry partitions use: request processors owning different partitions
 * write different files.
 */
export const MEASUREMENT_SHARD_KEY = ["tenant", "deviceId"];

export const measurementIndexes: CollectionOptions = {
  indexes: [
    { fields: ["tenant", "deviceId", "sortKey"] },
    { fields: ["tenant", "deviceId", "attribute", "sortKey"] },
  ],
  shardKey: MEASUREMENT_SHARD_KEY,
};
export const latestValueIndexes: CollectionOptions = {
  indexes: [{ fields: ["tenant", "deviceId"] }],
  shardKey: MEASUREMENT_SHARD_KEY,
};

/**
 * Which of two latest values is newer: the later timestamp (ISO 8601 UTC text sorts by time);
 * equal timestamps, the smaller measurement id, so that every writer picks the same one.
 */
export const latestValueOrder: NewerWhen[] = [
  { field: "timestamp", newer: "greater" },
  { field: "measurementId", newer: "smaller" },
];

export function sortKey(timestamp: string, id: string): string {
  return `${timestamp}|${id}`;
}

export function latestValueId(tenant: string, deviceId: string, attribute: string): string {
  return `${tenant}/${deviceId}/${attribute}`;
}
