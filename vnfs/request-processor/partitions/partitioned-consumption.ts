import { Counter, Gauge, type Registry } from "prom-client";
import type { Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import { KPI_PREFIX } from "../../runtime-kit/metrics/ivf-kpis.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { LeaseStore } from "../../runtime-kit/ownership/lease-store.js";
import type { DocumentStore } from "../../runtime-kit/store/document-store.js";
import { telemetryPartitionQueue } from "../../runtime-kit/primitives/telemetry-partitions.js";
import { PartitionAssigner } from "./partition-assigner.js";
import { PartitionConsumers } from "./partition-consumers.js";
import {
  UNPARTITIONED_BINDING,
  unpartitionedForwarder,
  unpartitionedQueue,
} from "./unpartitioned-forwarder.js";

/**
 * Wires per-device ordered consumption for one request-processor instance: declares every
 * partition queue (so that nothing published is routed nowhere, even before any instance owns
 * it), forwards primitives without a partition word to their partition
 * (unpartitioned-forwarder.ts), then lets the assigner take the partitions rendezvous gives this
 * instance.
 */
export const PARTITION_LEASES = "telemetry_partition_leases";
export const PARTITION_MEMBERS = "telemetry_partition_members";

export interface PartitionedConsumptionOptions {
  bus: MessageBus;
  store: DocumentStore;
  logger: Logger;
  handler: (delivery: Delivery) => Promise<void>;
  instanceId: string;
  exchange: string;
  queuePrefix: string;
  partitions: number;
  prefetch: number;
  maxDeliveries: number;
  leaseTtlMs: number;
  reconcileMs: number;
  drainTimeoutMs: number;
  /** Where the partition KPIs are registered. */
  metrics: Registry;
}

export interface PartitionedConsumption {
  assigner: PartitionAssigner;
  consumers: PartitionConsumers;
  /** Scale-in: drain and release everything. */
  stop(): Promise<void>;
}

export async function startPartitionedConsumption(
  options: PartitionedConsumptionOptions,
): Promise<PartitionedConsumption> {
  const consumers = new PartitionConsumers(
    options.bus,
    options.handler,
    {
      queuePrefix: options.queuePrefix,
      exchange: options.exchange,
      maxDeliveries: options.maxDeliveries,
      prefetch: Math.max(8, Math.ceil(options.prefetch / options.partitions)),
      instanceId: options.instanceId,
      drainTimeoutMs: options.drainTimeoutMs,
    },
    options.logger,
  );
  for (let partition = 0; partition < options.partitions; partition++) await consumers.declare(partition);
  const leases = await LeaseStore.open(options.store, {
    leasesCollection: PARTITION_LEASES,
    membersCollection: PARTITION_MEMBERS,
    instanceId: options.instanceId,
    scope: options.queuePrefix,
    ttlMs: options.leaseTtlMs,
  });
  const handOvers = new Counter({
    name: `${KPI_PREFIX}telemetry_partition_changes_total`,
    help: "Telemetry partitions this instance started (taken) or stopped (given back) consuming",
    labelNames: ["change"],
    registers: [options.metrics],
  });
  const actions = {
    start: async (partition: number) => {
      await consumers.start(partition);
      handOvers.inc({ change: "taken" });
    },
    stop: async (partition: number) => {
      await consumers.stop(partition);
      handOvers.inc({ change: "given_back" });
    },
  };
  const assigner = new PartitionAssigner(
    leases,
    actions,
    {
      partitions: options.partitions,
      leaseKey: (partition) => telemetryPartitionQueue(options.queuePrefix, partition),
      reconcileMs: options.reconcileMs,
      retryMs: Math.max(20, Math.min(100, Math.floor(options.reconcileMs / 5))),
    },
    options.logger,
  );
  const forwarder = await options.bus.consume(
    {
      name: unpartitionedQueue(options.queuePrefix),
      exchange: options.exchange,
      bindings: [UNPARTITIONED_BINDING],
      maxDeliveries: options.maxDeliveries,
    },
    unpartitionedForwarder(options.bus, options.exchange, options.partitions),
    { prefetch: 50, consumerTag: `${options.instanceId}.unpartitioned` },
  );
  new Gauge({
    name: `${KPI_PREFIX}telemetry_partitions_owned`,
    help: "Telemetry partitions this instance consumes (one owner per partition; per-device order)",
    registers: [options.metrics],
    collect() {
      this.set(assigner.owned().length);
    },
  });
  await assigner.start();
  return {
    assigner,
    consumers,
    stop: async () => {
      await forwarder.stop(options.drainTimeoutMs);
      await assigner.stop();
    },
  };
}
