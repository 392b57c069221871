/**
 * One VNFC as a child process: spawn, readiness gate on GET /readyz, graceful stop
 * (SIGTERM, grace period, then SIGKILL). Output is kept as a short tail for error messages.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { createServer } from "node:net";

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export async function probeReady(port: number, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/readyz`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    return response.status === 200;
  } catch {
    return false;
  }
}

/**
 * Whether the process answering GET /healthz on `port` says it is VNFC `vnfcId` (the runtime kit
 * echoes IVF_INSTANCE_ID there). A port reused by another VNFC or another program answers
 * differently or not at all.
 */
export async function probeIdentity(port: number, vnfcId: string, timeoutMs = 1000): Promise<boolean> {
  try {
    const response = await fetch(`http://127.0.0.1:${port}/healthz`, {
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (response.status !== 200) {
      await response.arrayBuffer();
      return false;
    }
    const body = (await response.json()) as { instanceId?: unknown };
    return body.instanceId === vnfcId;
  } catch {
    return false;
  }
}

/**
 * Whether process `pid` was started as VNFC `vnfcId`: its environment (Linux /proc) holds
 * IVF_INSTANCE_ID=<vnfcId>. Undefined where /proc cannot tell (other OS, permissions).
 */
export async function pidRunsVnfc(pid: number, vnfcId: string): Promise<boolean | undefined> {
  let environ: Buffer;
  try {
    environ = await readFile(`/proc/${pid}/environ`);
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ENOENT" && existsSync("/proc/self/environ")
      ? false // /proc works and the pid is gone
      : undefined;
  }
  return environ.toString("utf8").split("\0").includes(`IVF_INSTANCE_ID=${vnfcId}`);
}

export class VnfcProcess {
  private tail = "";
  exited = false;
  exitCode: number | null = null;
  readonly exitPromise: Promise<void>;

  private constructor(
    readonly child: ChildProcess,
    readonly port: number,
  ) {
    const keep = (chunk: Buffer) => {
      this.tail = (this.tail + chunk.toString("utf8")).slice(-2000);
    };
    child.stdout?.on("data", keep);
    child.stderr?.on("data", keep);
    this.exitPromise = new Promise((resolve) => {
      child.once("exit", (code, signal) => {
        this.exited = true;
        this.exitCode = code ?? (signal ? 128 : null);
        resolve();
      });
      child.once("error", (error) => {
        this.tail += `\nspawn error: ${error.message}`;
        this.exited = true;
        resolve();
      });
    });
  }

  static spawn(command: string[], env: NodeJS.ProcessEnv, port: number, cwd: string): VnfcProcess {
    const [file, ...args] = command;
    if (!file) throw new Error("empty VNFC command");
    const child = spawn(file, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    return new VnfcProcess(child, port);
  }

  get pid(): number | undefined {
    return this.child.pid;
  }

  output(): string {
    return this.tail.trim();
  }

  /** Resolves when /readyz answers 200; rejects on exit or timeout. */
  async waitReady(timeoutMs: number, pollMs = 25): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited)
        throw new Error(
          `exited with code ${this.exitCode} before it was ready: ${this.output() || "(no output)"}`,
        );
      if (await probeReady(this.port, 500)) return;
      await new Promise((resolve) => setTimeout(resolve, pollMs));
    }
    throw new Error(`not ready on GET /readyz within ${timeoutMs} ms: ${this.output() || "(no output)"}`);
  }

  /** SIGTERM then SIGKILL after graceMs (graceMs 0: SIGKILL at once). */
  async stop(graceMs: number): Promise<void> {
    if (this.exited) return;
    this.child.kill(graceMs > 0 ? "SIGTERM" : "SIGKILL");
    if (graceMs > 0) {
      const timer = setTimeout(() => this.child.kill("SIGKILL"), graceMs);
      await this.exitPromise;
      clearTimeout(timer);
    } else {
      await this.exitPromise;
    }
  }
}

/** Whether a process with this pid exists (signal 0 probes without affecting it). */
export function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
