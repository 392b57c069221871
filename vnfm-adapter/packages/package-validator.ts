/**
 * Bridge to the product's package validator (descriptors/validate, SOL004/SOL001 rules). The
 * VNFM refuses a package whose report has errors and lists the findings in the ProblemDetails.
 * The module is loaded lazily so the VNFM keeps working from a build that lacks it; then only
 * the VNFM's own structural checks (csar-reader, vnfd-reader) apply and a warning is logged.
 */
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";

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

type ValidateFn = (input: string, options?: Record<string, unknown>) => Promise<PackageReport>;

const VALIDATOR_MODULE = "../../descriptors/validate/index.js";

async function loadValidator(logger: Logger): Promise<ValidateFn | undefined> {
  try {
    const module = (await import(VALIDATOR_MODULE)) as { validatePackage?: ValidateFn };
    return module.validatePackage;
  } catch (error) {
    logger.warn(
      { err: (error as Error).message },
      "package validator not available; onboarding uses the VNFM's own checks only",
    );
    return undefined;
  }
}

/** Runs the validator over the CSAR bytes (written to a private temporary file); undefined when unavailable. */
export async function validateCsar(
  bytes: Buffer,
  fileName: string,
  logger: Logger,
): Promise<PackageReport | undefined> {
  const validatePackage = await loadValidator(logger);
  if (!validatePackage) return undefined;
  const dir = await mkdtemp(join(tmpdir(), "ivf-vnfm-pkg-"));
  try {
    const path = join(dir, fileName.replace(/[^A-Za-z0-9._-]/g, "_") || "package.csar");
    await writeFile(path, bytes, { mode: 0o600 });
    return await validatePackage(path);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
