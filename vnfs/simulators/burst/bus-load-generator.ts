/**
 * Load generator of the burst scenario: publishes telemetry request primitives straight onto the
 * requests exchange (what field gateways publish), phase after phase, at each phase's rate, with
 * the bus port's confirmed batch publish. It is what feeds the request processor's work queue,
 * the function the platform scales under bursts (docs/design/monitoring.md "Burst scenario").
 *
 * Every primitive carries one measurement with a distinct timestamp (a fixed past instant plus the
 * sequence number), so every primitive maps to its own measurement id: the store must end with
 * exactly as many measurements for the tenant as primitives were confirmed by the bus.
 */
import type { MessageBus, OutgoingMessage } from "../../runtime-kit/bus/message-bus.js";
import { REQUESTS_EXCHANGE } from "../../runtime-kit/primitives/request-primitive.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryMessage,
} from "../../runtime-kit/primitives/telemetry-partitions.js";
import type { BurstDevices } from "./burst-devices.js";
import type { LoadPhase } from "./load-phases.js";

export interface PhaseRecord {
  name: string;
  ratePerSecond: number;
  /** Epoch ms when the phase began (burst onset for the burst phase) and ended. */
  startedAt: number;
  endedAt: number;
  /** Primitives confirmed by the bus during the phase. */
  sent: number;
}

export interface LoadRun {
  sent: number;
  phases: PhaseRecord[];
}

export interface LoadGeneratorOptions {
  bus: MessageBus;
  devices: BurstDevices;
  exchange?: string;
  /** IVF_TELEMETRY_PARTITIONS of the request processors (default DEFAULT_TELEMETRY_PARTITIONS). */
  telemetryPartitions?: number;
  /** How often due primitives are published (default 50 ms). */
  tickMs?: number;
  /** Largest confirmed batch (default 500). */
  maxBatch?: number;
  signal?: AbortSignal;
  onPhase?: (phase: PhaseRecord) => void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export class BusLoadGenerator {
  private sequence = 0;
  /** A fixed instant in the past: timestamps never fall into the future-skew refusal. */
  private readonly epoch = Date.now() - 24 * 3600 * 1000;

  constructor(private readonly options: LoadGeneratorOptions) {}

  /** Runs the phases in order; resolves when the last one ended (or the signal aborted). */
  async run(phases: LoadPhase[]): Promise<LoadRun> {
    const records: PhaseRecord[] = [];
    for (const phase of phases) {
      if (this.options.signal?.aborted) break;
      const record = await this.runPhase(phase);
      records.push(record);
    }
    return { sent: records.reduce((sum, record) => sum + record.sent, 0), phases: records };
  }

  private async runPhase(phase: LoadPhase): Promise<PhaseRecord> {
    const tickMs = this.options.tickMs ?? 50;
    const record: PhaseRecord = {
      name: phase.name,
      ratePerSecond: phase.ratePerSecond,
      startedAt: Date.now(),
      endedAt: 0,
      sent: 0,
    };
    this.options.onPhase?.(record);
    const end = record.startedAt + phase.seconds * 1000;
    while (!this.options.signal?.aborted) {
      const now = Date.now();
      const due = Math.floor((phase.ratePerSecond * (Math.min(now, end) - record.startedAt)) / 1000);
      // When the bus confirms slower than the rate asks, the generator falls behind and catches
      // up in bigger batches: offered load is never silently lowered.
      if (due > record.sent) record.sent += await this.publish(due - record.sent);
      if (now >= end) break;
      await sleep(Math.min(tickMs, end - now));
    }
    record.endedAt = Date.now();
    return record;
  }

  /** Publishes `count` primitives in confirmed batches; returns how many the bus confirmed. */
  private async publish(count: number): Promise<number> {
    const maxBatch = this.options.maxBatch ?? 500;
    let done = 0;
    while (done < count) {
      const batch: OutgoingMessage[] = [];
      for (let i = 0; i < Math.min(maxBatch, count - done); i += 1) batch.push(this.next());
      await this.options.bus.publishBatch(this.options.exchange ?? REQUESTS_EXCHANGE, batch);
      done += batch.length;
    }
    return done;
  }

  private next(): OutgoingMessage {
    const { tenant, deviceIds } = this.options.devices;
    const index = this.sequence++;
    const deviceId = deviceIds[index % deviceIds.length]!;
    const message = partitionedTelemetryMessage(
      {
        primitiveVersion: 1,
        operation: "create",
        tenant,
        deviceId,
        source: { protocol: "mqtt", endpoint: "burst-generator" },
        receivedAt: new Date().toISOString(),
        measurements: [
          {
            attribute: "power",
            value: 100 + (index % 50),
            timestamp: new Date(this.epoch + index).toISOString(),
          },
        ],
      },
      this.options.telemetryPartitions ?? DEFAULT_TELEMETRY_PARTITIONS,
    );
    return { routingKey: message.routingKey, messageId: message.messageId, body: message.body };
  }
}
