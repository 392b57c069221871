import type { DocumentStore } from "../store/document-store.js";

/**
 * Guards IVF_TELEMETRY_PARTITIONS against a mismatch between processes. A publisher with a larger
 * count than the request processors would send to partition numbers no queue is bound to, and the
 * exchange would drop those primitives silently. So every telemetry publisher and request processor
 * records the count it uses, per requests exchange, in the shared store at start; the first one
 * sets it, and a process with another value refuses to start with this error, before it publishes
 * or consumes anything.
 */
export const PARTITIONING_COLLECTION = "telemetry_partitioning";

interface PartitioningRecord {
  id: string;
  partitions: number;
  setBy: string;
  setAt: string;
}

export class PartitionCountMismatchError extends Error {
  constructor(exchange: string, wanted: number, recorded: PartitioningRecord) {
    super(
      `IVF_TELEMETRY_PARTITIONS=${wanted} differs from ${recorded.partitions}, the partition count of the ` +
        `telemetry on exchange ${exchange} (recorded by ${recorded.setBy} at ${recorded.setAt} in the ` +
        `store collection ${PARTITIONING_COLLECTION}). Every field-gateway, OPC UA adapter and ` +
        `request-processor must use the same value. To change it: stop the publishers, wait until the ` +
        `request-processor partition queues are empty, stop the request processors, delete the document ` +
        `"${exchange}" of ${PARTITIONING_COLLECTION}, then start everything with the new value.`,
    );
    this.name = "PartitionCountMismatchError";
  }
}

export async function checkTelemetryPartitionCount(
  store: DocumentStore,
  options: { exchange: string; partitions: number; instanceId: string },
): Promise<void> {
  const records = await store.collection<PartitioningRecord>(PARTITIONING_COLLECTION);
  const record: PartitioningRecord = {
    id: options.exchange,
    partitions: options.partitions,
    setBy: options.instanceId,
    setAt: new Date().toISOString(),
  };
  if ((await records.insert(record)) === "inserted") return;
  const recorded = await records.get(options.exchange);
  if (recorded && recorded.partitions !== options.partitions) {
    throw new PartitionCountMismatchError(options.exchange, options.partitions, recorded);
  }
}
