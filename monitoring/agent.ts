import type { Registry } from "prom-client";
import type { Logger } from "../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../vnfs/runtime-kit/store/document-store.js";
import { VnfAggregator } from "./aggregation/vnf-aggregator.js";
import { AgentMetrics } from "./agent-metrics.js";
import { AutoHealer } from "./autoscaling/auto-healer.js";
import { Autoscaler } from "./autoscaling/autoscaler.js";
import type { Scaler } from "./autoscaling/scaler.js";
import type { MonitoredVnf, VnfInstanceSource } from "./discovery/monitored-vnf.js";
import { defaultProfile, type ProfileSource } from "./discovery/monitoring-profile.js";
import { measurementEvent, type VesSource } from "./exporters/ves-events.js";
import type { VesExporter } from "./exporters/ves-exporter.js";
import { OsmExporter } from "./exporters/osm-exporter.js";
import { AlarmManager } from "./fault/alarm-manager.js";
import { FaultRules, type VnfcObservation } from "./fault/fault-rules.js";
import { MonitoringHub } from "./hub/monitoring-hub.js";
import { probeReadiness, scrapeMetrics } from "./scrape/scraper.js";

export interface AgentOptions {
  source: VnfInstanceSource;
  profiles: ProfileSource;
  scaler: Scaler;
  store: DocumentStore;
  logger: Logger;
  metrics: Registry;
  intervalMs: number;
  scrapeTimeoutMs: number;
  windowMs: number;
  healAfterFailures: number;
  backlogAgeLimitSeconds: number;
  ves?: { exporter: VesExporter; source: VesSource; everyCycles: number };
}

/**
 * The monitoring agent's control loop (docs/design/monitoring.md): every interval it reads the
 * VNF instances from the VNFM, scrapes each VNFC's /metrics and /readyz in parallel, updates the
 * per-instance aggregates, then decides scaling, healing and alarms and feeds the exporters.
 * Cycles never overlap: a slow cycle delays the next one instead of piling up.
 */
export class MonitoringAgent {
  readonly hub: MonitoringHub;
  private readonly aggregators = new Map<string, VnfAggregator>();
  private readonly autoscaler: Autoscaler;
  private readonly healer: AutoHealer;
  private readonly faults: FaultRules;
  private readonly osm: OsmExporter;
  private readonly agentMetrics: AgentMetrics;
  private known: MonitoredVnf[] = [];
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private stopped = false;
  private cycles = 0;
  lastCycleAt = 0;

  private constructor(
    private readonly options: AgentOptions,
    readonly alarms: AlarmManager,
  ) {
    this.hub = new MonitoringHub(options.logger);
    this.agentMetrics = new AgentMetrics(options.metrics);
    this.autoscaler = new Autoscaler({
      scaler: options.scaler,
      logger: options.logger,
      maxGapMs: Math.max(3 * options.intervalMs, 2000),
      retryAfterMs: Math.max(2 * options.intervalMs, 1000),
      onDecision: (decision, outcome) =>
        this.agentMetrics.scaleDecisions.inc({ type: decision.type, started: String(outcome.started) }),
    });
    this.healer = new AutoHealer({
      scaler: options.scaler,
      logger: options.logger,
      failureThreshold: options.healAfterFailures,
      healCooldownMs: Math.max(30_000, 10 * options.intervalMs),
    });
    this.faults = new FaultRules(alarms, {
      downAfterCycles: options.healAfterFailures,
      backlogAgeLimitSeconds: options.backlogAgeLimitSeconds,
      backlogAgeClearRatio: 0.8,
    });
    this.osm = new OsmExporter(options.metrics, this.hub);
  }

  static async create(options: AgentOptions): Promise<MonitoringAgent> {
    return new MonitoringAgent(options, await AlarmManager.open(options.store));
  }

  start(): void {
    const loop = async () => {
      if (this.stopped) return;
      const started = Date.now();
      this.running = this.cycle(started).catch((error) =>
        this.options.logger.error({ err: error }, "monitoring cycle failed"),
      );
      await this.running;
      if (!this.stopped)
        this.timer = setTimeout(loop, Math.max(0, this.options.intervalMs - (Date.now() - started)));
    };
    void loop();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    await this.running;
  }

