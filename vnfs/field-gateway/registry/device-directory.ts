import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import { IngestError } from "../ingest/ingest-errors.js";
import { deviceRecordId, hashApiKey, type DeviceGroupRecord, type DeviceRecord } from "./device-records.js";

export interface ResolvedDevice {
  tenant: string;
  deviceId: string;
  group: DeviceGroupRecord;
}

/**
 * Authenticates telemetry by API key and resolves the device, autoprovisioning it when its group
 * allows. Groups and known devices are cached for `cacheTtlMs` so that ingestion does not cost a
 * store round trip per message; a revoked key or removed device stops working within that time.
 */
export class DeviceDirectory {
  private readonly groupCache = new Map<string, { group: DeviceGroupRecord | undefined; until: number }>();
  private readonly deviceCache = new Map<string, { device: DeviceRecord | undefined; until: number }>();

  constructor(
    private readonly groups: Collection<DeviceGroupRecord>,
    private readonly devices: Collection<DeviceRecord>,
    private readonly cacheTtlMs: number,
    private readonly maxCacheEntries = 100_000,
  ) {}

  async resolve(
    apiKey: string | undefined,
    deviceId: string,
  ): Promise<ResolvedDevice & { autoprovisioned: boolean }> {
    if (!apiKey) throw new IngestError("MISSING_API_KEY");
    if (!IDENTIFIER_PATTERN.test(deviceId)) {
      throw new IngestError("INVALID_DEVICE_ID", [
        `device id must match ${IDENTIFIER_PATTERN} (got ${JSON.stringify(deviceId.slice(0, 80))})`,
      ]);
    }
    const group = await this.groupByKey(apiKey);
    if (!group) throw new IngestError("UNKNOWN_API_KEY");
    const existing = await this.device(group.tenant, deviceId);
    if (existing) {
      if (existing.groupId !== group.groupId)
        throw new IngestError("DEVICE_GROUP_MISMATCH", [`device "${deviceId}"`]);
      return { tenant: group.tenant, deviceId, group, autoprovisioned: false };
    }
    if (!group.autoprovision) {
      throw new IngestError("UNKNOWN_DEVICE", [
        `device "${deviceId}" is not provisioned and group "${group.groupId}" does not autoprovision`,
      ]);
    }
    const record: DeviceRecord = {
      id: deviceRecordId(group.tenant, deviceId),
      tenant: group.tenant,
      deviceId,
      groupId: group.groupId,
      provisionedBy: "autoprovision",
      createdAt: new Date().toISOString(),
    };
    // Idempotent: two gateways autoprovisioning the same device at once create one record.
    const outcome = await this.devices.insert(record);
    this.deviceCache.delete(record.id);
    if (outcome === "duplicate") return this.resolve(apiKey, deviceId);
    return { tenant: group.tenant, deviceId, group, autoprovisioned: true };
  }

  private async groupByKey(apiKey: string): Promise<DeviceGroupRecord | undefined> {
    const hash = hashApiKey(apiKey);
    const cached = this.groupCache.get(hash);
    if (cached && cached.until > Date.now()) return cached.group;
    const [group] = await this.groups.find({ where: { apiKeyHash: hash }, limit: 1 });
    this.remember(this.groupCache, hash, { group, until: Date.now() + this.cacheTtlMs });
    return group;
  }

  private async device(tenant: string, deviceId: string): Promise<DeviceRecord | undefined> {
    const id = deviceRecordId(tenant, deviceId);
    const cached = this.deviceCache.get(id);
    if (cached && cached.until > Date.now()) return cached.device;
    const device = await this.devices.get(id);
    // Unknown devices are cached briefly too, so a flood from an unprovisioned id costs no store reads.
    this.remember(this.deviceCache, id, { device, until: Date.now() + this.cacheTtlMs });
    return device;
  }

  private remember<V>(cache: Map<string, V>, key: string, value: V): void {
    if (cache.size >= this.maxCacheEntries) cache.delete(cache.keys().next().value as string);
    cache.set(key, value);
  }
}
