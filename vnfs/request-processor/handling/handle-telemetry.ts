import type { Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import {
  InvalidPrimitiveError,
  measurementId,
  parseTelemetryPrimitive,
  primitiveMessageId,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  latestValueId,
  sortKey,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../storage/measurement-records.js";
import { updateLatestValue } from "../storage/update-latest-values.js";
import { SemanticError, type SemanticValidator } from "./semantic-validation.js";

export interface TelemetryHandlerDeps {
  bus: MessageBus;
  eventsExchange: string;
  measurements: Collection<MeasurementRecord>;
  latest: Collection<LatestValueRecord>;
  validator: SemanticValidator;
  kpis: IvfKpis;
  logger: Logger;
}

/**
 * Handles one request primitive (TR 103 527 Figure 11 steps 2-5): structural and semantic
 * validation, idempotent storage, latest values, then the `stored` event. Every step is safe to
 * repeat, so a redelivery after a crash at any point stores nothing twice and still publishes the
 * event. A primitive that can never succeed throws PoisonMessageError (straight to the DLQ);
 * anything else throws for redelivery until the queue's maxDeliveries.
 */
export function telemetryHandler(deps: TelemetryHandlerDeps): (delivery: Delivery) => Promise<void> {
  return async (delivery) => {
    const started = performance.now();
    deps.kpis.inFlight.inc();
    if (delivery.redelivered) deps.kpis.redelivered.inc();
    try {
      const primitive = parse(delivery.body);
      await deps.validator.check(primitive, delivery);
      await store(deps, primitive);
      await deps.bus.publish(deps.eventsExchange, storedEvent(primitive));
      deps.kpis.recordProcessed("ok", (performance.now() - started) / 1000);
      deps.kpis.endToEndLatency.observe(Math.max(0, Date.now() - Date.parse(primitive.receivedAt)) / 1000);
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      deps.kpis.recordProcessed(poison ? "rejected" : "error", (performance.now() - started) / 1000);
      if (poison) {
        deps.kpis.dropped.inc({
          reason:
            error instanceof SemanticError && error.code === "UNKNOWN_DEVICE" ? "unknown_device" : "invalid",
        });
      }
      deps.logger.warn(
        {
          messageId: delivery.messageId,
          routingKey: delivery.routingKey,
          deliveryCount: delivery.deliveryCount,
          err: error,
        },
        poison ? "primitive refused; dead-lettered" : "primitive failed; will be redelivered",
      );
      throw error;
    } finally {
      deps.kpis.inFlight.dec();
    }
  };
}

function parse(body: unknown): TelemetryPrimitive {
  try {
    return parseTelemetryPrimitive(body);
  } catch (error) {
    if (error instanceof InvalidPrimitiveError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}

async function store(deps: TelemetryHandlerDeps, primitive: TelemetryPrimitive): Promise<void> {
  const { tenant, deviceId, receivedAt } = primitive;
  const records: MeasurementRecord[] = primitive.measurements.map((measurement) => {
    const timestamp = new Date(measurement.timestamp).toISOString();
    const id = measurementId(tenant, deviceId, measurement.attribute, timestamp);
    const record: MeasurementRecord = {
      id,
      tenant,
      deviceId,
      attribute: measurement.attribute,
      value: measurement.value,
      timestamp,
      receivedAt,
      sortKey: sortKey(timestamp, id),
    };
    if (measurement.quality !== undefined) record.quality = measurement.quality;
    return record;
  });
  const started = performance.now();
  try {
    await deps.measurements.insertMany(records);
    for (const record of newestPerAttribute(records)) {
      await updateLatestValue(deps.latest, {
        id: latestValueId(tenant, deviceId, record.attribute),
        tenant,
        deviceId,
        attribute: record.attribute,
        value: record.value,
        timestamp: record.timestamp,
        measurementId: record.id,
        ...(record.quality !== undefined ? { quality: record.quality } : {}),
      });
    }
  } catch (error) {
    deps.kpis.storageWriteErrors.inc();
    throw error;
  } finally {
    deps.kpis.storageWriteDuration.observe((performance.now() - started) / 1000);
  }
}

function newestPerAttribute(records: MeasurementRecord[]): MeasurementRecord[] {
  const newest = new Map<string, MeasurementRecord>();
  for (const record of records) {
    const current = newest.get(record.attribute);
    if (!current || record.sortKey > current.sortKey) newest.set(record.attribute, record);
  }
  return [...newest.values()];
}

/** `stored.<tenant>.<deviceId>` on iot.events; its id is derived from the primitive's, so a redelivery republishes the same event id. */
function storedEvent(primitive: TelemetryPrimitive) {
  return {
    routingKey: `stored.${primitive.tenant}.${primitive.deviceId}`,
    messageId: `stored-${primitiveMessageId(primitive)}`,
    body: {
      tenant: primitive.tenant,
      deviceId: primitive.deviceId,
      receivedAt: primitive.receivedAt,
      storedAt: new Date().toISOString(),
      measurements: primitive.measurements.map((measurement) => ({
        id: measurementId(primitive.tenant, primitive.deviceId, measurement.attribute, measurement.timestamp),
        attribute: measurement.attribute,
        value: measurement.value,
        timestamp: new Date(measurement.timestamp).toISOString(),
      })),
    },
  };
}
