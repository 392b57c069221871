import type { Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import {
  InvalidPrimitiveError,
  measurementId,
  messageIdOf,
  parseTelemetryPrimitive,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  latestValueId,
  sortKey,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../storage/measurement-records.js";
import { updateLatestValues } from "../storage/update-latest-values.js";
import {
  MicroBatcher,
  NO_TURN,
  type BatchOutcomes,
  type BatchTurn,
  type MicroBatcherOptions,
} from "./micro-batcher.js";
import { SemanticError, type SemanticValidator } from "./semantic-validation.js";

export interface TelemetryHandlerDeps {
  bus: MessageBus;
  eventsExchange: string;
  measurements: Collection<MeasurementRecord>;
  latest: Collection<LatestValueRecord>;
  validator: SemanticValidator;
  kpis: IvfKpis;
  logger: Logger;
  /** How deliveries are grouped for storage (docs/design/telemetry-path.md "Batching"). */
  batch?: MicroBatcherOptions;
}

export const DEFAULT_BATCH: MicroBatcherOptions = { maxSize: 250, lingerMs: 5 };

/** A delivery that passed structural and semantic validation, with its records, waiting for its batch. */
interface Accepted {
  primitive: TelemetryPrimitive;
  /** One per measurement, in the primitive's order; ids are computed once here. */
  records: MeasurementRecord[];
}

/**
 * Handles one request primitive (TR 103 527 Figure 11 steps 2-5): structural and semantic
 * validation per delivery, then storage and the `stored` event for a whole batch of deliveries
 * at once (one insertMany, one batched latest-values update, one publishBatch). Every step is
 * safe to repeat, so a redelivery after a crash at any point stores nothing twice and still
 * publishes the event. A primitive that can never succeed throws PoisonMessageError (straight to
 * the DLQ) before it joins a batch; a batch whose write fails is retried delivery by delivery so
 * that one bad write fails only its own delivery, which is redelivered until maxDeliveries.
 */
export function telemetryHandler(deps: TelemetryHandlerDeps): (delivery: Delivery) => Promise<void> {
  const batcher = new MicroBatcher<Accepted>(deps.batch ?? DEFAULT_BATCH, (items, turn) =>
    storeBatch(deps, items, turn),
  );
  return async (delivery) => {
    const started = performance.now();
    deps.kpis.inFlight.inc();
    if (delivery.redelivered) deps.kpis.redelivered.inc();
    try {
      const primitive = parse(delivery.body);
      await deps.validator.check(primitive, delivery);
      await batcher.submit({ primitive, records: measurementRecords(primitive) });
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

/** Stores and announces one batch; returns each delivery's outcome (undefined = stored and announced). */
async function storeBatch(
  deps: TelemetryHandlerDeps,
  items: Accepted[],
  turn: BatchTurn = NO_TURN,
): Promise<BatchOutcomes> {
  try {
    await store(
      deps,
      items.flatMap((item) => item.records),
    );
  } catch (error) {
    if (items.length === 1) return [asError(error)];
    // Isolate the failing delivery: the others must not be redelivered (or dead-lettered) with it.
    // One after the other, so that their events still leave in delivery order.
    const outcomes: BatchOutcomes = [];
    for (const item of items) outcomes.push(...(await storeBatch(deps, [item], turn)));
    return outcomes;
  }
  // Storage above overlaps the previous batch; its events wait for their turn (per-device order).
  await turn.ready();
  try {
    await deps.bus.publishBatch(deps.eventsExchange, items.map(storedEvent));
    return items.map(() => undefined);
  } catch (error) {
    // Stored but not announced: the redelivery stores nothing new and publishes the same event ids.
    return items.map(() => asError(error));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

function parse(body: unknown): TelemetryPrimitive {
  try {
    return parseTelemetryPrimitive(body);
  } catch (error) {
    if (error instanceof InvalidPrimitiveError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}

async function store(deps: TelemetryHandlerDeps, records: MeasurementRecord[]): Promise<void> {
  const started = performance.now();
  try {
    await deps.measurements.insertMany(records);
    await updateLatestValues(deps.latest, records.map(latestCandidate));
  } catch (error) {
    deps.kpis.storageWriteErrors.inc();
    throw error;
  } finally {
    deps.kpis.storageWriteDuration.observe((performance.now() - started) / 1000);
  }
}

function measurementRecords(primitive: TelemetryPrimitive): MeasurementRecord[] {
  const { tenant, deviceId, receivedAt } = primitive;
  return primitive.measurements.map((measurement) => {
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
}

function latestCandidate(record: MeasurementRecord): LatestValueRecord {
  return {
    id: latestValueId(record.tenant, record.deviceId, record.attribute),
    tenant: record.tenant,
    deviceId: record.deviceId,
    attribute: record.attribute,
    value: record.value,
    timestamp: record.timestamp,
    measurementId: record.id,
    ...(record.quality !== undefined ? { quality: record.quality } : {}),
  };
}

/** `stored.<tenant>.<deviceId>` on iot.events; its id is derived from the primitive's, so a redelivery republishes the same event id. */
function storedEvent({ primitive, records }: Accepted) {
  return {
    routingKey: `stored.${primitive.tenant}.${primitive.deviceId}`,
    messageId: `stored-${messageIdOf(records.map((record) => record.id))}`,
    body: {
      tenant: primitive.tenant,
      deviceId: primitive.deviceId,
      receivedAt: primitive.receivedAt,
      storedAt: new Date().toISOString(),
      measurements: records.map((record) => ({
        id: record.id,
        attribute: record.attribute,
        value: record.value,
        timestamp: record.timestamp,
      })),
    },
  };
}
