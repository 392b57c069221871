import { ruleDefinition, type RuleId } from "./rule-catalogue.js";
import { severityOrder, type Severity } from "./severity.js";

/** Where a finding points: a file position, a JSON pointer inside a document, or a YANG path. */
export interface FindingLocation {
  file?: string;
  line?: number;
  column?: number;
  pointer?: string;
  yangPath?: string;
}

export interface Finding {
  rule: RuleId;
  severity: Severity;
  message: string;
  hint?: string;
  clause: string;
  onap?: string;
  location: FindingLocation;
}

export type InputKind =
  "csar" | "csar-option2" | "osm-tar" | "osm-zip" | "sol001-yaml" | "sol006-yaml" | "sol006-json" | "unknown";

export interface ValidationReport {
  input: string;
  kind: InputKind;
  valid: boolean;
  strict: boolean;
  counts: Record<Severity, number>;
  findings: Finding[];
  durationMs: number;
}

/** Collects findings for one validation run; layers only ever call `add`. */
export class FindingSink {
  readonly findings: Finding[] = [];

  add(rule: RuleId, location: FindingLocation, message: string, hint?: string): void {
    const definition = ruleDefinition(rule);
    this.findings.push({
      rule,
      severity: definition.severity,
      message,
      ...(hint ? { hint } : {}),
      clause: definition.clause,
      ...(definition.onap ? { onap: definition.onap } : {}),
      location,
    });
  }

  hasErrors(): boolean {
    return this.findings.some((finding) => finding.severity === "error");
  }
}

/** `--strict` turns every warning into an error; infos stay informational. */
export function finishReport(
  input: string,
  kind: InputKind,
  findings: Finding[],
  strict: boolean,
  startedAt: number,
): ValidationReport {
  const adjusted = findings.map((finding) =>
    strict && finding.severity === "warning" ? { ...finding, severity: "error" as const } : finding,
  );
  adjusted.sort(compareFindings);
  const counts = { error: 0, warning: 0, info: 0 };
  for (const finding of adjusted) counts[finding.severity] += 1;
  return {
    input,
    kind,
    valid: counts.error === 0,
    strict,
    counts,
    findings: adjusted,
    durationMs: performance.now() - startedAt,
  };
}

function compareFindings(a: Finding, b: Finding): number {
  const file = (a.location.file ?? "").localeCompare(b.location.file ?? "");
  if (file !== 0) return file;
  const line = (a.location.line ?? 0) - (b.location.line ?? 0);
  if (line !== 0) return line;
  return severityOrder[a.severity] - severityOrder[b.severity];
}
