import type { ValidationReport } from "../../../../descriptors/validate/index.js";

export const ruleIds = (report: ValidationReport): string[] => report.findings.map((finding) => finding.rule);

export const errorRules = (report: ValidationReport): string[] =>
  report.findings.filter((finding) => finding.severity === "error").map((finding) => finding.rule);

export function findingOf(report: ValidationReport, rule: string): ValidationReport["findings"][number] {
  const finding = report.findings.find((item) => item.rule === rule);
  if (!finding)
    throw new Error(
      `no ${rule} finding; got ${report.findings.map((item) => `${item.rule} ${item.message}`).join("\n")}`,
    );
  return finding;
}
