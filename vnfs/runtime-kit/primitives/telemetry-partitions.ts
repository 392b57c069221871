import { fnv1a32 } from "../hashing/fnv1a.js";
import { telemetryMessage, telemetryRoutingKey, type TelemetryPrimitive } from "./request-primitive.js";

/**
 * Partitioning of telemetry by device (docs/design/telemetry-path.md "Per-device order"). Every
 * primitive of a device carries the same partition number as the last word of its routing key,
 * `telemetry.<tenant>.<deviceId>.<k>`, with k = FNV-1a-32(`<tenant>/<deviceId>`) mod P. Each
 * partition has its own durable queue consumed by one request-processor at a time, so a device's
 * primitives are processed in publish order whatever the number of instances.
 *
 * P (IVF_TELEMETRY_PARTITIONS) must be the same on every publisher and request processor: the hash
 * is fixed (no seed, no version dependency), so equal P gives equal partitions in every process.
 */

export const DEFAULT_TELEMETRY_PARTITIONS = 16;
export const MAX_TELEMETRY_PARTITIONS = 1024;

/** The common setting; spread into the common settings so that every process reads the same P. */
export const telemetryPartitionSettings = {
  telemetryPartitions: {
    kind: "integer",
    env: "IVF_TELEMETRY_PARTITIONS",
    description:
      "Partitions of the telemetry stream (one queue each, one consuming request-processor at a time, per-device order); the same value on every field-gateway, OPC UA adapter and request-processor",
    min: 1,
    max: MAX_TELEMETRY_PARTITIONS,
    default: DEFAULT_TELEMETRY_PARTITIONS,
  },
} as const;

/** Partition (0 .. partitions-1) of a device: stable across processes, hosts and releases. */
export function telemetryPartition(tenant: string, deviceId: string, partitions: number): number {
  checkPartitionCount(partitions);
  return fnv1a32(`${tenant}/${deviceId}`) % partitions;
}

/** `telemetry.<tenant>.<deviceId>.<partition>`; identifiers are checked as for telemetryRoutingKey. */
export function partitionedTelemetryRoutingKey(tenant: string, deviceId: string, partitions: number): string {
  return `${telemetryRoutingKey(tenant, deviceId)}.${telemetryPartition(tenant, deviceId, partitions)}`;
}

/** telemetryMessage with the partitioned routing key: what every telemetry publisher sends. */
export function partitionedTelemetryMessage(
  primitive: TelemetryPrimitive,
  partitions: number,
): ReturnType<typeof telemetryMessage> {
  return {
    ...telemetryMessage(primitive),
    routingKey: partitionedTelemetryRoutingKey(primitive.tenant, primitive.deviceId, partitions),
  };
}

/** The binding of partition k's queue. */
export function telemetryPartitionBinding(partition: number): string {
  return `telemetry.*.*.${partition}`;
}

/** Queue of partition k: `<prefix>.p<k>`. */
export function telemetryPartitionQueue(prefix: string, partition: number): string {
  return `${prefix}.p${partition}`;
}

function checkPartitionCount(partitions: number): void {
  if (!Number.isInteger(partitions) || partitions < 1 || partitions > MAX_TELEMETRY_PARTITIONS) {
    throw new RangeError(
      `telemetry partition count ${partitions} must be an integer from 1 to ${MAX_TELEMETRY_PARTITIONS} (IVF_TELEMETRY_PARTITIONS)`,
    );
  }
}
