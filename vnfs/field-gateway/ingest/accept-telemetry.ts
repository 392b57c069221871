import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import {
  PRIMITIVE_VERSION,
  type Measurement,
  type SourceProtocol,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryMessage,
} from "../../runtime-kit/primitives/telemetry-partitions.js";
import type { DeviceDirectory } from "../registry/device-directory.js";
import type { CertifiedDevice } from "../registry/certificate-identity.js";
import type { DeviceGroupRecord } from "../registry/device-records.js";
import type { BatchPublisher } from "./batch-publisher.js";
import { IngestError } from "./ingest-errors.js";
import { decodeJson, normalisePayload } from "./normalise-payload.js";
import { applyTransformations } from "./group-transformations.js";

export interface TelemetryInput {
  protocol: Extract<SourceProtocol, "mqtt" | "http">;
  /** Where it arrived: the MQTT topic or the HTTP path (never the API key). */
  endpoint: string;
  apiKey: string | undefined;
  /** The device a verified client certificate names (used instead of the API key when present). */
  certificate?: CertifiedDevice | undefined;
  deviceId: string;
  /** Raw payload bytes; decoded here so that both bindings refuse the same inputs the same way. */
  payload: Uint8Array;
}

/**
 * The binding-independent part of ingestion (TR 103 527 Figure 11 step 1): authenticate, resolve
 * the device, decode and normalise the payload, check it against the device group, turn it into
 * the request primitive and hand it to the publisher. Resolves when the bus confirmed it.
 */
export class TelemetryIntake {
  constructor(
    private readonly directory: DeviceDirectory,
    private readonly publisher: BatchPublisher,
    private readonly kpis: IvfKpis,
    private readonly logger: Logger,
    private readonly maxFutureSkewMs: number,
    /** IVF_TELEMETRY_PARTITIONS: the partition word of the routing key. */
    private readonly telemetryPartitions = DEFAULT_TELEMETRY_PARTITIONS,
  ) {}

  async accept(input: TelemetryInput): Promise<{ tenant: string; measurements: number }> {
    const started = performance.now();
    try {
      const receivedAt = new Date();
      const device = await this.directory.resolve(input.apiKey, input.deviceId, input.certificate);
      // The group's transformation expressions (issue 6) run before the group's declarations are checked.
      const measurements = applyTransformations(
        normalisePayload(decodeJson(input.payload), { receivedAt, maxFutureSkewMs: this.maxFutureSkewMs }),
        device.group,
        device.deviceId,
      );
      checkAgainstGroup(measurements, device.group);
      const primitive: TelemetryPrimitive = {
        primitiveVersion: PRIMITIVE_VERSION,
        operation: "create",
        tenant: device.tenant,
        deviceId: device.deviceId,
        source: { protocol: input.protocol, endpoint: input.endpoint.slice(0, 512) },
        receivedAt: receivedAt.toISOString(),
        measurements,
      };
      if (device.autoprovisioned) {
        this.logger.info(
          { tenant: device.tenant, deviceId: device.deviceId, group: device.group.groupId },
          "device autoprovisioned",
        );
      }
      this.kpis.received.inc({ protocol: input.protocol });
      await this.publisher.publish(partitionedTelemetryMessage(primitive, this.telemetryPartitions));
      this.kpis.recordProcessed("ok", (performance.now() - started) / 1000);
      return { tenant: device.tenant, measurements: measurements.length };
    } catch (error) {
      const outcome = error instanceof IngestError && error.drop !== "overload" ? "rejected" : "error";
      this.kpis.recordProcessed(outcome, (performance.now() - started) / 1000);
      if (error instanceof IngestError) this.kpis.dropped.inc({ reason: error.drop });
      throw error;
    }
  }
}

/** Declared attributes: with `explicitAttributes` only they are accepted; declared types always hold. */
function checkAgainstGroup(measurements: Measurement[], group: DeviceGroupRecord): void {
  if (group.attributes.length === 0) return;
  const declared = new Map(group.attributes.map((attribute) => [attribute.name, attribute]));
  const problems: string[] = [];
  for (const measurement of measurements) {
    const definition = declared.get(measurement.attribute);
    if (!definition) {
      if (group.explicitAttributes) {
        problems.push(
          `attribute "${measurement.attribute}" is not declared by device group "${group.groupId}"`,
        );
      }
      continue;
    }
    if (measurement.value !== null && typeof measurement.value !== definition.type) {
      problems.push(
        `attribute "${measurement.attribute}" must be a ${definition.type} (got ${typeof measurement.value})`,
      );
    }
  }
  if (problems.length > 0) throw new IngestError("ATTRIBUTE_NOT_ALLOWED", problems);
}
