import type { Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import {
  InvalidStoredEventError,
  storedEventsOf,
  type StoredEvent,
} from "../../runtime-kit/primitives/stored-event.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { Counter } from "prom-client";
import type { DetectionProfiles } from "../profiles/detection-profiles.js";
import { faultMessage, faultRecord, type FaultRecord } from "./fault-events.js";
import type { SeriesRegistry } from "./series-registry.js";

export interface StoredEventHandlerDeps {
  bus: MessageBus;
  eventsExchange: string;
  faults: Collection<FaultRecord>;
  registry: SeriesRegistry;
  profiles: DetectionProfiles;
  kpis: IvfKpis;
  faultsDetected: Counter<"kind" | "severity">;
  now?: () => Date;
}

/**
 * Runs every numeric measurement of a stored event (single or in an envelope) through its series' detectors; faults are
 * stored (idempotently) and published before the event is acknowledged, so an acknowledged
 * event never loses a fault. Non-numeric values (states, labels) are not series and are skipped.
 *
 * Events are judged strictly one after another in delivery order: the bus hands over up to
 * `prefetch` events at once, and letting them interleave at await points would feed a series
 * out of order (later samples first, earlier ones then ignored as late).
 */
export function storedEventHandler(deps: StoredEventHandlerDeps): (delivery: Delivery) => Promise<void> {
  const judge = judgeEvent(deps);
  let previous: Promise<void> = Promise.resolve();
  return (delivery) => {
    const run = previous.then(() => judge(delivery));
    previous = run.catch(() => undefined);
    return run;
  };
}

function judgeEvent(deps: StoredEventHandlerDeps): (delivery: Delivery) => Promise<void> {
  return async (delivery) => {
    const started = performance.now();
    deps.kpis.received.inc({ protocol: "amqp" });
    // An envelope's events are judged in their order, and its faults stored and published together.
    const faults: FaultRecord[] = [];
    for (const { event } of parse(delivery)) faults.push(...(await detect(deps, event)));
    if (faults.length > 0) {
      await deps.faults.insertMany(faults);
      await deps.bus.publishBatch(deps.eventsExchange, faults.map(faultMessage));
      for (const fault of faults) deps.faultsDetected.inc({ kind: fault.kind, severity: fault.severity });
    }
    deps.kpis.recordProcessed("ok", (performance.now() - started) / 1000);
  };
}

function parse(delivery: Delivery): { event: StoredEvent }[] {
  try {
    return storedEventsOf(delivery);
  } catch (error) {
    if (error instanceof InvalidStoredEventError)
      throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}

async function detect(deps: StoredEventHandlerDeps, event: StoredEvent): Promise<FaultRecord[]> {
  const detectedAt = (deps.now ?? (() => new Date()))();
  const ordered = [...event.measurements].sort((a, b) => Date.parse(a.timestamp) - Date.parse(b.timestamp));
  const faults: FaultRecord[] = [];
  for (const measurement of ordered) {
    if (typeof measurement.value !== "number" || !Number.isFinite(measurement.value)) continue;
    const series = { tenant: event.tenant, deviceId: event.deviceId, attribute: measurement.attribute };
    const parameters = await deps.profiles.parametersFor(series.tenant, series.deviceId, series.attribute);
    const key = `${series.tenant}\u0000${series.deviceId}\u0000${series.attribute}`;
    const detector = deps.registry.detectorFor(key, parameters);
    for (const finding of detector.observe({ t: Date.parse(measurement.timestamp), v: measurement.value })) {
      faults.push(faultRecord(series, finding, detectedAt));
    }
  }
  return faults;
}
