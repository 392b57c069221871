import { spawn } from "node:child_process";
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { leftoverVnfcPids } from "../../vnfs/cli/up/leftovers.js";
import { pidAlive } from "../../vnfs/cli/up/state-file.js";

/**
 * `ivf up --scenario burst` from dist, as an operator runs it: the platform brought up through
 * the VNFM, simulated meters over MQTT and HTTP with a steady load, a reconnection-storm burst
 * and quiet; the monitoring agent must scale out and back in by itself; the report must show no
 * reading lost; the command must exit 0 and leave no process behind. Phases are shortened by
 * flags; the scale-in still waits for the descriptor's own scale-in window.
 */
const home = mkdtempSync(join(tmpdir(), "ivf-up-burst-test-"));
afterAll(() => rmSync(home, { recursive: true, force: true }));

describe("ivf up --scenario burst", () => {
  it("scales out on the burst and back in during the quiet phase by itself, loses nothing, exits 0 and leaves no process", async () => {
    const env: NodeJS.ProcessEnv = { ...process.env, IVF_HOME: home };
    for (const name of ["IVF_AMQP_URL", "IVF_MQTT_URL", "IVF_MONGODB_URL", "IVF_DATA_DIR", "IVF_HTTP_PORT"])
      delete env[name];
    const cli = fileURLToPath(new URL("../../dist/vnfs/cli/main.js", import.meta.url));
    const args = [
      ...["up", "--scenario", "burst", "--vnfm-port", "0", "--console-port", "0"],
      ...["--steady", "10", "--burst", "40", "--quiet", "240", "--drain", "120"],
    ];
    const child = spawn(process.execPath, [cli, ...args], { env, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => {
      const guard = setTimeout(() => child.kill("SIGINT"), 1_000_000);
      child.once("exit", (exitCode) => {
        clearTimeout(guard);
        resolve(exitCode);
      });
    });
    // The whole run is kept as a test artefact (the report with its figures).
    const artifacts = fileURLToPath(new URL("../../test-artifacts/", import.meta.url));
    mkdirSync(artifacts, { recursive: true });
    writeFileSync(join(artifacts, "ivf-up-burst.log"), output);
    const report = output.slice(output.indexOf("Burst scenario report"));
    expect(output, output.slice(-4000)).toContain("Burst scenario report");
    expect(code, report).toBe(0);
    const messages =
      /sent (\d+), accepted (\d+), stored (\d+), lost (\d+) \((\d+) after acceptance\), duplicates (\d+)/.exec(
        report,
      );
    expect(messages, report).not.toBeNull();
    const [sent, accepted, stored, lost, , duplicates] = messages!.slice(1).map(Number);
    expect(sent).toBeGreaterThan(1000);
    expect(accepted).toBe(sent);
    expect(stored).toBe(sent);
    expect(lost).toBe(0);
    expect(duplicates).toBe(0);
    const scaling = /(\d+) automatic scale-out\(s\), (\d+) automatic scale-in\(s\)/.exec(report);
    expect(Number(scaling?.[1]), report).toBeGreaterThanOrEqual(1);
    expect(Number(scaling?.[2]), report).toBeGreaterThanOrEqual(1);
    expect(report).toMatch(/SCALE_OUT .* COMPLETED \(isAutomaticInvocation\)/);
    expect(report).toMatch(/SCALE_IN .* COMPLETED \(isAutomaticInvocation\)/);
    expect(report).toMatch(/Peak backlog {4}oldest message \d+\.\d s in [a-z-]+/);
    expect(output).toContain("ivf up: stopped");
    // Nothing left behind: no VNFC of this platform home, no meter process of this run, and the
    // ivf up process itself is gone.
    expect(leftoverVnfcPids(join(home, "data"))).toEqual([]);
    expect(meterProcesses(home)).toEqual([]);
    expect(pidAlive(child.pid!)).toBe(false);
  }, 1_100_000);
});

/** Burst meter processes (burst-process.ts) started by an `ivf up` of this home (Linux /proc). */
function meterProcesses(platformHome: string): number[] {
  if (!existsSync("/proc")) return [];
  const read = (pid: string, file: string): string => {
    try {
      return readFileSync(`/proc/${pid}/${file}`, "utf8");
    } catch {
      return "";
    }
  };
  return readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .filter((pid) => read(pid, "cmdline").includes("--ivf-meter-burst"))
    .filter((pid) => read(pid, "environ").split("\0").includes(`IVF_HOME=${platformHome}`))
    .map(Number);
}
