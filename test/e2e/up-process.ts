/**
 * Starts a real `ivf up` from dist/ as a child process with a temporary home and free ports,
 * for the browser and CLI tests. Stopping sends SIGINT (Ctrl-C) and waits for the exit code.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const repoRoot = resolve(import.meta.dirname, "../..");
export const cliEntry = join(repoRoot, "dist/vnfs/cli/main.js");

export interface RunningUp {
  home: string;
  child: ChildProcess;
  output: () => string;
  state: { pid: number; vnfmUrl: string; consoleUrl: string; clientId: string; clientSecret: string };
  stop(): Promise<number | null>;
}

export async function startUp(extraArgs: string[] = [], timeoutMs = 120_000): Promise<RunningUp> {
  if (!existsSync(cliEntry)) throw new Error(`${cliEntry} is missing: run \`npx tsc -p .\` first`);
  const home = mkdtempSync(join(tmpdir(), "ivf-up-e2e-"));
  const child = spawn(
    process.execPath,
    [cliEntry, "up", "--home", home, "--vnfm-port", "0", "--console-port", "0", ...extraArgs],
    { cwd: repoRoot, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, IVF_LOG_LEVEL: "warn" } },
  );
  let output = "";
  child.stdout!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr!.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((done) => child.once("exit", (code) => done(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null) child.kill("SIGINT");
    const code = await exited;
    rmSync(home, { recursive: true, force: true });
    return code;
  };
  const deadline = Date.now() + timeoutMs;
  while (!output.includes("IoT platform is up")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`ivf up did not come up (exit ${child.exitCode}):\n${output}`);
    }
    await new Promise((done) => setTimeout(done, 200));
  }
  const state = JSON.parse(readFileSync(join(home, "up-state.json"), "utf8")) as RunningUp["state"];
  return { home, child, output: () => output, state, stop };
}
