import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createBus } from "../../../vnfs/runtime-kit/bus/create-bus.js";
import type { MessageBus, OutgoingMessage } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { storedEventsOf } from "../../../vnfs/runtime-kit/primitives/stored-event.js";
import { packTelemetry } from "../../../vnfs/runtime-kit/primitives/telemetry-envelope.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { createStore } from "../../../vnfs/runtime-kit/store/create-store.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryMessage,
  telemetryPartitionQueue,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
import {
  MEASUREMENTS,
  type MeasurementRecord,
} from "../../../vnfs/request-processor/storage/measurement-records.js";
import type { LeaseDocument } from "../../../vnfs/runtime-kit/ownership/lease-store.js";
import { PARTITION_LEASES } from "../../../vnfs/request-processor/partitions/partitioned-consumption.js";
import { startIvfProcess, type IvfProcess } from "./ivf-processes.js";
import { deleteRabbitTopology, requestProcessorQueues } from "./rabbitmq-topology.js";

/**
 * A stand for per-device order tests: real request-processor processes on the embedded bus or
 * RabbitMQ sharing one embedded store, a publisher that sends every device an increasing sequence
 * (value = sequence number, timestamps increasing), and a recorder of the `stored` events in the
 * order the bus delivers them.
 */
export interface OrderStandOptions {
  amqpUrl?: string;
  devices: number;
}

export class OrderStand {
  readonly run = randomBytes(4).toString("hex");
  readonly dataDir = mkdtempSync(join(tmpdir(), "ivf-order-"));
  readonly names = {
    requests: `order.requests.${this.run}`,
    events: `order.events.${this.run}`,
    queue: `order.rp.${this.run}`,
  };
  readonly deviceIds: string[];
  /** Per device: sequence numbers of stored events in delivery order, first occurrence of each event id only. */
  readonly eventSequences = new Map<string, number[]>();
  duplicateEvents = 0;
  published = 0;
  rounds = 0;
  private readonly seenEvents = new Set<string>();
  private bus!: MessageBus;
  store!: DocumentStore;
  readonly processes: IvfProcess[] = [];
  private readonly epoch = Date.parse("2026-01-01T00:00:00Z");

  constructor(private readonly options: OrderStandOptions) {
    this.deviceIds = Array.from({ length: options.devices }, (_, index) => `d${index}`);
  }

  get env(): NodeJS.ProcessEnv {
    return {
      IVF_DATA_DIR: this.dataDir,
      IVF_AMQP_URL: this.options.amqpUrl ?? "",
      IVF_MONGODB_URL: "",
      IVF_BUS_REQUESTS_EXCHANGE: this.names.requests,
      IVF_BUS_EVENTS_EXCHANGE: this.names.events,
      IVF_REQUEST_PROCESSOR_QUEUE: this.names.queue,
      IVF_TELEMETRY_PARTITION_LEASE_TTL: "3s",
      IVF_TELEMETRY_PARTITION_RECONCILE: "500ms",
      IVF_LOG_LEVEL: "info",
    };
  }

  async open(): Promise<void> {
    const logger = createLogger({ ivf: "order-test", instanceId: `order-${this.run}`, level: "warn" });
    this.bus = await createBus({
      dataDir: this.dataDir,
      ...(this.options.amqpUrl ? { amqpUrl: this.options.amqpUrl } : {}),
      instanceId: `order-test-${this.run}`,
      logger,
    });
    this.store = await createStore({
      dataDir: this.dataDir,
      fileName: "iot.sqlite",
      mongodbDatabase: "iot",
      logger,
    });
    await seedRegistry(this.store, {
      deviceGroups: [
        {
          id: "meters",
          tenant: "acme",
          apiKey: `order-key-${this.run}-0123456789`,
          explicitAttributes: true,
          attributes: [{ name: "seq", type: "number" }],
        },
      ],
      devices: this.deviceIds.map((id) => ({ id, tenant: "acme", group: "meters" })),
    });
    await this.bus.declareExchange(this.names.requests);
    await this.bus.declareExchange(this.names.events);
    await this.bus.consume(
      { name: `order.stored.${this.run}`, exchange: this.names.events, bindings: ["stored.#"] },
      async (delivery) => {
        for (const { eventId, event } of storedEventsOf(delivery)) {
          if (this.seenEvents.has(eventId)) {
            this.duplicateEvents++;
            continue;
          }
          this.seenEvents.add(eventId);
          const list = this.eventSequences.get(event.deviceId) ?? [];
          list.push(event.measurements[0]!.value as number);
          this.eventSequences.set(event.deviceId, list);
        }
      },
      { prefetch: 200 },
    );
  }

