import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { openDeviceCollections } from "../field-gateway/registry/device-records.js";
import { requestProcessorSettings } from "./settings.js";
import { telemetryHandler } from "./handling/handle-telemetry.js";
import { SemanticValidator } from "./handling/semantic-validation.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  latestValueIndexes,
  measurementIndexes,
  type LatestValueRecord,
  type MeasurementRecord,
} from "./storage/measurement-records.js";

/**
 * Primitives/s one instance stores with a core to itself on the embedded store: the batched
 * in-process handler figure of `npm run bench:ingest` (docs/benchmarks.md "Ingest").
 */
const CAPACITY_PER_SECOND = 1200;

/**
 * The request processor (TR 103 527 "request processing and orchestration logic"): competing
 * consumers of the telemetry work queue, storing measurements idempotently and announcing them
 * on iot.events (docs/design/telemetry-path.md).
 */
export const definition: IvfDefinition<typeof requestProcessorSettings> = {
  name: "request-processor",
  settings: requestProcessorSettings,
  uses: { bus: true, store: { database: "iot" } },
  async start(context) {
    const { config, bus, store, logger } = context;
    const kpis = new IvfKpis({ registry: context.metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(context.readiness);
    const { devices, groups } = await openDeviceCollections(store);
    const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS, measurementIndexes);
    const latest = await store.collection<LatestValueRecord>(LATEST_VALUES, latestValueIndexes);
    const validator = new SemanticValidator(devices, groups, config.maxFutureSkew, config.registryCacheTtl);

    await bus.declareExchange(config.requestsExchange);
    await bus.declareExchange(config.eventsExchange);
    const queue = {
      name: config.queue,
      exchange: config.requestsExchange,
      bindings: ["telemetry.#"],
      maxDeliveries: config.maxDeliveries,
    };
    const handler = telemetryHandler({
      bus,
      eventsExchange: config.eventsExchange,
      measurements,
      latest,
      validator,
      kpis,
      logger,
      batch: { maxSize: Math.min(config.batchSize, config.prefetch), lingerMs: config.batchLinger },
    });
    const consumer = await bus.consume(queue, handler, {
      prefetch: config.prefetch,
      consumerTag: context.instanceId,
    });
    kpis.watchQueue(bus, config.queue);
    context.readiness.add("consumer", () => bus.isHealthy());
    // Drain on SIGTERM: stop taking deliveries, let in-flight ones finish, hand back the rest.
    context.shutdown.add("drain telemetry consumer", () =>
      consumer.stop(Math.max(1000, config.shutdownGrace - 1000)),
    );
  },
};
