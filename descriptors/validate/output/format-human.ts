import type { Finding, ValidationReport } from "../findings/report.js";

function where(finding: Finding): string {
  const { file, line, column, pointer, yangPath } = finding.location;
  let text = file ?? "-";
  if (line !== undefined) text += `:${line}:${column ?? 1}`;
  const path = yangPath ?? pointer;
  return path ? `${text} ${path}` : text;
}

/** One line per finding: `path:line:col  severity  rule  message  (hint)`, then a summary. */
export function formatHuman(report: ValidationReport): string {
  const lines = report.findings.map((finding) => {
    const onap = finding.onap ? ` [ONAP ${finding.onap}]` : "";
    const hint = finding.hint ? `  (${finding.hint})` : "";
    return `${where(finding)}  ${finding.severity}  ${finding.rule}  ${finding.message}${hint}${onap}`;
  });
  const verdict = report.valid ? "valid" : "INVALID";
  lines.push(
    `${report.input}: ${verdict} (${report.kind}; ${report.counts.error} error(s), ${report.counts.warning} warning(s), ${report.counts.info} info; ${report.durationMs.toFixed(1)} ms${report.strict ? "; strict" : ""})`,
  );
  return lines.join("\n");
}
