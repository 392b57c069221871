import { Counter, Gauge } from "prom-client";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { DetectionProfiles } from "./profiles/detection-profiles.js";
import { FAULTS, type FaultRecord } from "./consumer/fault-events.js";
import { SeriesRegistry } from "./consumer/series-registry.js";
import { storedEventHandler } from "./consumer/stored-event-handler.js";
import { faultDetectorSettings } from "./settings.js";

/** Calibrated stored events per second one instance judges at full load (bench:ingest figure). */
const CAPACITY_PER_SECOND = 20_000;

/**
 * Passive fault detection (TR 103 527 Annex A): listens to stored events on its own queue, so
 * ingestion never waits for it, and flags outliers, spikes, steps, stuck values and range
 * violations per series. Series state lives in memory, so the queue has a single active
 * consumer: extra instances are hot standbys that take over (with a short warm-up) when the
 * active one goes away.
 */
export const definition: IvfDefinition<typeof faultDetectorSettings> = {
  name: "fault-detector",
  settings: faultDetectorSettings,
  uses: { bus: true, store: { database: "iot" } },
  async start({ config, bus, store, metrics, readiness, logger, shutdown }) {
    const kpis = new IvfKpis({ registry: metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(readiness);
    const registry = new SeriesRegistry(config.maxSeries);
    const faultsDetected = new Counter({
      name: "iotvf_faults_detected_total",
      help: "Faults raised or cleared by the passive fault detector, by test and severity",
      labelNames: ["kind", "severity"],
      registers: [metrics],
    });
    new Gauge({
      name: "iotvf_fault_series_tracked",
      help: "Time series whose detector state is held in memory",
      registers: [metrics],
      collect() {
        this.set(registry.size);
      },
    });
    const profiles = await DetectionProfiles.open(store, config.profileCacheTtl, (problem) =>
      logger.warn({ problem }, "detection profile ignored"),
    );
    const faults = await store.collection<FaultRecord>(FAULTS, {
      indexes: [{ fields: ["tenant", "deviceId", "timestamp"] }, { fields: ["tenant", "detectedAt"] }],
    });

    const queue = {
      name: config.queue,
      exchange: config.eventsExchange,
      bindings: ["stored.#"],
      singleActiveConsumer: true,
    };
    await bus.declareExchange(config.eventsExchange);
    const consumer = await bus.consume(
      queue,
      storedEventHandler({
        bus,
        eventsExchange: config.eventsExchange,
        faults,
        registry,
        profiles,
        kpis,
        faultsDetected,
      }),
      { prefetch: config.prefetch, consumerTag: `fault-detector-${config.instanceId}` },
    );
    kpis.watchQueue(bus, config.queue);
    readiness.add("consumer", () => true);
    shutdown.add("stop consuming stored events", () => consumer.stop(config.shutdownGrace));
  },
};
