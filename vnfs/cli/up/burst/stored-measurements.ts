/**
 * Reads the measurements the request processors stored for the scenario's meters, straight from
 * the platform's store (the embedded SQLite file every IVF of this `ivf up` shares, or MongoDB
 * when IVF_MONGODB_URL is set), in pages so a large burst does not need one huge query.
 */
import { join } from "node:path";
import type { Logger } from "../../../runtime-kit/logging/logger.js";
import { createStore } from "../../../runtime-kit/store/create-store.js";
import type { DocumentStore, Where } from "../../../runtime-kit/store/document-store.js";
import {
  MEASUREMENTS,
  measurementIndexes,
  type MeasurementRecord,
} from "../../../request-processor/storage/measurement-records.js";
import type { StoredRow } from "./burst-report.js";

const PAGE = 20_000;

export class StoredMeasurements {
  private constructor(
    private readonly store: DocumentStore,
    private readonly where: Where,
  ) {}

  /** Opens the platform's store (as the request-processor does: logical database "iot"). */
  static async open(options: {
    sharedDataDir: string;
    tenant: string;
    devicePrefix: string;
    logger: Logger;
  }): Promise<StoredMeasurements> {
    const store = await createStore({
      ...(process.env.IVF_MONGODB_URL ? { mongodbUrl: process.env.IVF_MONGODB_URL } : {}),
      mongodbDatabase: process.env.IVF_MONGODB_DATABASE ?? "iot_platform",
      dataDir: options.sharedDataDir,
      fileName: "iot.sqlite",
      logger: options.logger,
    });
    return new StoredMeasurements(store, {
      tenant: options.tenant,
      deviceId: { gte: options.devicePrefix, lt: `${options.devicePrefix}\uffff` },
    });
  }

  async count(): Promise<number> {
    const measurements = await this.store.collection<MeasurementRecord>(MEASUREMENTS, measurementIndexes);
    return measurements.count(this.where);
  }

  async rows(): Promise<StoredRow[]> {
    const measurements = await this.store.collection<MeasurementRecord>(MEASUREMENTS, measurementIndexes);
    const rows: StoredRow[] = [];
    // Keyset paging on the primary key: every page costs the same however deep it is.
    for (let after = ""; ;) {
      const page = await measurements.find({
        where: { ...this.where, ...(after ? { id: { gt: after } } : {}) },
        orderBy: [{ field: "id" }],
        limit: PAGE,
      });
      for (const record of page)
        rows.push({ deviceId: record.deviceId, attribute: record.attribute, timestamp: record.timestamp });
      if (page.length < PAGE) return rows;
      after = page[page.length - 1]!.id;
    }
  }

  close(): Promise<void> {
    return this.store.close();
  }
}

export const sharedDataDir = (home: string): string => join(home, "data");
