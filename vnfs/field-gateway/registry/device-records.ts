import { createHash } from "node:crypto";
import type { CollectionOptions, DocumentStore, Collection } from "../../runtime-kit/store/document-store.js";

/**
 * Device groups and devices as stored (collections `device_groups` and `devices`). The field
 * gateway reads them to authenticate and attribute traffic; the request processor reads them to
 * validate semantically. Issue 6's device-manager becomes their owner and writer; until then
 * they are seeded from the provisioning file (provisioning/) and by autoprovisioning.
 *
 * Like FIWARE IoT Agent config groups (iot-platforms.md §1.1), a group is identified by its API
 * key and carries the tenant, so a device's tenant follows from its credentials only (§1.3).
 * API keys are stored as SHA-256 digests, never in clear.
 */
export const DEVICE_GROUPS = "device_groups";
export const DEVICES = "devices";

export type AttributeType = "number" | "string" | "boolean";

export interface AttributeDefinition {
  name: string;
  type: AttributeType;
  unit?: string;
  /** Transformation computing this attribute from the message's values (issue 6, docs/design/expressions.md). */
  expression?: string;
}

/** How a group's devices receive commands (device-manager); absent on file-seeded groups means mqtt. */
export type DeviceTransport = "mqtt" | "http" | "opcua";

/** How a group's devices may authenticate (docs/design/telemetry-path.md "Transport security"). */
export type DeviceAuthentication = "apiKey" | "certificate";

/** Groups that do not say accept API keys only (every group before certificates existed). */
export const DEFAULT_AUTHENTICATION: readonly DeviceAuthentication[] = ["apiKey"];

export function groupAccepts(group: DeviceGroupRecord, method: DeviceAuthentication): boolean {
  return (group.authentication ?? DEFAULT_AUTHENTICATION).includes(method);
}

export type StaticAttributeValue = string | number | boolean | null;

export interface DeviceGroupRecord {
  /** `<tenant>/<groupId>`. */
  id: string;
  tenant: string;
  groupId: string;
  apiKeyHash: string;
  /** First telemetry from an unknown device id with this group's key creates the device. */
  autoprovision: boolean;
  /** When true only `attributes` are accepted; otherwise they only declare types. */
  explicitAttributes: boolean;
  attributes: AttributeDefinition[];
  /** Accepted device credentials; absent means API key only. */
  authentication?: DeviceAuthentication[];
  /** Written by the device-manager API (absent on groups seeded from the provisioning file). */
  transport?: DeviceTransport;
  description?: string;
  staticAttributes?: Record<string, StaticAttributeValue>;
  apiKeyRotatedAt?: string;
  createdAt?: string;
}

export interface DeviceRecord {
  /** `<tenant>/<deviceId>`: device ids are unique per tenant. */
  id: string;
  tenant: string;
  deviceId: string;
  groupId: string;
  provisionedBy: "file" | "autoprovision" | "api";
  createdAt: string;
  /** Written by the device-manager API. */
  name?: string;
  staticAttributes?: Record<string, StaticAttributeValue>;
}

export const deviceGroupIndexes: CollectionOptions = {
  indexes: [
    { fields: ["apiKeyHash"], unique: true },
    { fields: ["tenant", "groupId"], unique: true },
  ],
};
export const deviceIndexes: CollectionOptions = { indexes: [{ fields: ["tenant", "groupId"] }] };

export function hashApiKey(apiKey: string): string {
  return createHash("sha256").update(apiKey, "utf8").digest("hex");
}

export function deviceRecordId(tenant: string, deviceId: string): string {
  return `${tenant}/${deviceId}`;
}

export function groupRecordId(tenant: string, groupId: string): string {
  return `${tenant}/${groupId}`;
}

export async function openDeviceCollections(store: DocumentStore): Promise<{
  groups: Collection<DeviceGroupRecord>;
  devices: Collection<DeviceRecord>;
}> {
  return {
    groups: await store.collection<DeviceGroupRecord>(DEVICE_GROUPS, deviceGroupIndexes),
    devices: await store.collection<DeviceRecord>(DEVICES, deviceIndexes),
  };
}