  /** One full cycle; public so tests and benchmarks can drive the agent step by step. */
  async cycle(now = Date.now()): Promise<void> {
    const end = this.agentMetrics.cycleDuration.startTimer();
    try {
      await this.discover();
      await Promise.all(this.known.map((vnf) => this.monitor(vnf, now)));
      await this.exportVes();
      if (this.cycles % 600 === 0) await this.alarms.prune();
      this.cycles++;
      this.lastCycleAt = Date.now();
    } finally {
      end();
    }
  }

  private async discover(): Promise<void> {
    try {
      this.known = await this.options.source.list();
    } catch (error) {
      this.agentMetrics.discoveryFailures.inc();
      this.options.logger.warn(
        { err: error },
        "cannot read VNF instances from the VNFM; keeping the last known list",
      );
      return;
    }
    const ids = this.known.map((vnf) => vnf.id);
    for (const id of this.aggregators.keys()) if (!ids.includes(id)) this.aggregators.delete(id);
    this.hub.retain(ids);
    this.autoscaler.retain(ids);
    const vnfcKeys = this.known.flatMap((vnf) => vnf.vnfcs.map((vnfc) => `${vnf.id}/${vnfc.id}`));
    this.healer.retain(vnfcKeys);
    this.faults.retain(vnfcKeys);
    this.agentMetrics.monitoredVnfs.set(this.known.length);
    this.agentMetrics.monitoredVnfcs.set(this.known.reduce((sum, vnf) => sum + vnf.vnfcs.length, 0));
  }

  private async monitor(vnf: MonitoredVnf, now: number): Promise<void> {
    const profile = this.options.profiles.profileFor(vnf.vnfdId) ?? defaultProfile(vnf.vnfdId);
    this.osm.declare(profile.kpis);
    let aggregator = this.aggregators.get(vnf.id);
    if (!aggregator) {
      aggregator = new VnfAggregator({
        windowMs: this.options.windowMs,
        stalenessMs: 3 * this.options.intervalMs + this.options.scrapeTimeoutMs,
        kpis: profile.kpis,
      });
      this.aggregators.set(vnf.id, aggregator);
    }
    aggregator.retain(vnf.vnfcs.map((vnfc) => vnfc.id));
    const observations = await Promise.all(
      vnf.vnfcs.map((vnfc) => this.observe(aggregator, vnfc.id, vnfc.baseUrl)),
    );
    const snapshot = aggregator.snapshot(now);
    await this.hub.publish({ vnf, profile, snapshot });
    await this.autoscaler.evaluate(vnf, profile.scalingPolicies, snapshot);
    for (const observation of observations) {
      const outcome = await this.healer.observe(vnf, observation.vnfcId, observation.ready, now);
      if (outcome) this.agentMetrics.healRequests.inc({ started: String(outcome.started) });
    }
    const ageKpi = profile.kpis.find((kpi) => kpi.aggregation.metric === "iotvf_oldest_message_age_seconds");
    await this.faults.evaluate(vnf.id, observations, ageKpi ? snapshot.values[ageKpi.id] : undefined);
  }

  private async observe(
    aggregator: VnfAggregator,
    vnfcId: string,
    baseUrl: string,
  ): Promise<VnfcObservation> {
    const [scrape, readiness] = await Promise.all([
      scrapeMetrics(`${baseUrl}/metrics`, { timeoutMs: this.options.scrapeTimeoutMs }),
      probeReadiness(`${baseUrl}/readyz`, this.options.scrapeTimeoutMs),
    ]);
    if (scrape.ok) aggregator.record(vnfcId, scrape.at, scrape.families);
    else {
      this.agentMetrics.scrapeFailures.inc();
      this.options.logger.debug({ vnfcId, error: scrape.error }, "scrape failed");
    }
    return {
      vnfcId,
      reachable: scrape.ok || readiness.reachable,
      ready: readiness.ready,
      failingChecks: readiness.failingChecks,
      ...(scrape.ok ? { metrics: scrape.families } : {}),
    };
  }

  private async exportVes(): Promise<void> {
    const ves = this.options.ves;
    if (!ves || this.cycles % ves.everyCycles !== 0) return;
    const interval = (ves.everyCycles * this.options.intervalMs) / 1000;
    const events = this.hub
      .list()
      .map((view) => measurementEvent(view, ves.source, this.cycles, interval))
      .filter((event) => event !== undefined);
    const before = ves.exporter.stats.dropped;
    ves.exporter.enqueue(events);
    await ves.exporter.flush();
    this.agentMetrics.vesDropped.inc(ves.exporter.stats.dropped - before);
  }
}
