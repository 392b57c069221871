import { spawnSync } from "node:child_process";
import { inCi } from "../../support/services.js";

/**
 * The Debian `prometheus` package provides `prometheus` and `promtool`. Outside CI a missing
 * binary skips the tests that need it (with a notice); under CI=true it fails them.
 */
export function toolAvailable(tool: "prometheus" | "promtool"): boolean {
  const found = spawnSync(tool, ["--version"], { encoding: "utf8" }).status === 0;
  if (found) return true;
  const message = `${tool} is not installed (Debian package "prometheus")`;
  if (inCi) throw new Error(`${message}; CI=true requires it`);
  console.warn(`NOTICE: ${message}; skipping the tests that need it`);
  return false;
}

export function promtool(...args: string[]): { status: number | null; output: string } {
  const result = spawnSync("promtool", args, { encoding: "utf8" });
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}
