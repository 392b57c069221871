import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { openDeviceCollections } from "../field-gateway/registry/device-records.js";
import { requestProcessorSettings } from "./settings.js";
import { telemetryHandler } from "./handling/handle-telemetry.js";
import { DeliverySizes } from "./handling/delivery-sizes.js";
import { DeviceOrderedValidator } from "./partitions/device-ordered-validator.js";
import { startPartitionedConsumption } from "./partitions/partitioned-consumption.js";
import { telemetryPartitionQueue } from "../runtime-kit/primitives/telemetry-partitions.js";
import { checkTelemetryPartitionCount } from "../runtime-kit/primitives/partition-count-check.js";
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
 * The request processor (TR 103 527 "request processing and orchestration logic"): consumes the
 * telemetry partitions it owns (one instance per partition at a time, so per-device order holds
 * through scaling), stores measurements idempotently and announces them on iot.events in order
 * (docs/design/telemetry-path.md).
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
    const validator = new DeviceOrderedValidator(
      devices,
      groups,
      config.maxFutureSkew,
      config.registryCacheTtl,
      config.telemetryPartitions,
    );

    // Refuses to start when publishers or other request processors use another partition count.
    await checkTelemetryPartitionCount(store, {
      exchange: config.requestsExchange,
      partitions: config.telemetryPartitions,
      instanceId: context.instanceId,
    });
    await bus.declareExchange(config.requestsExchange);
    await bus.declareExchange(config.eventsExchange);
    const sizes = new DeliverySizes();
    const handler = telemetryHandler({
      sizes,
      bus,
      eventsExchange: config.eventsExchange,
      measurements,
      latest,
      validator,
      kpis,
      logger,
      // Ordered: batches are stored and announced one after the other (per-device order of events).
      batch: {
        // Primitives, not deliveries: an envelope brings many at once, so the prefetch (in
        // deliveries) does not cap it; the linger sends a batch that cannot fill.
        maxSize: config.batchSize,
        lingerMs: config.batchLinger,
        ordered: true,
      },
    });
    // Per-device order through scaling: one queue per partition, one owning instance at a time
    // (docs/design/telemetry-path.md "Per-device order").
    const partitioned = await startPartitionedConsumption({
      bus,
      store,
      logger,
      handler,
      instanceId: context.instanceId,
      exchange: config.requestsExchange,
      queuePrefix: config.queue,
      partitions: config.telemetryPartitions,
      prefetch: config.prefetch,
      maxDeliveries: config.maxDeliveries,
      leaseTtlMs: config.partitionLeaseTtl,
      reconcileMs: config.partitionReconcile,
      drainTimeoutMs: Math.max(1000, Math.min(config.shutdownGrace - 1000, config.partitionLeaseTtl / 2)),
      metrics: context.metrics,
    });
    for (let partition = 0; partition < config.telemetryPartitions; partition++) {
      kpis.watchQueue(bus, telemetryPartitionQueue(config.queue, partition), () => sizes.mean());
    }
    context.readiness.add("consumer", () => bus.isHealthy());
    // Drain on SIGTERM: leave the membership, drain every owned partition, release its lease.
    context.shutdown.add("drain telemetry partitions", () => partitioned.stop());
  },
};
