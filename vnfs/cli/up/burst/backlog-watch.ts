/**
 * Follows the backlog KPIs of every IVF during the scenario as the monitoring agent computes them
 * (its OSM exporter gauges `osm_oldest_message_age` and `osm_backlog` per vnf_instance_id and
 * VDU on the agent's /metrics: the same numbers its scaling decisions use), keeping the peak per IVF.
 */
import { parseExposition } from "../../../../monitoring/scrape/exposition-parser.js";
import type { InstanceSummary } from "../platform.js";
import type { BacklogPeak } from "./burst-report.js";

export class BacklogWatch {
  private readonly peaks = new Map<string, BacklogPeak>();
  private timer: NodeJS.Timeout | undefined;
  private samples = 0;
  lastError: string | undefined;

  constructor(
    private readonly metricsUrl: string,
    private readonly instances: readonly InstanceSummary[],
    private readonly intervalMs = 1000,
  ) {}

  start(): void {
    const tick = async (): Promise<void> => {
      await this.sample().catch((error: unknown) => (this.lastError = String(error)));
      if (this.timer) this.timer = setTimeout(() => void tick(), this.intervalMs);
    };
    this.timer = setTimeout(() => void tick(), 0);
  }

  stop(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Peaks per IVF (IVFs with no sample are absent); `sampleCount` says whether the agent answered. */
  result(): { peaks: BacklogPeak[]; sampleCount: number } {
    return { peaks: [...this.peaks.values()], sampleCount: this.samples };
  }

  async sample(): Promise<void> {
    const response = await fetch(this.metricsUrl, { signal: AbortSignal.timeout(2000) });
    if (!response.ok) throw new Error(`${this.metricsUrl}: HTTP ${response.status}`);
    const families = parseExposition(await response.text());
    const names = new Map(this.instances.map((entry) => [entry.vnfInstanceId, entry.ivf]));
    const now = new Date().toISOString();
    const read = (family: string, apply: (peak: BacklogPeak, value: number) => void): void => {
      for (const sample of families.get(family)?.samples ?? []) {
        const ivf = names.get(sample.labels.vnf_instance_id);
        if (!ivf || !Number.isFinite(sample.value)) continue;
        let peak = this.peaks.get(ivf);
        if (!peak) this.peaks.set(ivf, (peak = { ivf, ageSeconds: 0, messages: 0 }));
        apply(peak, sample.value);
      }
    };
    read("osm_oldest_message_age", (peak, value) => {
      if (value > peak.ageSeconds) Object.assign(peak, { ageSeconds: value, at: now });
    });
    read("osm_backlog", (peak, value) => (peak.messages = Math.max(peak.messages, value)));
    this.samples += 1;
  }
}
