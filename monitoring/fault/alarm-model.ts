import type { OpcuaFaultType } from "./opcua-rules.js";

/**
 * Alarms as the agent keeps them: the SOL003 7.5.2.4 Alarm attributes plus the fault key that
 * identifies "the same fault" across cycles (so a persisting fault is one alarm, not one per scrape).
 */
export type PerceivedSeverity = "CRITICAL" | "MAJOR" | "MINOR" | "WARNING" | "INDETERMINATE" | "CLEARED";
export type EventType =
  "COMMUNICATIONS_ALARM" | "PROCESSING_ERROR_ALARM" | "ENVIRONMENTAL_ALARM" | "QOS_ALARM" | "EQUIPMENT_ALARM";
export type FaultType = "VNFC_DOWN" | "BACKLOG_AGE_OVER_LIMIT" | "DEPENDENCY_UNREACHABLE" | OpcuaFaultType;

export interface AlarmRecord {
  id: string;
  /** vnfInstanceId|faultType|subject: one active alarm per key at most. */
  faultKey: string;
  active: boolean;
  managedObjectId: string;
  vnfcInstanceIds?: string[];
  rootCauseFaultyResource?: {
    faultyResource: { resourceId: string; vimConnectionId?: string };
    faultyResourceType: "COMPUTE" | "STORAGE" | "NETWORK";
  };
  alarmRaisedTime: string;
  alarmChangedTime?: string;
  alarmClearedTime?: string;
  alarmAcknowledgedTime?: string;
  ackState: "UNACKNOWLEDGED" | "ACKNOWLEDGED";
  perceivedSeverity: PerceivedSeverity;
  eventTime: string;
  eventType: EventType;
  faultType: FaultType;
  probableCause: string;
  isRootCause: boolean;
  correlatedAlarmIds?: string[];
  faultDetails?: string[];
}

export interface RaiseSpec {
  vnfInstanceId: string;
  faultType: FaultType;
  /** What the fault is about inside the instance (VNFC id, dependency name); part of the key. */
  subject: string;
  vnfcInstanceIds?: string[];
  perceivedSeverity: Exclude<PerceivedSeverity, "CLEARED">;
  eventType: EventType;
  probableCause: string;
  faultDetails?: string[];
  isRootCause?: boolean;
}

export function faultKeyOf(vnfInstanceId: string, faultType: FaultType, subject: string): string {
  return `${vnfInstanceId}|${faultType}|${subject}`;
}
