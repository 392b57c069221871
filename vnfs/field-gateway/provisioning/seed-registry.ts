import type { DocumentStore } from "../../runtime-kit/store/document-store.js";
import {
  deviceRecordId,
  groupRecordId,
  hashApiKey,
  openDeviceCollections,
  type DeviceGroupRecord,
} from "../registry/device-records.js";
import type { ProvisioningFile } from "./provisioning-file.js";

/**
 * Writes the provisioning file's groups and devices into the store. Groups are replaced (the file
 * is the source of truth for the groups it names); devices are inserted idempotently, so an
 * autoprovisioned or API-created device keeps its record. Safe to run from several instances.
 */
export async function seedRegistry(
  store: DocumentStore,
  file: ProvisioningFile,
): Promise<{ groups: number; devices: number }> {
  const { groups, devices } = await openDeviceCollections(store);
  for (const group of file.deviceGroups) {
    const record: DeviceGroupRecord = {
      id: groupRecordId(group.tenant, group.id),
      tenant: group.tenant,
      groupId: group.id,
      apiKeyHash: hashApiKey(group.apiKey),
      autoprovision: group.autoprovision ?? false,
      explicitAttributes: group.explicitAttributes ?? false,
      attributes: group.attributes ?? [],
      ...(group.authentication ? { authentication: group.authentication } : {}),
    };
    await groups.replace(record);
  }
  const createdAt = new Date().toISOString();
  const result = await devices.insertMany(
    (file.devices ?? []).map((device) => ({
      id: deviceRecordId(device.tenant, device.id),
      tenant: device.tenant,
      deviceId: device.id,
      groupId: device.group,
      provisionedBy: "file" as const,
      createdAt,
    })),
  );
  return { groups: file.deviceGroups.length, devices: result.inserted };
}
