import type { components } from "../../../api-specs/types/device-manager.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  deviceRecordId,
  groupRecordId,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "../../field-gateway/registry/device-records.js";
import { authorise, paging, type Input } from "./access.js";
import { problem } from "./problems.js";
import { deviceView } from "./views.js";
import { listTenantDevices } from "./device-listing.js";

type DeviceSettings = components["schemas"]["DeviceSettings"];

export interface DeviceHandlerDeps {
  groups: Collection<DeviceGroupRecord>;
  devices: Collection<DeviceRecord>;
}

/**
 * The device registry (FIWARE device provisioning, iot-platforms.md §1.2): tenant-admins
 * provision, move and remove devices; readers list them by page, optionally by group. Devices
 * created by autoprovisioning in the field gateway appear here with `provisionedBy: autoprovision`.
 */
export function deviceHandlers(deps: DeviceHandlerDeps): Record<string, OperationHandler> {
  const { groups, devices } = deps;

  async function groupFor(tenant: string, groupId: string): Promise<DeviceGroupRecord> {
    const group = await groups.get(groupRecordId(tenant, groupId));
    if (!group)
      throw problem(
        "UNKNOWN_GROUP",
        `device group ${groupId} does not exist in tenant ${tenant}; create it first`,
      );
    return group;
  }

  async function existing(input: Input, tenant: string) {
    const deviceId = input.path.deviceId as string;
    const device = await devices.get(deviceRecordId(tenant, deviceId));
    if (!device) throw problem("NOT_FOUND", `device ${deviceId} not found in tenant ${tenant}`);
    return device;
  }

  return {
    async listDevices(input) {
      const { tenant } = authorise(input, "reader");
      const groupId = input.query.groupId as string | undefined;
      return {
        status: 200,
        body: await listTenantDevices(groups, devices, {
          tenant,
          ...paging(input),
          ...(groupId !== undefined ? { groupId } : {}),
        }),
      };
    },
    async createDevice(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const body = input.body as components["schemas"]["DeviceCreation"];
      const group = await groupFor(tenant, body.groupId);
      const record: DeviceRecord = {
        id: deviceRecordId(tenant, body.deviceId),
        tenant,
        deviceId: body.deviceId,
        provisionedBy: "api",
        createdAt: new Date().toISOString(),
        ...settingsOf(body),
      };
      if ((await devices.insert(record)) === "duplicate") {
        throw problem("CONFLICT", `device ${body.deviceId} exists already in tenant ${tenant}`);
      }
      return {
        status: 201,
        headers: { Location: `/v1/tenants/${tenant}/devices/${body.deviceId}` },
        body: deviceView(record, group),
      };
    },
    async getDevice(input) {
      const { tenant } = authorise(input, "reader");
      const device = await existing(input, tenant);
      return {
        status: 200,
        body: deviceView(device, await groups.get(groupRecordId(tenant, device.groupId))),
      };
    },
    async updateDevice(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const device = await existing(input, tenant);
      const body = input.body as DeviceSettings;
      const group = await groupFor(tenant, body.groupId);
      const record: DeviceRecord = {
        id: device.id,
        tenant,
        deviceId: device.deviceId,
        provisionedBy: device.provisionedBy,
        createdAt: device.createdAt,
        ...settingsOf(body),
      };
      const updated = await devices.replace(record, { expectedVersion: device.version });
      return { status: 200, body: deviceView(updated, group) };
    },
    async deleteDevice(input) {
      const { tenant } = authorise(input, "tenant-admin");
      const device = await existing(input, tenant);
      await devices.delete(device.id, { expectedVersion: device.version });
      return { status: 204 };
    },
  };
}

function settingsOf(body: DeviceSettings): Pick<DeviceRecord, "groupId" | "name" | "staticAttributes"> {
  return {
    groupId: body.groupId,
    ...(body.name !== undefined ? { name: body.name } : {}),
    ...(body.staticAttributes !== undefined ? { staticAttributes: body.staticAttributes } : {}),
  };
}
