import { existsSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { inCi } from "./services.js";

/**
 * Conformance tests load the official ETSI, OSM and ONAP files from ../shared/reference
 * (next to the checkout) instead of copying them into the project. A user's fresh clone may
 * not have that folder: then those tests skip with a notice; under CI=true they must run.
 */
const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

export const referenceRoot = process.env.IVF_REFERENCE_DIR ?? join(repoRoot, "..", "shared", "reference");

export function referenceAvailable(): boolean {
  if (existsSync(referenceRoot)) return true;
  const message = `reference material not found at ${referenceRoot}`;
  if (inCi) throw new Error(`${message}; CI=true requires it`);
  console.warn(`NOTICE: ${message}; skipping conformance tests against the official files`);
  return false;
}

export function referencePath(...parts: string[]): string {
  return join(referenceRoot, ...parts);
}
