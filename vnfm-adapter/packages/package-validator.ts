/**
 * Bridge to the product's package validator (descriptors/validate: SOL004 archive, manifest
 * and digests, SOL001 types and scaling checks). The VNFM refuses a package whose report is
 * not valid and lists every finding in the ProblemDetails.
 */
import { validatePackage } from "../../descriptors/validate/index.js";

export interface PackageFinding {
  rule: string;
  severity: string;
  message: string;
  hint?: string;
  clause?: string;
  location?: Record<string, unknown>;
}

export interface PackageReport {
  valid: boolean;
  findings: PackageFinding[];
}

export async function validateCsar(bytes: Buffer, fileName: string): Promise<PackageReport> {
  const report = await validatePackage(bytes, { name: fileName });
  return {
    valid: report.valid,
    findings: report.findings.map((f) => ({ ...f, location: { ...f.location } })),
  };
}
