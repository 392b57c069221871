import { spawn, type ChildProcess } from "node:child_process";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { freePort } from "./mosquitto.js";

const repositoryRoot = fileURLToPath(new URL("../../../", import.meta.url));
const cliEntry = fileURLToPath(new URL("../../../vnfs/cli/main.ts", import.meta.url));

export interface IvfProcess {
  instance: string;
  child: ChildProcess;
  url: string;
  logs: string[];
  /** Resolves with the exit code (or signal name) once the process ended. */
  exited: Promise<number | string>;
}

/**
 * Starts `ivf run <fn>` as a real child process from source (via tsx) on a free port and resolves
 * once its /healthz answers. Log lines are kept for failure messages.
 */
export async function startIvfProcess(
  fn: string,
  instance: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 60_000,
): Promise<IvfProcess> {
  const port = await freePort();
  const child = spawn(process.execPath, ["--import", "tsx", cliEntry, "run", fn], {
    cwd: repositoryRoot,
    env: {
      ...process.env,
      ...env,
      IVF_INSTANCE_ID: instance,
      IVF_HTTP_HOST: "127.0.0.1",
      IVF_HTTP_PORT: String(port),
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  const logs: string[] = [];
  let ended: number | string | undefined;
  const exited = new Promise<number | string>((resolve) =>
    child.once("exit", (code, signal) => resolve((ended = code ?? signal ?? -1))),
  );
  createInterface({ input: child.stderr! }).on("line", (line) => logs.push(line));
  createInterface({ input: child.stdout! }).on("line", (line) => logs.push(line));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (ended !== undefined)
      throw new Error(`${instance} exited (${ended}) before listening:\n${logs.slice(-20).join("\n")}`);
    if (Date.now() > deadline) {
      child.kill("SIGKILL");
      throw new Error(`${instance} did not start within ${timeoutMs} ms:\n${logs.slice(-20).join("\n")}`);
    }
    try {
      if ((await fetch(`${url}/healthz`)).ok) return { instance, child, url, logs, exited };
    } catch {
      // not listening yet
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

/** SIGTERM (graceful) and wait; SIGKILL after `graceMs`. */
export async function stopIvfProcess(ivf: IvfProcess, graceMs = 15_000): Promise<number | string> {
  if (ivf.child.exitCode === null && ivf.child.signalCode === null) {
    ivf.child.kill("SIGTERM");
    const timer = setTimeout(() => ivf.child.kill("SIGKILL"), graceMs);
    const code = await ivf.exited;
    clearTimeout(timer);
    return code;
  }
  return ivf.exited;
}

/** Reads one counter or gauge (summing its label sets) from a process's /metrics. */
export async function readMetric(ivf: IvfProcess, name: string, labelFilter = ""): Promise<number> {
  const text = await (await fetchWithRetry(`${ivf.url}/metrics`)).text();
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) {
      if (labelFilter && !line.includes(labelFilter)) continue;
      total += Number(line.slice(line.lastIndexOf(" ") + 1));
    }
  }
  return total;
}

/**
 * fetch that retries a request whose pooled keep-alive connection the server had just closed
 * (ECONNRESET / "other side closed"): a client-side race, not an answer of the server.
 */
export async function fetchWithRetry(url: string, init?: RequestInit, attempts = 3): Promise<Response> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await fetch(url, init);
    } catch (error) {
      if (attempt >= attempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}
