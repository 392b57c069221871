import { randomUUID } from "node:crypto";
import type { Collection } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { VnfView } from "../../hub/monitoring-hub.js";
import { link, type ApiContext } from "../common/api-context.js";
import { metricsOf } from "./pm-targets.js";
import type {
  PerformanceInformationAvailableNotification,
  PerformanceReport,
  PmJobRecord,
  ReportRecord,
} from "./pm-records.js";

type Entry = PerformanceReport["entries"][number];

/** Reports kept per job; older ones are deleted (bounded storage). */
const REPORTS_KEPT = 20;

/**
 * Runs PM jobs (SOL003 6.4.1.2): at every collectionPeriod the current aggregate of each
 * measured object is sampled; at every reportingPeriod the samples become a performance report,
 * stored and announced by PerformanceInformationAvailableNotification. Samples of the current
 * reporting period live in memory: an agent restart loses at most one period (documented).
 */
export class PmCollector {
  /** job id -> vnf instance id -> samples of the current reporting period */
  private readonly pending = new Map<string, Map<string, Entry[]>>();
  private readonly lastCollection = new Map<string, number>();
  private readonly lastReport = new Map<string, number>();

  constructor(
    private readonly context: ApiContext,
    private readonly jobs: Collection<PmJobRecord>,
    private readonly reports: Collection<ReportRecord>,
  ) {}

  async observe(view: VnfView): Promise<void> {
    const snapshot = view.snapshot;
    if (!snapshot) return;
    const all = await this.jobs.find({ limit: 10_000 });
    for (const job of all) {
      if (!job.objectInstanceIds.includes(view.vnf.id)) continue;
      const key = `${job.id}|${view.vnf.id}`;
      const now = snapshot.at;
      // The first reporting period starts with the first sample of the instance.
      const started = this.lastReport.get(key) ?? now;
      if (!this.lastReport.has(key)) this.lastReport.set(key, started);
      // A sample taken at a reporting boundary opens the next period: report first.
      if (now - started >= job.criteria.reportingPeriod * 1000) {
        this.lastReport.set(key, now);
        await this.report(job, view.vnf.id, now);
      }
      if (now - (this.lastCollection.get(key) ?? 0) >= job.criteria.collectionPeriod * 1000) {
        this.lastCollection.set(key, now);
        this.collect(job, view, now);
      }
    }
  }

  forget(jobId: string): void {
    this.pending.delete(jobId);
    for (const map of [this.lastCollection, this.lastReport])
      for (const key of map.keys()) if (key.startsWith(`${jobId}|`)) map.delete(key);
  }

  private collect(job: PmJobRecord, view: VnfView, at: number): void {
    const snapshot = view.snapshot!;
    const timeStamp = new Date(at).toISOString();
    const metrics = metricsOf(this.context, view.vnf.id, job.criteria);
    const perJob = this.pending.get(job.id) ?? new Map<string, Entry[]>();
    this.pending.set(job.id, perJob);
    const entries = perJob.get(view.vnf.id) ?? [];
    perJob.set(view.vnf.id, entries);
    const add = (subObjectInstanceId: string | undefined, values: Record<string, number> | undefined) => {
      for (const metric of metrics) {
        const value = values?.[metric];
        if (value === undefined) continue;
        let entry = entries.find(
          (candidate) =>
            candidate.performanceMetric === metric && candidate.subObjectInstanceId === subObjectInstanceId,
        );
        if (!entry) {
          entry = {
            objectType: job.objectType,
            objectInstanceId: view.vnf.id,
            ...(subObjectInstanceId ? { subObjectInstanceId } : {}),
            performanceMetric: metric,
            performanceValues: [],
          };
          entries.push(entry);
        }
        entry.performanceValues!.push({ timeStamp, value });
      }
    };
    if (job.objectType === "Vnf") add(undefined, snapshot.values);
    else
      for (const vnfcId of job.subObjectInstanceIds ?? Object.keys(snapshot.perVnfc))
        add(vnfcId, snapshot.perVnfc[vnfcId]);
  }

  private async report(job: PmJobRecord, vnfInstanceId: string, at: number): Promise<void> {
    const entries = this.pending.get(job.id)?.get(vnfInstanceId) ?? [];
    this.pending.get(job.id)?.delete(vnfInstanceId);
    const boundary = job.criteria.reportingBoundary
      ? Date.parse(job.criteria.reportingBoundary)
      : Number.POSITIVE_INFINITY;
    if (entries.length === 0 || at > boundary) return;
    const readyTime = new Date(at).toISOString();
    const expiryTime = new Date(at + job.criteria.reportingPeriod * 1000 * REPORTS_KEPT).toISOString();
    const report: ReportRecord = { id: randomUUID(), pmJobId: job.id, readyTime, expiryTime, entries };
    await this.reports.insert(report);
    const current = await this.jobs.get(job.id);
    if (!current) return; // deleted meanwhile
    const kept = [...current.reports, { id: report.id, readyTime, expiryTime }];
    const dropped = kept.splice(0, Math.max(0, kept.length - REPORTS_KEPT));
    const { version, ...rest } = current;
    await this.jobs.replace({ ...rest, reports: kept }, { expectedVersion: version });
    for (const old of dropped) await this.reports.delete(old.id);
    const self = `${this.context.apiRoot}/vnfpm/v2/pm_jobs/${job.id}`;
    const notification: PerformanceInformationAvailableNotification = {
      id: randomUUID(),
      notificationType: "PerformanceInformationAvailableNotification",
      timeStamp: readyTime,
      pmJobId: job.id,
      objectType: job.objectType,
      objectInstanceId: vnfInstanceId,
      ...(job.subObjectInstanceIds ? { subObjectInstanceIds: job.subObjectInstanceIds } : {}),
      _links: {
        objectInstance: link(this.context.vnfInstanceHref(vnfInstanceId)),
        pmJob: link(self),
        performanceReport: link(`${self}/reports/${report.id}`),
      },
    };
    this.context.sender.send(current, notification);
  }
}
