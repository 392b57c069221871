import type { components, operations } from "../../../api-specs/types/cloud-api.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { LatestValueRecord } from "../../request-processor/storage/measurement-records.js";
import type { RequestScope } from "./request-scope.js";
import type { Principal } from "../auth/authenticator.js";

type Query = NonNullable<operations["getLatestValues"]["parameters"]["query"]>;
type Path = operations["getLatestValues"]["parameters"]["path"];
type LatestValues = components["schemas"]["LatestValues"];

/** GET /v1/devices/{deviceId}/latest */
export function getLatestValues(
  scope: RequestScope,
  latest: Collection<LatestValueRecord>,
): OperationHandler {
  return async (input) => {
    const { deviceId } = input.path as Path;
    const { attribute } = input.query as Query;
    const { tenant } = await scope.device(input.auth as Principal, deviceId);
    const records = await latest.find({
      where: { tenant, deviceId, ...(attribute ? { attribute: { in: attribute } } : {}) },
      orderBy: [{ field: "attribute" }],
      limit: 10_000,
    });
    const body: LatestValues = {
      deviceId,
      values: records.map((record) => ({
        attribute: record.attribute,
        value: record.value,
        timestamp: record.timestamp,
        measurementId: record.measurementId,
        ...(record.quality !== undefined ? { quality: record.quality } : {}),
      })),
    };
    return { status: 200, body };
  };
}
