/**
 * The end-of-scenario report of `ivf up --scenario burst`, computed from what really happened:
 * the simulators' ledger of sent readings, the measurement rows found in the platform's store,
 * the VNFM's SCALE operation occurrences and the monitoring agent's backlog samples.
 * - lost: a reading the meters sent whose measurements are not all in the store (whether or not
 *   the platform acknowledged it; `lostAfterAccept` counts those it did acknowledge);
 * - duplicates: store rows beyond the first for one (device, attribute, timestamp): exactly-once
 *   storage means none;
 * - exit code 0 only when nothing was lost and nothing was stored twice.
 */
import { readingKey, type SentReading } from "../../../simulators/meters/reading-ledger.js";

export interface StoredRow {
  deviceId: string;
  attribute: string;
  timestamp: string;
}

export interface ScaleEvent {
  ivf: string;
  type: "SCALE_OUT" | "SCALE_IN";
  aspectId?: string;
  automatic: boolean;
  state: string;
  startTime: string;
  /** stateEnteredTime of the final state. */
  endTime?: string;
}

export interface BacklogPeak {
  ivf: string;
  ageSeconds: number;
  messages: number;
  at?: string;
}

export interface BurstReportInput {
  sent: readonly SentReading[];
  stored: readonly StoredRow[];
  scaleEvents: readonly ScaleEvent[];
  backlogPeaks: readonly BacklogPeak[];
}

export interface BurstReport {
  sent: number;
  accepted: number;
  stored: number;
  lost: number;
  lostAfterAccept: number;
  duplicates: number;
  /** Rows of the scenario's devices that match no sent reading (should be none). */
  unexpected: number;
  scaleEvents: ScaleEvent[];
  automaticScaleOuts: number;
  automaticScaleIns: number;
  peakBacklog: BacklogPeak | undefined;
  backlogPeaks: BacklogPeak[];
  lostExamples: string[];
  exitCode: number;
}

export function computeBurstReport(input: BurstReportInput): BurstReport {
  const rowsPerKey = new Map<string, number>();
  const attributesPerReading = new Map<string, Set<string>>();
  for (const row of input.stored) {
    const key = readingKey(row.deviceId, normaliseTimestamp(row.timestamp));
    const rowKey = `${key}|${row.attribute}`;
    rowsPerKey.set(rowKey, (rowsPerKey.get(rowKey) ?? 0) + 1);
    let attributes = attributesPerReading.get(key);
    if (!attributes) attributesPerReading.set(key, (attributes = new Set()));
    attributes.add(row.attribute);
  }
  let duplicates = 0;
  for (const count of rowsPerKey.values()) duplicates += count - 1;
  let stored = 0;
  let lostAfterAccept = 0;
  const lostExamples: string[] = [];
  const sentKeys = new Set<string>();
  for (const reading of input.sent) {
    const key = readingKey(reading.deviceId, normaliseTimestamp(reading.timestamp));
    sentKeys.add(key);
    const found = attributesPerReading.get(key);
    if (found && reading.attributes.every((attribute) => found.has(attribute))) stored += 1;
    else {
      if (reading.accepted) lostAfterAccept += 1;
      if (lostExamples.length < 5)
        lostExamples.push(
          `${reading.deviceId} ${reading.timestamp} (${reading.transport}, ${reading.phase}, ` +
            `${reading.accepted ? "accepted" : `not accepted${reading.lastError ? `: ${reading.lastError}` : ""}`})`,
        );
    }
  }
  let unexpected = 0;
  for (const key of attributesPerReading.keys()) if (!sentKeys.has(key)) unexpected += 1;
  const accepted = input.sent.filter((reading) => reading.accepted).length;
  const lost = input.sent.length - stored;
  const scaleEvents = [...input.scaleEvents].sort((a, b) => a.startTime.localeCompare(b.startTime));
  const completedAutomatic = (type: ScaleEvent["type"]) =>
    scaleEvents.filter((event) => event.type === type && event.automatic && event.state === "COMPLETED")
      .length;
  const backlogPeaks = [...input.backlogPeaks].sort((a, b) => b.ageSeconds - a.ageSeconds);
  return {
    sent: input.sent.length,
    accepted,
    stored,
    lost,
    lostAfterAccept,
    duplicates,
    unexpected,
    scaleEvents,
    automaticScaleOuts: completedAutomatic("SCALE_OUT"),
    automaticScaleIns: completedAutomatic("SCALE_IN"),
    peakBacklog: backlogPeaks[0],
    backlogPeaks,
    lostExamples,
    exitCode: lost === 0 && duplicates === 0 ? 0 : 1,
  };
}

/** Timestamps compared as instants (the store keeps ISO 8601 UTC with milliseconds). */
function normaliseTimestamp(timestamp: string): string {
  const instant = new Date(timestamp);
  return Number.isNaN(instant.getTime()) ? timestamp : instant.toISOString();
}