  async startProcessor(name: string): Promise<IvfProcess> {
    const ivf = await startIvfProcess("request-processor", `${name}-${this.run}`, this.env);
    this.processes.push(ivf);
    return ivf;
  }

  /**
   * Publishes the next sequence number of every device in one batch: odd rounds as single
   * primitives, even rounds packed into envelopes as the field gateway does, so that order is
   * proven across both kinds of message.
   */
  async publishRound(): Promise<void> {
    const round = this.rounds + 1;
    const pack = round % 2 === 0 ? packTelemetry : (messages: OutgoingMessage[]) => messages;
    await this.bus.publishBatch(
      this.names.requests,
      pack(
        this.deviceIds.map((deviceId) =>
          partitionedTelemetryMessage(
            {
              primitiveVersion: 1,
              operation: "create",
              tenant: "acme",
              deviceId,
              source: { protocol: "http", endpoint: "order-test" },
              receivedAt: new Date().toISOString(),
              measurements: [
                {
                  attribute: "seq",
                  value: round,
                  timestamp: new Date(this.epoch + round * 1000).toISOString(),
                },
              ],
            },
            DEFAULT_TELEMETRY_PARTITIONS,
          ),
        ),
      ),
    );
    this.rounds = round;
    this.published += this.deviceIds.length;
  }

  /** Publishes rounds at `roundsPerSecond` until `until()` is true. */
  async publishWhile(keepGoing: () => boolean, roundsPerSecond: number): Promise<void> {
    const started = Date.now();
    let sent = 0;
    while (keepGoing()) {
      await this.publishRound();
      sent++;
      const due = started + (sent * 1000) / roundsPerSecond;
      await new Promise((resolve) => setTimeout(resolve, Math.max(0, due - Date.now())));
    }
  }

  eventsComplete(): boolean {
    return this.deviceIds.every((id) => (this.eventSequences.get(id)?.length ?? 0) >= this.rounds);
  }

  async storedSequences(): Promise<Map<string, number[]>> {
    const measurements = await this.store.collection<MeasurementRecord>(MEASUREMENTS);
    const found = await measurements.find({ where: { tenant: "acme" } });
    const byDevice = new Map<string, number[]>();
    for (const record of found) {
      const list = byDevice.get(record.deviceId) ?? [];
      list.push(record.value as number);
      byDevice.set(record.deviceId, list);
    }
    return byDevice;
  }

  /** Current owner of every partition lease (null when free or expired). */
  async leaseOwners(): Promise<(string | null)[]> {
    const leases = await this.store.collection<LeaseDocument>(PARTITION_LEASES);
    const owners: (string | null)[] = [];
    for (let partition = 0; partition < DEFAULT_TELEMETRY_PARTITIONS; partition++) {
      const lease = await leases.get(telemetryPartitionQueue(this.names.queue, partition));
      owners.push(lease && lease.expiresAt > Date.now() ? lease.owner : null);
    }
    return owners;
  }

  async deadLettered(): Promise<number> {
    let total = 0;
    for (let partition = 0; partition < DEFAULT_TELEMETRY_PARTITIONS; partition++) {
      const stats = await this.bus.queueStats(`${telemetryPartitionQueue(this.names.queue, partition)}.dlq`);
      total += stats.ready;
    }
    return total;
  }

  async close(): Promise<void> {
    await this.bus?.close();
    await this.store?.close();
    if (this.options.amqpUrl) await this.deleteTopology(this.options.amqpUrl);
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  private deleteTopology(url: string): Promise<void> {
    return deleteRabbitTopology(url, {
      queues: [`order.stored.${this.run}`, ...requestProcessorQueues(this.names.queue)],
      exchanges: [this.names.requests, this.names.events],
    });
  }
}

/** Parsed JSON log lines of a process with the given message. */
export function logLines(ivf: IvfProcess, message: string): Record<string, unknown>[] {
  return ivf.logs
    .filter((line) => line.includes(message))
    .map((line) => {
      try {
        return JSON.parse(line) as Record<string, unknown>;
      } catch {
        return undefined;
      }
    })
    .filter((line): line is Record<string, unknown> => line !== undefined);
}

export async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
