import type { AlarmManager } from "./alarm-manager.js";
import type { MetricFamily } from "../scrape/exposition-parser.js";
import { faultKeyOf, type FaultType } from "./alarm-model.js";
import { evaluateOpcuaRules } from "./opcua-rules.js";

/** What one monitoring cycle observed about a VNFC. */
export interface VnfcObservation {
  vnfcId: string;
  /** The VNFC answered /metrics or /readyz at all. */
  reachable: boolean;
  ready: boolean;
  /** Readiness checks the VNFC reports failing (its dependencies: bus, store, ...). */
  failingChecks: string[];
  /** The VNFC's scraped metrics; absent when the scrape failed (rules on KPI labels use them). */
  metrics?: Map<string, MetricFamily>;
}

export interface FaultRuleOptions {
  /** Consecutive unreachable cycles before VNFC_DOWN is raised (one miss is noise). */
  downAfterCycles: number;
  /** BACKLOG_AGE_OVER_LIMIT above this age; cleared below `backlogAgeClearRatio` of it. */
  backlogAgeLimitSeconds: number;
  backlogAgeClearRatio: number;
}

/**
 * Turns observations into alarms: raises what is wrong now, clears what is no longer wrong.
 * Each rule has its own hysteresis so an alarm does not toggle every cycle.
 */
export class FaultRules {
  private readonly misses = new Map<string, number>();

  constructor(
    private readonly alarms: AlarmManager,
    private readonly options: FaultRuleOptions,
  ) {}

  async evaluate(
    vnfInstanceId: string,
    vnfcs: VnfcObservation[],
    oldestAgeSeconds: number | undefined,
  ): Promise<void> {
    const active = await this.alarms.activeKeys(vnfInstanceId);
    const wanted = new Set<string>();
    for (const vnfc of vnfcs) await this.vnfcRules(vnfInstanceId, vnfc, wanted);
    await this.backlogRule(vnfInstanceId, oldestAgeSeconds, active, wanted);
    await evaluateOpcuaRules(this.alarms, vnfInstanceId, vnfcs, active, wanted);
    // Alarms about VNFCs that no longer exist, or faults no longer observed, are cleared.
    for (const key of active) {
      if (wanted.has(key)) continue;
      const [, faultType, subject] = key.split("|") as [string, FaultType, string];
      if (faultType === "BACKLOG_AGE_OVER_LIMIT") continue; // handled with its own hysteresis
      if (faultType === "VNFC_DOWN" && vnfcs.some((vnfc) => vnfc.vnfcId === subject && !vnfc.reachable))
        continue;
      await this.alarms.clear(vnfInstanceId, faultType, subject);
    }
  }

  private async vnfcRules(vnfInstanceId: string, vnfc: VnfcObservation, wanted: Set<string>): Promise<void> {
    const key = `${vnfInstanceId}/${vnfc.vnfcId}`;
    if (!vnfc.reachable) {
      const misses = (this.misses.get(key) ?? 0) + 1;
      this.misses.set(key, misses);
      if (misses >= this.options.downAfterCycles) {
        wanted.add(faultKeyOf(vnfInstanceId, "VNFC_DOWN", vnfc.vnfcId));
        await this.alarms.raise({
          vnfInstanceId,
          faultType: "VNFC_DOWN",
          subject: vnfc.vnfcId,
          vnfcInstanceIds: [vnfc.vnfcId],
          perceivedSeverity: "CRITICAL",
          eventType: "COMMUNICATIONS_ALARM",
          probableCause: "VNFC not responding",
          faultDetails: [`no answer to /metrics or /readyz for ${misses} consecutive monitoring cycles`],
        });
      }
      return;
    }
    this.misses.delete(key);
    for (const check of vnfc.failingChecks) {
      const subject = `${vnfc.vnfcId}:${check}`;
      wanted.add(faultKeyOf(vnfInstanceId, "DEPENDENCY_UNREACHABLE", subject));
      await this.alarms.raise({
        vnfInstanceId,
        faultType: "DEPENDENCY_UNREACHABLE",
        subject,
        vnfcInstanceIds: [vnfc.vnfcId],
        perceivedSeverity: "MAJOR",
        eventType: "COMMUNICATIONS_ALARM",
        probableCause: `dependency unreachable: ${check}`,
        faultDetails: [`VNFC ${vnfc.vnfcId} reports its "${check}" readiness check failing`],
      });
    }
  }

  private async backlogRule(
    vnfInstanceId: string,
    age: number | undefined,
    active: Set<string>,
    wanted: Set<string>,
  ): Promise<void> {
    const key = faultKeyOf(vnfInstanceId, "BACKLOG_AGE_OVER_LIMIT", "work-queue");
    const limit = this.options.backlogAgeLimitSeconds;
    if (age !== undefined && age > limit) {
      wanted.add(key);
      await this.alarms.raise({
        vnfInstanceId,
        faultType: "BACKLOG_AGE_OVER_LIMIT",
        subject: "work-queue",
        perceivedSeverity: age > 2 * limit ? "CRITICAL" : "MAJOR",
        eventType: "QOS_ALARM",
        probableCause: "oldest waiting message older than the limit",
        faultDetails: [`oldest message age ${age.toFixed(1)} s exceeds ${limit} s`],
      });
      return;
    }
    const clearBelow = limit * this.options.backlogAgeClearRatio;
    if (active.has(key) && (age === undefined || age < clearBelow))
      await this.alarms.clear(vnfInstanceId, "BACKLOG_AGE_OVER_LIMIT", "work-queue");
  }

  /** Forgets miss counters of VNFCs that are gone. */
  retain(keys: Iterable<string>): void {
    const wanted = new Set(keys);
    for (const key of this.misses.keys()) if (!wanted.has(key)) this.misses.delete(key);
  }
}
