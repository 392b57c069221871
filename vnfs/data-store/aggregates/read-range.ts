import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { MeasurementRecord } from "../../request-processor/storage/measurement-records.js";
import type { Reading } from "./bucket-aggregation.js";

/**
 * Reads the raw readings of one device attribute with `from <= timestamp < to`, oldest first,
 * page by page along the (tenant, device, attribute, sortKey) index. Shared by the data-store
 * API and the cloud-api, so both refuse the same oversized ranges the same way.
 */
const PAGE = 10_000;

export class RangeTooLargeError extends Error {
  constructor(readonly maxScan: number) {
    super(`the range holds more than ${maxScan} readings; narrow from/to`);
    this.name = "RangeTooLargeError";
  }
}

export interface ReadingRange {
  tenant: string;
  deviceId: string;
  attribute: string;
  /** ISO 8601 UTC, inclusive. */
  from: string;
  /** ISO 8601 UTC, exclusive. */
  to: string;
}

export async function readRange(
  measurements: Collection<MeasurementRecord>,
  range: ReadingRange,
  maxScan: number,
): Promise<Reading[]> {
  const { tenant, deviceId, attribute, from, to } = range;
  const readings: Reading[] = [];
  let after = from;
  let inclusive = true;
  for (;;) {
    const page = await measurements.find({
      where: {
        tenant,
        deviceId,
        attribute,
        sortKey: inclusive ? { gte: after, lt: to } : { gt: after, lt: to },
      },
      orderBy: [{ field: "sortKey" }],
      limit: PAGE,
    });
    readings.push(...page.map(({ timestamp, value }) => ({ timestamp, value })));
    if (readings.length > maxScan) throw new RangeTooLargeError(maxScan);
    if (page.length < PAGE) return readings;
    after = page.at(-1)!.sortKey;
    inclusive = false;
  }
}
