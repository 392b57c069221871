import type { components } from "../../../api-specs/types/vnfpm-v2.js";
import type { CallbackAuthentication } from "../common/notification-sender.js";

export type PmJob = components["schemas"]["PmJob"];
export type CreatePmJobRequest = components["schemas"]["CreatePmJobRequest"];
export type PmJobModifications = components["schemas"]["PmJobModifications"];
export type PerformanceReport = components["schemas"]["PerformanceReport"];
export type Threshold = components["schemas"]["Threshold"];
export type CreateThresholdRequest = components["schemas"]["CreateThresholdRequest"];
export type ThresholdModifications = components["schemas"]["ThresholdModifications"];
export type ObjectType = components["schemas"]["ObjectType"];
export type PerformanceInformationAvailableNotification =
  components["schemas"]["PerformanceInformationAvailableNotification"];
export type ThresholdCrossedNotification = components["schemas"]["ThresholdCrossedNotification"];

/** The performanceMetricGroup that stands for every KPI of the VNF's descriptor. */
export const ALL_KPIS_GROUP = "IoTVfKpis";

export interface ReportRef {
  id: string;
  readyTime: string;
  expiryTime: string;
}

export interface PmJobRecord {
  id: string;
  objectType: ObjectType;
  objectInstanceIds: string[];
  subObjectInstanceIds?: string[];
  criteria: PmJob["criteria"];
  callbackUri: string;
  authentication?: CallbackAuthentication;
  reports: ReportRef[];
  createdAt: string;
}

export interface ReportRecord {
  id: string;
  pmJobId: string;
  readyTime: string;
  expiryTime: string;
  entries: PerformanceReport["entries"];
}

export interface ThresholdRecord {
  id: string;
  objectType: ObjectType;
  objectInstanceId: string;
  subObjectInstanceIds?: string[];
  criteria: Threshold["criteria"];
  callbackUri: string;
  authentication?: CallbackAuthentication;
  createdAt: string;
}

export const PM_API_VERSION = "2.1.0";
