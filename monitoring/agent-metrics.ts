import { Counter, Gauge, Histogram, type Registry } from "prom-client";

/** The agent's own health metrics (docs/kpis.md "monitoring agent"). */
export class AgentMetrics {
  readonly cycleDuration: Histogram;
  readonly scrapeFailures: Counter;
  readonly scaleDecisions: Counter<"type" | "started">;
  readonly healRequests: Counter<"started">;
  readonly monitoredVnfcs: Gauge;
  readonly monitoredVnfs: Gauge;
  readonly discoveryFailures: Counter;
  readonly vesDropped: Counter;

  constructor(registry: Registry) {
    const registers = [registry];
    this.cycleDuration = new Histogram({
      name: "iotvf_monitor_cycle_duration_seconds",
      help: "Duration of one monitoring cycle (discover, scrape, aggregate, decide)",
      buckets: [0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers,
    });
    this.scrapeFailures = new Counter({
      name: "iotvf_monitor_scrape_failures_total",
      help: "VNFC /metrics scrapes that failed or timed out",
      registers,
    });
    this.scaleDecisions = new Counter({
      name: "iotvf_monitor_scale_decisions_total",
      help: "Auto-scaling decisions, by type and whether the VNFM started the operation",
      labelNames: ["type", "started"],
      registers,
    });
    this.healRequests = new Counter({
      name: "iotvf_monitor_heal_requests_total",
      help: "Auto-heal requests, by whether the VNFM started them",
      labelNames: ["started"],
      registers,
    });
    this.monitoredVnfcs = new Gauge({
      name: "iotvf_monitor_vnfcs",
      help: "VNFCs the agent scrapes",
      registers,
    });
    this.monitoredVnfs = new Gauge({
      name: "iotvf_monitor_vnf_instances",
      help: "Instantiated VNF instances the agent monitors",
      registers,
    });
    this.discoveryFailures = new Counter({
      name: "iotvf_monitor_discovery_failures_total",
      help: "Failed reads of the VNF instances from the VNFM",
      registers,
    });
    this.vesDropped = new Counter({
      name: "iotvf_monitor_ves_events_dropped_total",
      help: "VES events dropped (queue full or refused by the collector)",
      registers,
    });
  }
}
