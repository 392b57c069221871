/**
 * The devices a burst scenario sends for, registered in the platform's device registry (the
 * `device_groups` and `devices` collections the request processor validates against), and the
 * count of what the platform stored for them. A scenario runs in a tenant of its own, so the
 * count of its measurements is exactly what it sent, whatever else the platform holds.
 */
import { randomBytes } from "node:crypto";
import {
  deviceRecordId,
  groupRecordId,
  hashApiKey,
  openDeviceCollections,
} from "../../field-gateway/registry/device-records.js";
import { MEASUREMENTS, measurementIndexes } from "../../request-processor/storage/measurement-records.js";
import type { DocumentStore } from "../../runtime-kit/store/document-store.js";

export interface BurstDevices {
  tenant: string;
  groupId: string;
  deviceIds: string[];
}

/** Registers one group and `count` devices (idempotent: existing records are kept). */
export async function registerBurstDevices(
  store: DocumentStore,
  options: { tenant: string; count: number; groupId?: string; prefix?: string },
): Promise<BurstDevices> {
  const groupId = options.groupId ?? "burst";
  const prefix = options.prefix ?? "burst-";
  const { groups, devices } = await openDeviceCollections(store);
  const createdAt = new Date().toISOString();
  await groups.insert({
    id: groupRecordId(options.tenant, groupId),
    tenant: options.tenant,
    groupId,
    // Nobody sends through a gateway with this group's key: it exists to attribute the devices.
    apiKeyHash: hashApiKey(randomBytes(24).toString("base64url")),
    autoprovision: false,
    explicitAttributes: false,
    attributes: [],
    createdAt,
  });
  const width = Math.max(4, String(options.count).length);
  const deviceIds = Array.from(
    { length: options.count },
    (_, index) => `${prefix}${String(index + 1).padStart(width, "0")}`,
  );
  await devices.insertMany(
    deviceIds.map((deviceId) => ({
      id: deviceRecordId(options.tenant, deviceId),
      tenant: options.tenant,
      deviceId,
      groupId,
      provisionedBy: "api" as const,
      createdAt,
    })),
  );
  return { tenant: options.tenant, groupId, deviceIds };
}

/** Measurements stored for the tenant (one per primitive the generator sent, each stored once). */
export async function countStored(store: DocumentStore, tenant: string): Promise<number> {
  return (await store.collection(MEASUREMENTS, measurementIndexes)).count({ tenant });
}
