import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import {
  telemetryRoutingKey,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import { partitionedTelemetryRoutingKey } from "../../runtime-kit/primitives/telemetry-partitions.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  deviceRecordId,
  groupRecordId,
  type DeviceGroupRecord,
  type DeviceRecord,
} from "../../field-gateway/registry/device-records.js";

/** A primitive that can never be stored: it goes to the dead-letter queue with the reason. */
export class SemanticError extends PoisonMessageError {
  constructor(
    readonly code: "ROUTING_MISMATCH" | "UNKNOWN_DEVICE" | "ATTRIBUTE_NOT_ALLOWED" | "TIMESTAMP_OUT_OF_RANGE",
    detail: string,
  ) {
    super(`${code}: ${detail}`);
    this.name = "SemanticError";
  }
}

/**
 * Semantic checks of TR 103 527 Figure 11 step 2 on a structurally valid primitive: the routing
 * key matches the body (a publisher cannot file data under another tenant's key), the device is
 * registered in the tenant, attributes are allowed by its group, and no timestamp is further in
 * the future than the skew allowance. The field gateway checks the same at the edge; checking
 * again here keeps every producer (OPC UA adapter, later bindings) honest.
 */
export class SemanticValidator {
  private readonly cache = new Map<
    string,
    { device: DeviceRecord; group: DeviceGroupRecord | undefined; until: number }
  >();

  constructor(
    private readonly devices: Collection<DeviceRecord>,
    private readonly groups: Collection<DeviceGroupRecord>,
    private readonly maxFutureSkewMs: number,
    private readonly cacheTtlMs: number,
    /** When set, routing keys carry the device's partition (runtime-kit/primitives/telemetry-partitions.ts). */
    private readonly telemetryPartitions?: number,
  ) {}

  /**
   * The routing key must be the one the body implies: the bus keeps the publisher's routing key
   * on every delivery, redeliveries included, so a mismatch means a forged or misrouted message.
   */
  async check(primitive: TelemetryPrimitive, routing: { routingKey: string }): Promise<void> {
    const expected =
      this.telemetryPartitions === undefined
        ? telemetryRoutingKey(primitive.tenant, primitive.deviceId)
        : partitionedTelemetryRoutingKey(primitive.tenant, primitive.deviceId, this.telemetryPartitions);
    const { routingKey } = routing;
    if (routingKey !== expected) {
      throw new SemanticError(
        "ROUTING_MISMATCH",
        `routing key ${routingKey} does not match the body's ${expected}`,
      );
    }
    const { group } = await this.lookup(primitive.tenant, primitive.deviceId);
    const latest = Date.parse(primitive.receivedAt) + this.maxFutureSkewMs;
    for (const [index, measurement] of primitive.measurements.entries()) {
      if (Date.parse(measurement.timestamp) > latest) {
        throw new SemanticError(
          "TIMESTAMP_OUT_OF_RANGE",
          `/measurements/${index}/timestamp ${measurement.timestamp} is in the future`,
        );
      }
      if (
        group?.explicitAttributes &&
        !group.attributes.some((attribute) => attribute.name === measurement.attribute)
      ) {
        throw new SemanticError(
          "ATTRIBUTE_NOT_ALLOWED",
          `/measurements/${index}/attribute "${measurement.attribute}" is not declared by group "${group.groupId}"`,
        );
      }
    }
  }

  private async lookup(
    tenant: string,
    deviceId: string,
  ): Promise<{ device: DeviceRecord; group: DeviceGroupRecord | undefined }> {
    const id = deviceRecordId(tenant, deviceId);
    const cached = this.cache.get(id);
    if (cached && cached.until > Date.now()) return cached;
    const device = await this.devices.get(id);
    if (!device)
      throw new SemanticError("UNKNOWN_DEVICE", `device ${deviceId} is not registered in tenant ${tenant}`);
    const group = await this.groups.get(groupRecordId(tenant, device.groupId));
    const entry = { device, group, until: Date.now() + this.cacheTtlMs };
    if (this.cache.size > 100_000) this.cache.clear();
    this.cache.set(id, entry);
    return entry;
  }
}
