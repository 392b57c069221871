import type { components, operations } from "../../../api-specs/types/cloud-api.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { MeasurementRecord } from "../../request-processor/storage/measurement-records.js";
import { aggregate, type BucketName } from "../../data-store/aggregates/bucket-aggregation.js";
import { RangeTooLargeError, readRange } from "../../data-store/aggregates/read-range.js";
import type { Principal } from "../auth/authenticator.js";
import { invalidRange, unprocessable } from "./api-problems.js";
import type { RequestScope } from "./request-scope.js";

type Path = operations["getAggregates"]["parameters"]["path"];
type Query = operations["getAggregates"]["parameters"]["query"];
type Aggregates = components["schemas"]["Aggregates"];

/**
 * GET /v1/devices/{deviceId}/attributes/{attribute}/aggregates: the data store's aggregation
 * (vnfs/data-store/aggregates/) over the caller's device, with the same scan limit rule.
 */
export function getAggregates(
  scope: RequestScope,
  measurements: Collection<MeasurementRecord>,
  maxScan: number,
): OperationHandler {
  return async (input) => {
    const { deviceId, attribute } = input.path as Path;
    const query = input.query as Query;
    const from = new Date(query.from).toISOString();
    const to = new Date(query.to).toISOString();
    if (from >= to) throw invalidRange(`"to" (${to}) must be later than "from" (${from})`);
    const interval = (query.interval ?? "1h") as BucketName;
    const { tenant } = await scope.device(input.auth as Principal, deviceId);
    let readings;
    try {
      readings = await readRange(measurements, { tenant, deviceId, attribute, from, to }, maxScan);
    } catch (error) {
      if (error instanceof RangeTooLargeError) throw unprocessable(error.message);
      throw error;
    }
    const { buckets, skipped } = aggregate(readings, interval);
    const body: Aggregates = {
      deviceId,
      attribute,
      interval,
      from,
      to,
      buckets: buckets.map(({ mean, ...rest }) => ({ ...rest, avg: mean })),
      skippedNonNumeric: skipped,
    };
    return { status: 200, body };
  };
}
