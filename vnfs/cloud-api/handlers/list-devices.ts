import type { operations } from "../../../api-specs/types/cloud-api.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { DeviceGroupRecord, DeviceRecord } from "../../field-gateway/registry/device-records.js";
import { listTenantDevices } from "../../device-manager/api/device-listing.js";
import type { Principal } from "../auth/authenticator.js";

type Query = NonNullable<operations["listDevices"]["parameters"]["query"]>;

/**
 * GET /v1/devices: the caller's devices, optionally those whose id starts with `search` and
 * those of one group. The prefix is a range on the (tenant-scoped) device id, so it uses the
 * store's ordering and needs no pattern matching; `total` counts the same filter, tenant included.
 * Same listing as the device-manager API (device-manager/api/device-listing.ts).
 */
export function listDevices(
  groups: Collection<DeviceGroupRecord>,
  devices: Collection<DeviceRecord>,
): OperationHandler {
  return async (input) => {
    const { tenant } = input.auth as Principal;
    const query = input.query as Query;
    return {
      status: 200,
      body: await listTenantDevices(groups, devices, {
        tenant,
        limit: query.limit ?? 100,
        offset: query.offset ?? 0,
        ...(query.groupId !== undefined ? { groupId: query.groupId } : {}),
        ...(query.search !== undefined ? { idPrefix: query.search } : {}),
      }),
    };
  };
}
