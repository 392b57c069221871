/**
 * The fault detector's findings for the fault-detection chart. The fault detector keeps them in
 * the `faults` collection of the shared `iot` database (docs/design/fault-detector.md) and has
 * no read API of its own, so the console reads that collection through the store port (embedded
 * SQLite file or MongoDB, whichever the platform uses), always scoped to the session's tenant.
 */
import type { FaultRecord } from "../../fault-detector/consumer/fault-events.js";
import type { DocumentStore } from "../../runtime-kit/store/document-store.js";

export interface FaultSource {
  faults(series: {
    tenant: string;
    deviceId: string;
    attribute?: string;
    since: Date;
  }): Promise<FaultRecord[]>;
  close(): Promise<void>;
}

const MOST = 500;

export function storeFaultSource(store: DocumentStore): FaultSource {
  const collection = store.collection<FaultRecord & { id: string }>("faults");
  return {
    async faults({ tenant, deviceId, attribute, since }) {
      const records = await (
        await collection
      ).find({
        where: {
          tenant,
          deviceId,
          ...(attribute ? { attribute } : {}),
          timestamp: { gte: since.toISOString() },
        },
        orderBy: [{ field: "timestamp", direction: "desc" }],
        limit: MOST,
      });
      return records.map(({ version: _version, ...record }) => record).reverse();
    },
    close: () => store.close(),
  };
}
