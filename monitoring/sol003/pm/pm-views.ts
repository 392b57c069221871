import { link, type ApiContext } from "../common/api-context.js";
import type { PmJob, PmJobRecord, Threshold, ThresholdRecord } from "./pm-records.js";

/** Renders stored records as SOL003 resources (6.5.2.7 PmJob, 6.5.2.9 Threshold); credentials never leave. */
export function pmJobView(record: PmJobRecord, context: ApiContext): PmJob {
  const self = `${context.apiRoot}/vnfpm/v2/pm_jobs/${record.id}`;
  return {
    id: record.id,
    objectType: record.objectType,
    objectInstanceIds: record.objectInstanceIds,
    ...(record.subObjectInstanceIds ? { subObjectInstanceIds: record.subObjectInstanceIds } : {}),
    criteria: record.criteria,
    callbackUri: record.callbackUri,
    reports: record.reports.map((report) => ({
      href: `${self}/reports/${report.id}`,
      readyTime: report.readyTime,
      expiryTime: report.expiryTime,
    })),
    _links: {
      self: link(self),
      objects: record.objectInstanceIds.map((id) => link(context.vnfInstanceHref(id))),
    },
  };
}

export function thresholdView(record: ThresholdRecord, context: ApiContext): Threshold {
  return {
    id: record.id,
    objectType: record.objectType,
    objectInstanceId: record.objectInstanceId,
    ...(record.subObjectInstanceIds ? { subObjectInstanceIds: record.subObjectInstanceIds } : {}),
    criteria: record.criteria,
    callbackUri: record.callbackUri,
    _links: {
      self: link(`${context.apiRoot}/vnfpm/v2/thresholds/${record.id}`),
      object: link(context.vnfInstanceHref(record.objectInstanceId)),
    },
  };
}

export const pmJobFilterPaths = [
  "id",
  "objectType",
  "objectInstanceIds",
  "subObjectInstanceIds",
  "callbackUri",
  "criteria/performanceMetric",
  "criteria/performanceMetricGroup",
  "criteria/collectionPeriod",
  "criteria/reportingPeriod",
] as const;
export const thresholdFilterPaths = [
  "id",
  "objectType",
  "objectInstanceId",
  "subObjectInstanceIds",
  "callbackUri",
  "criteria/performanceMetric",
  "criteria/thresholdType",
] as const;
