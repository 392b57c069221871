import type { RequestHandler } from "express";
import { Counter, Gauge, Histogram, type Registry } from "prom-client";
import type { MessageBus } from "../bus/message-bus.js";
import type { Readiness } from "../http/readiness.js";

/**
 * The KPIs every IVF exposes on GET /metrics (docs/kpis.md is the table operators read).
 * Names follow Prometheus conventions: base units, `_total` counters, `_seconds` histograms,
 * and only bounded labels (protocol, outcome, reason) — never a device id or tenant list.
 * The monitoring agent and the generated Prometheus rules scale on backlog, oldest message
 * age and utilisation; the rest diagnose.
 */
export const KPI_PREFIX = "iotvf_";

export type Outcome = "ok" | "rejected" | "error";
export type DropReason =
  "malformed" | "unknown_device" | "auth" | "overload" | "expired" | "too_large" | "invalid" | "rate_limited";

const LATENCY_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];

export interface IvfKpiOptions {
  registry: Registry;
  /** Messages per second one instance handles at full load (from the ingest benchmark). */
  capacityPerSecond: number;
  /** Window over which utilisation is computed. */
  utilisationWindowSeconds?: number;
}

export class IvfKpis {
  readonly received: Counter<"protocol">;
  readonly processed: Counter<"outcome">;
  readonly dropped: Counter<"reason">;
  readonly redelivered: Counter;
  readonly processingDuration: Histogram;
  readonly endToEndLatency: Histogram;
  readonly inFlight: Gauge;
  readonly connectedDevices: Gauge<"protocol">;
  readonly storageWriteDuration: Histogram;
  readonly storageWriteErrors: Counter;
  readonly backpressure: Gauge;
  private readonly processedSamples: { at: number; count: number }[] = [];
  private processedCount = 0;
  private readonly watchedQueues: { bus: MessageBus; queue: string; itemsPerMessage?: () => number }[] = [];

