/**
 * Safety net of the crash clean-up. The VNFM stops VNFCs of an earlier VNFM process by the pid
 * in their metadata only when the process still answers GET /readyz on its port (pid-reuse
 * guard); a VNFC that lost its dependencies with the crashed `ivf up` (e.g. the MQTT broker)
 * is alive but not ready and survives. After terminating through the VNFM, any such process
 * is identified for certain by IVF_UP_SHARED_DATA_DIR=<this home>/data in /proc/<pid>/environ
 * (set only by `ivf up` for its VNFCs) and stopped: SIGTERM, then SIGKILL.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { pidAlive } from "./state-file.js";

function ownedBy(pid: number, sharedDataDir: string): boolean {
  try {
    return readFileSync(`/proc/${pid}/environ`, "utf8")
      .split("\0")
      .includes(`IVF_UP_SHARED_DATA_DIR=${sharedDataDir}`);
  } catch {
    return false;
  }
}

/** VNFC processes of this platform home still running (Linux /proc; none elsewhere). */
export function leftoverVnfcPids(sharedDataDir: string): number[] {
  if (!existsSync("/proc")) return [];
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number)
    .filter((pid) => pid !== process.pid && ownedBy(pid, sharedDataDir));
}

export async function stopLeftovers(sharedDataDir: string, graceMs: number): Promise<number> {
  const pids = leftoverVnfcPids(sharedDataDir);
  for (const pid of pids) process.kill(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (pids.some(pidAlive) && Date.now() < deadline) await new Promise((done) => setTimeout(done, 100));
  for (const pid of pids.filter(pidAlive)) process.kill(pid, "SIGKILL");
  return pids.length;
}
