import type { Collection, Where } from "../../runtime-kit/store/document-store.js";
import type { DeviceGroupRecord, DeviceRecord } from "../../field-gateway/registry/device-records.js";
import { deviceView } from "./views.js";

/** Above every character an identifier may hold ([A-Za-z0-9_-]), so `prefix + END` bounds a prefix range. */
const END = "\u007f";

export interface DeviceListQuery {
  tenant: string;
  groupId?: string;
  /** Device id prefix: a range on the (tenant-scoped) id, so it uses the store's ordering. */
  idPrefix?: string;
  limit: number;
  offset: number;
}

/**
 * One page of a tenant's devices in id order, rendered with their group's view, and the total of
 * the same filter (tenant included). Shared by the device-manager API and the cloud-api.
 */
export async function listTenantDevices(
  groups: Collection<DeviceGroupRecord>,
  devices: Collection<DeviceRecord>,
  query: DeviceListQuery,
) {
  const { tenant, limit, offset } = query;
  const where: Where = { tenant };
  if (query.groupId !== undefined) where.groupId = query.groupId;
  if (query.idPrefix !== undefined) where.deviceId = { gte: query.idPrefix, lt: `${query.idPrefix}${END}` };
  const [items, total, tenantGroups] = await Promise.all([
    devices.find({ where, orderBy: [{ field: "deviceId" }], limit, offset }),
    devices.count(where),
    groups.find({ where: { tenant } }),
  ]);
  const byId = new Map(tenantGroups.map((group) => [group.groupId, group]));
  return {
    items: items.map((device) => deviceView(device, byId.get(device.groupId))),
    total,
    limit,
    offset,
  };
}