  constructor(private readonly options: IvfKpiOptions) {
    const registers = [options.registry];
    this.received = new Counter({
      name: `${KPI_PREFIX}messages_received_total`,
      help: "Messages accepted at the function's ingress, by protocol",
      labelNames: ["protocol"],
      registers,
    });
    this.processed = new Counter({
      name: `${KPI_PREFIX}messages_processed_total`,
      help: "Messages whose processing finished, by outcome (ok, rejected, error)",
      labelNames: ["outcome"],
      registers,
    });
    this.dropped = new Counter({
      name: `${KPI_PREFIX}dropped_messages_total`,
      help: "Messages refused or dead-lettered, by reason",
      labelNames: ["reason"],
      registers,
    });
    this.redelivered = new Counter({
      name: `${KPI_PREFIX}redelivered_messages_total`,
      help: "Deliveries that were redeliveries of an unacknowledged message",
      registers,
    });
    this.processingDuration = new Histogram({
      name: `${KPI_PREFIX}processing_duration_seconds`,
      help: "Time to process one message",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.endToEndLatency = new Histogram({
      name: `${KPI_PREFIX}end_to_end_latency_seconds`,
      help: "Time from platform acceptance (receivedAt) to the end of this function's processing",
      buckets: [...LATENCY_BUCKETS, 5, 10, 30],
      registers,
    });
    this.inFlight = new Gauge({
      name: `${KPI_PREFIX}inflight_messages`,
      help: "Deliveries held and not yet acknowledged",
      registers,
    });
    this.connectedDevices = new Gauge({
      name: `${KPI_PREFIX}connected_devices`,
      help: "Devices or servers currently connected, by protocol",
      labelNames: ["protocol"],
      registers,
    });
    this.storageWriteDuration = new Histogram({
      name: `${KPI_PREFIX}storage_write_duration_seconds`,
      help: "Duration of one write to the store",
      buckets: LATENCY_BUCKETS,
      registers,
    });
    this.storageWriteErrors = new Counter({
      name: `${KPI_PREFIX}storage_write_errors_total`,
      help: "Writes to the store that failed",
      registers,
    });
    this.backpressure = new Gauge({
      name: `${KPI_PREFIX}backpressure_active`,
      help: "1 while the function refuses or pauses ingress because downstream is saturated",
      registers,
    });
    this.registerQueueGauges(registers);
    this.registerUtilisation(registers);
  }

  /** Counts one finished message and feeds the utilisation window. */
  recordProcessed(outcome: Outcome, durationSeconds: number, count = 1): void {
    this.processed.inc({ outcome }, count);
    this.processingDuration.observe(durationSeconds);
    this.processedCount += count;
  }

  /**
   * Express middleware counting each API request as received and, when its answer is sent, as
   * processed: 5xx is an error, 4xx a rejection, anything else ok.
   */
  httpMiddleware(): RequestHandler {
    return (_req, res, next) => {
      const started = performance.now();
      this.received.inc({ protocol: "http" });
      res.on("finish", () => {
        const outcome = res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "rejected" : "ok";
        this.recordProcessed(outcome, (performance.now() - started) / 1000);
      });
      next();
    };
  }

  /** Backlog and oldest-message age of these queues are reported (summed / maximum). */
  /**
   * Adds a work queue to the backlog gauges. `itemsPerMessage` converts bus messages into units of
   * work where one message may carry several (telemetry envelopes): the backlog is then counted in
   * those units, messages weighted by the recent mean size the consumer observed.
   */
  watchQueue(bus: MessageBus, queue: string, itemsPerMessage?: () => number): void {
    this.watchedQueues.push({ bus, queue, ...(itemsPerMessage ? { itemsPerMessage } : {}) });
  }

  /** Exposes readiness as a 0/1 gauge so Prometheus alerting sees what /readyz sees. */
  watchReadiness(readiness: Readiness): void {
    new Gauge({
      name: `${KPI_PREFIX}instance_ready`,
      help: "1 when the instance is ready (mirrors GET /readyz)",
      registers: [this.options.registry],
      async collect() {
        this.set((await readiness.report()).ready ? 1 : 0);
      },
    });
  }

  private registerQueueGauges(registers: Registry[]): void {
    const watched = this.watchedQueues;
    const stats = async () =>
      Promise.all(watched.map(({ bus, queue }) => bus.queueStats(queue).catch(() => undefined)));
    new Gauge({
      name: `${KPI_PREFIX}backlog_messages`,
      help: "Messages waiting in the function's work queue(s), ready plus unacknowledged (envelopes count as the messages they carry)",
      registers,
      async collect() {
        const all = await stats();
        this.set(
          Math.round(
            all.reduce((sum, entry, index) => {
              if (!entry) return sum;
              const weight = watched[index]!.itemsPerMessage?.() ?? 1;
              return sum + (entry.ready + entry.unacked) * weight;
            }, 0),
          ),
        );
      },
    });
    new Gauge({
      name: `${KPI_PREFIX}oldest_message_age_seconds`,
      help: "Age of the oldest message waiting in the function's work queue(s)",
      registers,
      async collect() {
        const all = await stats();
        this.set(Math.max(0, ...all.map((entry) => entry?.oldestReadyAgeSeconds ?? 0)));
      },
    });
  }

  private registerUtilisation(registers: Registry[]): void {
    const windowMs = (this.options.utilisationWindowSeconds ?? 10) * 1000;
    const utilisation = (now?: number): number => this.utilisation(windowMs, now);
    new Gauge({
      name: `${KPI_PREFIX}utilization_ratio`,
      help: "Processed rate over the calibrated capacity of one instance (0..1, may exceed 1 briefly)",
      registers,
      collect() {
        this.set(utilisation());
      },
    });
  }

  /** Processed messages per second over the window, divided by the calibrated capacity. */
  utilisation(windowMs: number, now = Date.now()): number {
    const samples = this.processedSamples;
    samples.push({ at: now, count: this.processedCount });
    while (samples.length > 2 && samples[1]!.at <= now - windowMs) samples.shift();
    const first = samples[0]!;
    const elapsedSeconds = (now - first.at) / 1000;
    if (elapsedSeconds <= 0 || this.options.capacityPerSecond <= 0) return 0;
    const rate = (this.processedCount - first.count) / elapsedSeconds;
    return rate / this.options.capacityPerSecond;
  }
}
