import type { operations } from "../../../api-specs/types/cloud-api.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection, Where } from "../../runtime-kit/store/document-store.js";
import type { DeviceGroupRecord, DeviceRecord } from "../../field-gateway/registry/device-records.js";
import { deviceView } from "../../device-manager/api/views.js";
import type { Principal } from "../auth/authenticator.js";

type Query = NonNullable<operations["listDevices"]["parameters"]["query"]>;

/** Above every character an identifier may hold ([A-Za-z0-9_-]), so `prefix + END` bounds a prefix range. */
const END = "\u007f";

/**
 * GET /v1/devices: the caller's devices, optionally those whose id starts with `search` and
 * those of one group. The prefix is a range on the (tenant-scoped) device id, so it uses the
 * store's ordering and needs no pattern matching; `total` counts the same filter, tenant included.
 * Devices render as in the device-manager API (same view function).
 */
export function listDevices(
  groups: Collection<DeviceGroupRecord>,
  devices: Collection<DeviceRecord>,
): OperationHandler {
  return async (input) => {
    const { tenant } = input.auth as Principal;
    const query = input.query as Query;
    const limit = query.limit ?? 100;
    const offset = query.offset ?? 0;
    const where: Where = { tenant };
    if (query.groupId !== undefined) where.groupId = query.groupId;
    if (query.search !== undefined) where.deviceId = { gte: query.search, lt: `${query.search}${END}` };
    const [items, total, tenantGroups] = await Promise.all([
      devices.find({ where, orderBy: [{ field: "deviceId" }], limit, offset }),
      devices.count(where),
      groups.find({ where: { tenant } }),
    ]);
    const byId = new Map(tenantGroups.map((group) => [group.groupId, group]));
    return {
      status: 200,
      body: {
        items: items.map((device) => deviceView(device, byId.get(device.groupId))),
        total,
        limit,
        offset,
      },
    };
  };
}
