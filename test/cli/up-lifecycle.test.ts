/**
 * `ivf up` end to end from dist/: the CLI verbs drive the running VNFM, a crashed `ivf up`
 * (SIGKILL) is cleaned up by the next one, and `ivf down` leaves no VNFC process behind.
 * Skips with a notice when dist/ is not built; fails under CI=true.
 */
import { execFile, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { leftoverVnfcPids } from "../../vnfs/cli/up/leftovers.js";
import { inCi } from "../support/services.js";
import { cliEntry, repoRoot } from "../e2e/up-process.js";

const run = promisify(execFile);
const built = existsSync(cliEntry);
if (!built && inCi) throw new Error(`${cliEntry} is missing (CI=true): build first`);
if (!built) console.warn(`[skip] ivf up lifecycle test: ${cliEntry} is missing; run npx tsc -p .`);

const home = mkdtempSync(join(tmpdir(), "ivf-up-cli-"));
const ivf = (...args: string[]) =>
  run(process.execPath, [cliEntry, ...args, "--home", home], { cwd: repoRoot, timeout: 240_000 });

const children: ChildProcess[] = [];

function startUp() {
  const child = spawn(
    process.execPath,
    [
      cliEntry,
      "up",
      "--home",
      home,
      "--vnfm-port",
      "0",
      "--console-port",
      "0",
      "--no-simulators",
      "--no-monitor",
    ],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"] },
  );
  children.push(child);
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const up = new Promise<void>((done, fail) => {
    const timer = setInterval(() => {
      if (output.includes("IoT platform is up")) done();
      else if (child.exitCode !== null) fail(new Error(`ivf up exited ${child.exitCode}:\n${output}`));
      else return;
      clearInterval(timer);
    }, 200);
  });
  return { child, up, output: () => output };
}

const vnfcCount = (status: string, name: string): number =>
  Number(new RegExp(`^${name}\\s+\\S+\\s+(\\d+)`, "m").exec(status)?.[1]);

describe.skipIf(!built)("ivf up lifecycle", () => {
  afterAll(async () => {
    // A failed assertion must not leave a platform running.
    for (const child of children.filter((entry) => entry.exitCode === null && entry.signalCode === null)) {
      const exited = new Promise((done) => child.once("exit", done));
      child.kill("SIGINT");
      await exited;
    }
    for (const pid of leftoverVnfcPids(join(home, "data"))) process.kill(pid, "SIGKILL");
    rmSync(home, { recursive: true, force: true });
  });

  it("status, scale and heal go through the running VNFM; a second ivf up is refused", async () => {
    const first = startUp();
    await first.up;
    const before = (await ivf("status")).stdout;
    expect(vnfcCount(before, "field-gateway")).toBe(2);
    expect((await ivf("scale", "field-gateway", "out")).stdout).toContain(
      "SCALE_OUT gateway_aspect x1 COMPLETED",
    );
    expect(vnfcCount((await ivf("status")).stdout, "field-gateway")).toBe(3);
    expect((await ivf("heal", "cloud-api")).stdout).toContain("HEAL COMPLETED");
    await expect(ivf("scale", "no-such-ivf", "out")).rejects.toMatchObject({
      stderr: expect.stringContaining('no VNF instance named "no-such-ivf"'),
    });
    await expect(
      run(process.execPath, [cliEntry, "up", "--home", home], { cwd: repoRoot }),
    ).rejects.toMatchObject({
      stdout: expect.stringContaining(`the platform already runs (pid ${first.child.pid}`),
    });
    // The refused second run must not have touched the first one's state.
    expect(JSON.parse(readFileSync(join(home, "up-state.json"), "utf8")).pid).toBe(first.child.pid);

    // Crash: the VNFC processes outlive the killed ivf up.
    first.child.kill("SIGKILL");
    await new Promise((done) => first.child.once("exit", done));
    expect(leftoverVnfcPids(join(home, "data")).length).toBeGreaterThanOrEqual(12);
  }, 300_000);

  it("the next ivf up terminates what the crashed one left and ivf down leaves no process", async () => {
    const second = startUp();
    await second.up;
    expect(second.output()).toContain("Clean up what the previous run left");
    expect(second.output()).toMatch(/9 leftover instance\(s\) terminated/);
    expect(vnfcCount((await ivf("status")).stdout, "field-gateway")).toBe(2);
    expect((await ivf("down")).stdout).toContain("stopped");
    expect(second.child.exitCode).toBe(0);
    expect(second.output()).toContain("✔ Terminate VNF instances through the VNFM (GRACEFUL)");
    expect(leftoverVnfcPids(join(home, "data"))).toEqual([]);
    expect(existsSync(join(home, "up-state.json"))).toBe(false);
  }, 300_000);
});
