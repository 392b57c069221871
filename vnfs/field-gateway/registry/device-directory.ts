import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import { IngestError } from "../ingest/ingest-errors.js";
import type { CertifiedDevice } from "./certificate-identity.js";
import {
  deviceRecordId,
  groupAccepts,
  groupRecordId,
  hashApiKey,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "./device-records.js";

export interface ResolvedDevice {
  tenant: string;
  deviceId: string;
  group: DeviceGroupRecord;
}

/**
 * Authenticates telemetry by API key or by client certificate and resolves the device,
 * autoprovisioning it when its group allows (API key only: a certificate names a device that
 * must already be registered, in a group that accepts certificates). Groups and known devices are cached for `cacheTtlMs` so that ingestion does not cost a
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
    certificate?: CertifiedDevice,
  ): Promise<ResolvedDevice & { autoprovisioned: boolean }> {
    if (!IDENTIFIER_PATTERN.test(deviceId)) {
      throw new IngestError("INVALID_DEVICE_ID", [
        `device id must match ${IDENTIFIER_PATTERN} (got ${JSON.stringify(deviceId.slice(0, 80))})`,
      ]);
    }
    if (certificate) return this.resolveCertified(certificate, deviceId);
    if (!apiKey) throw new IngestError("MISSING_API_KEY");
    const group = await this.groupByKey(apiKey);
    if (!group) throw new IngestError("UNKNOWN_API_KEY");
    if (!groupAccepts(group, "apiKey")) {
      throw new IngestError("API_KEY_NOT_ACCEPTED", [
        `device group "${group.groupId}" requires certificates`,
      ]);
    }
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

  /** A certificate names its device; the device must be registered and its group accept certificates. */
  private async resolveCertified(
    certificate: CertifiedDevice,
    deviceId: string,
  ): Promise<ResolvedDevice & { autoprovisioned: boolean }> {
    if (certificate.deviceId !== deviceId) {
      throw new IngestError("CERTIFICATE_NOT_ACCEPTED", [
        `the certificate is for device "${certificate.deviceId}", the request names "${deviceId}"`,
      ]);
    }
    const device = await this.device(certificate.tenant, deviceId);
    if (!device) {
      throw new IngestError("CERTIFICATE_NOT_ACCEPTED", [
        `device "${deviceId}" of tenant "${certificate.tenant}" is not registered`,
      ]);
    }
    const group = await this.groupById(certificate.tenant, device.groupId);
    if (!group || !groupAccepts(group, "certificate")) {
      throw new IngestError("CERTIFICATE_NOT_ACCEPTED", [
        `device group "${device.groupId}" does not accept certificate authentication`,
      ]);
    }
    return { tenant: group.tenant, deviceId, group, autoprovisioned: false };
  }

  private async groupById(tenant: string, groupId: string): Promise<DeviceGroupRecord | undefined> {
    const key = `id:${groupRecordId(tenant, groupId)}`;
    const cached = this.groupCache.get(key);
    if (cached && cached.until > Date.now()) return cached.group;
    const group = await this.groups.get(groupRecordId(tenant, groupId));
    this.remember(this.groupCache, key, { group, until: Date.now() + this.cacheTtlMs });
    return group;
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
