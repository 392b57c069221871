import { createHash } from "node:crypto";

/**
 * Per-subscriber order: every notification of one subscription goes to the same partition
 * queue, and each partition queue has a single active consumer that delivers one notification
 * at a time. Partitions deliver in parallel, so one slow subscriber delays only the
 * subscriptions that hash to its partition.
 */
export const NOTIFICATIONS_EXCHANGE = "iot.notifications";

export function partitionOf(subscriptionRecordId: string, partitions: number): number {
  return createHash("sha256").update(subscriptionRecordId).digest().readUInt32BE(0) % partitions;
}

export function partitionRoutingKey(subscriptionRecordId: string, partitions: number): string {
  return `notify.p${partitionOf(subscriptionRecordId, partitions)}`;
}

export function partitionQueue(prefix: string, partition: number): string {
  return `${prefix}.p${partition}`;
}
