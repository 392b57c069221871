import { createHash } from "node:crypto";
import type { OutgoingMessage } from "../../runtime-kit/bus/message-bus.js";
import { severityOf, type FaultKind, type QartodFlag } from "../detection/flags.js";
import type { Finding } from "../detection/series-detector.js";

/**
 * A detected fault, as published on the events exchange (`fault.<tenant>.<deviceId>`) and kept
 * in the `faults` collection for the cloud API and the console. Its id is derived from the
 * measurement, the test and the transition, so re-detecting after a redelivery yields the same
 * id and consumers (and the store) see it once.
 */
export interface FaultRecord {
  id: string;
  tenant: string;
  deviceId: string;
  attribute: string;
  kind: FaultKind;
  severity: "suspect" | "fail" | "cleared";
  qartodFlag: QartodFlag;
  transition: Finding["transition"];
  /** Time and value of the sample the fault is about. */
  timestamp: string;
  value: number;
  detail: Record<string, number>;
  detectedAt: string;
}

export const FAULTS = "faults";

export function faultRecord(
  series: { tenant: string; deviceId: string; attribute: string },
  finding: Finding,
  detectedAt: Date,
): FaultRecord {
  const timestamp = new Date(finding.sample.t).toISOString();
  const id = createHash("sha256")
    .update(
      [series.tenant, series.deviceId, series.attribute, timestamp, finding.kind, finding.transition].join(
        "\u0000",
      ),
    )
    .digest("base64url");
  return {
    id,
    ...series,
    kind: finding.kind,
    severity: finding.transition === "cleared" ? "cleared" : (severityOf(finding.flag) ?? "suspect"),
    qartodFlag: finding.flag,
    transition: finding.transition,
    timestamp,
    value: finding.sample.v,
    detail: roundDetail(finding.detail),
    detectedAt: detectedAt.toISOString(),
  };
}

export function faultMessage(record: FaultRecord): OutgoingMessage {
  return {
    routingKey: `fault.${record.tenant}.${record.deviceId}`,
    messageId: `fault-${record.id}`,
    body: { ...record },
  };
}

function roundDetail(detail: Record<string, number>): Record<string, number> {
  const rounded: Record<string, number> = {};
  for (const [key, value] of Object.entries(detail)) {
    if (Number.isFinite(value)) rounded[key] = Math.round(value * 1e6) / 1e6;
  }
  return rounded;
}
