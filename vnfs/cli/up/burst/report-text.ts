/** Renders the burst scenario report as the short text block `ivf up --scenario burst` prints. */
import type { PhaseTimes } from "../../../simulators/meters/burst-load.js";
import type { BurstReport } from "./burst-report.js";

const seconds = (ms: number): string => `${(ms / 1000).toFixed(1)} s`;

export function reportText(
  report: BurstReport,
  phases: readonly PhaseTimes[],
  origin: number,
  interrupted = false,
): string {
  const at = (iso: string | undefined, width = 7): string =>
    iso ? `t+${seconds(Date.parse(iso) - origin).padStart(width)}` : `t+${"?".padStart(width)}`;
  const lines = [
    "",
    "Burst scenario report",
    `  Phases          ${phases.map((phase) => `${phase.name} ${seconds(phase.endedAt - phase.startedAt)} (from t+${seconds(phase.startedAt - origin)})`).join(", ")}`,
    `  Messages        sent ${report.sent}, accepted ${report.accepted}, stored ${report.stored}, ` +
      `lost ${report.lost} (${report.lostAfterAccept} after acceptance), duplicates ${report.duplicates}` +
      (report.unexpected ? `, unexpected ${report.unexpected}` : ""),
    ...report.lostExamples.map((example) => `    lost: ${example}`),
    `  Scale events    ${report.automaticScaleOuts} automatic scale-out(s), ${report.automaticScaleIns} automatic scale-in(s)`,
    ...report.scaleEvents.map(
      (event) =>
        `    ${at(event.startTime)} → ${at(event.endTime)}  ${event.type.padEnd(9)} ${event.ivf.padEnd(22)} ` +
        `${event.state}${event.automatic ? " (isAutomaticInvocation)" : " (manual)"}${event.aspectId ? ` ${event.aspectId}` : ""}`,
    ),
    `  Peak backlog    ${
      report.peakBacklog
        ? `oldest message ${report.peakBacklog.ageSeconds.toFixed(1)} s in ${report.peakBacklog.ivf}` +
          (report.peakBacklog.at ? ` at ${at(report.peakBacklog.at, 0)}` : "")
        : "no KPI sample from the monitoring agent"
    }`,
    ...report.backlogPeaks
      .filter((peak) => peak.ageSeconds > 0 || peak.messages > 0)
      .map(
        (peak) =>
          `    ${peak.ivf.padEnd(22)} oldest ${peak.ageSeconds.toFixed(1)} s, up to ${peak.messages} message(s) waiting`,
      ),
    interrupted
      ? "  Result          INTERRUPTED: counts as of the interruption (no drain); accepted readings not yet " +
        "stored are still queued on the durable bus"
      : `  Result          ${report.exitCode === 0 ? "nothing lost, nothing stored twice" : "FAILED: readings lost or stored twice"}`,
    "",
  ];
  return lines.join("\n");
}
