import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  deviceRecordId,
  groupRecordId,
  hashApiKey,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "../registry/device-records.js";

export interface KnownDevice {
  tenant: string;
  deviceId: string;
  group: DeviceGroupRecord;
}

/**
 * Device lookups of the command path, cached for the registry TTL like telemetry's
 * DeviceDirectory (a rotated key or removed device stops working within that time) but never
 * autoprovisioning: a command reply or poll from an unknown device is refused, not a new device.
 */
export class DeviceCredentials {
  private readonly cache = new Map<string, { value: KnownDevice | undefined; until: number }>();

  constructor(
    private readonly groups: Collection<DeviceGroupRecord>,
    private readonly devices: Collection<DeviceRecord>,
    private readonly cacheTtlMs: number,
    private readonly maxEntries = 50_000,
  ) {}

  /** The device this API key and id authenticate, or undefined (unknown key, unknown device, other group). */
  async authenticate(apiKey: string | undefined, deviceId: string): Promise<KnownDevice | undefined> {
    if (!apiKey || !IDENTIFIER_PATTERN.test(deviceId)) return undefined;
    return this.cached(`key:${hashApiKey(apiKey)}:${deviceId}`, async () => {
      const [group] = await this.groups.find({ where: { apiKeyHash: hashApiKey(apiKey) }, limit: 1 });
      if (!group) return undefined;
      const device = await this.devices.get(deviceRecordId(group.tenant, deviceId));
      if (!device || device.groupId !== group.groupId) return undefined;
      return { tenant: group.tenant, deviceId, group };
    });
  }

  /** The device a command names, with its group (for the transport), or undefined. */
  async lookup(tenant: string, deviceId: string): Promise<KnownDevice | undefined> {
    return this.cached(
      `id:${tenant}/${deviceId}`,
      async () => {
        const device = await this.devices.get(deviceRecordId(tenant, deviceId));
        if (!device) return undefined;
        const group = await this.groups.get(groupRecordId(tenant, device.groupId));
        return group ? { tenant, deviceId, group } : undefined;
      },
      false,
    );
  }

  private async cached(
    key: string,
    load: () => Promise<KnownDevice | undefined>,
    /** Misses are cached for authentication (a flood of bad keys costs no reads), not for lookups
     * of commanded devices (a device provisioned a moment ago must get its first command). */
    cacheMiss = true,
  ): Promise<KnownDevice | undefined> {
    const hit = this.cache.get(key);
    if (hit && hit.until > Date.now()) return hit.value;
    const value = await load();
    if (!value && !cacheMiss) return value;
    if (this.cache.size >= this.maxEntries) this.cache.delete(this.cache.keys().next().value as string);
    this.cache.set(key, { value, until: Date.now() + this.cacheTtlMs });
    return value;
  }
}
