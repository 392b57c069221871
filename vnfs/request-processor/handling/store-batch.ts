import type { MessageBus } from "../../runtime-kit/bus/message-bus.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import {
  measurementId,
  messageIdOf,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import {
  storedEventMessages,
  type IdentifiedStoredEvent,
} from "../../runtime-kit/primitives/stored-event.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import {
  latestValueId,
  sortKey,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../storage/measurement-records.js";
import { updateLatestValues } from "../storage/update-latest-values.js";
import { NO_TURN, type BatchOutcomes, type BatchTurn } from "./micro-batcher.js";

export interface StorageDeps {
  bus: MessageBus;
  eventsExchange: string;
  measurements: Collection<MeasurementRecord>;
  latest: Collection<LatestValueRecord>;
  kpis: IvfKpis;
}

/** A primitive that passed structural and semantic validation, with its records, waiting for its batch. */
export interface Accepted {
  primitive: TelemetryPrimitive;
  /** One per measurement, in the primitive's order; ids are computed once here. */
  records: MeasurementRecord[];
}

export function accepted(primitive: TelemetryPrimitive): Accepted {
  return { primitive, records: measurementRecords(primitive) };
}

/**
 * Stores and announces one batch (Figure 11 steps 4-6): one insertMany, one batched latest-values
 * update, then the stored events, enveloped per tenant, in one publishBatch. Returns each item's
 * outcome (undefined = stored and announced). A batch whose write fails is retried item by item so
 * that one bad write fails only its own item.
 */
export async function storeBatch(
  deps: StorageDeps,
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
    // Isolate the failing item: the others must not be redelivered (or dead-lettered) with it.
    // One after the other, so that their events still leave in delivery order.
    const outcomes: BatchOutcomes = [];
    for (const item of items) outcomes.push(...(await storeBatch(deps, [item], turn)));
    return outcomes;
  }
  // Storage above overlaps the previous batch; its events wait for their turn (per-device order).
  await turn.ready();
  try {
    await deps.bus.publishBatch(deps.eventsExchange, storedEventMessages(items.map(storedEvent)));
    return items.map(() => undefined);
  } catch (error) {
    // Stored but not announced: the redelivery stores nothing new and publishes the same event ids.
    return items.map(() => asError(error));
  }
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}

async function store(deps: StorageDeps, records: MeasurementRecord[]): Promise<void> {
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

/** The stored event of one primitive; its id is derived from the primitive's, so a redelivery announces the same event id. */
function storedEvent({ primitive, records }: Accepted): IdentifiedStoredEvent {
  return {
    eventId: `stored-${messageIdOf(records.map((record) => record.id))}`,
    event: {
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
