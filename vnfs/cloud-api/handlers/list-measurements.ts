import type { components, operations } from "../../../api-specs/types/cloud-api.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection, Where } from "../../runtime-kit/store/document-store.js";
import type { MeasurementRecord } from "../../request-processor/storage/measurement-records.js";
import { invalidCursor, invalidRange } from "./api-problems.js";
import type { RequestScope } from "./request-scope.js";
import type { Principal } from "../auth/authenticator.js";

type Query = NonNullable<operations["listMeasurements"]["parameters"]["query"]>;
type Path = operations["listMeasurements"]["parameters"]["path"];
type MeasurementPage = components["schemas"]["MeasurementPage"];

/**
 * GET /v1/devices/{deviceId}/measurements. Keyset paging on the stored `sortKey`
 * (`<timestamp>|<id>`): the cursor is the last key of the page, so a page never repeats or skips
 * a measurement, even when readings with equal timestamps arrive while the client pages.
 */
export function listMeasurements(
  scope: RequestScope,
  measurements: Collection<MeasurementRecord>,
): OperationHandler {
  return async (input) => {
    const { deviceId } = input.path as Path;
    const query = input.query as Query;
    const limit = query.limit ?? 100;
    const from = query.from ? new Date(query.from).toISOString() : undefined;
    const to = query.to ? new Date(query.to).toISOString() : undefined;
    if (from && to && from >= to) throw invalidRange(`"to" (${to}) must be later than "from" (${from})`);
    const after = query.cursor ? decodeCursor(query.cursor) : undefined;
    const { tenant } = await scope.device(input.auth as Principal, deviceId);

    const where: Where = { tenant, deviceId };
    if (query.attribute) where.attribute = query.attribute;
    if (from || to) where.timestamp = { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) };
    if (after) where.sortKey = { gt: after };
    const records = await measurements.find({
      where,
      orderBy: [{ field: "sortKey", direction: "asc" }],
      limit: limit + 1,
    });
    const page = records.slice(0, limit);
    const body: MeasurementPage = {
      deviceId,
      items: page.map((record) => ({
        id: record.id,
        attribute: record.attribute,
        value: record.value,
        timestamp: record.timestamp,
        receivedAt: record.receivedAt,
        ...(record.quality !== undefined ? { quality: record.quality } : {}),
      })),
    };
    if (records.length > limit)
      body.nextCursor = Buffer.from(page[page.length - 1]!.sortKey, "utf8").toString("base64url");
    return { status: 200, body };
  };
}

function decodeCursor(cursor: string): string {
  const key = Buffer.from(cursor, "base64url").toString("utf8");
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z\|[A-Za-z0-9_-]+$/.test(key)) {
    throw invalidCursor("the cursor was not produced by this API; pass a page's nextCursor unchanged");
  }
  return key;
}
