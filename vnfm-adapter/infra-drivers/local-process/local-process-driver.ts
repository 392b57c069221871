/**
 * The embedded VIM: each VNFC is a child process of the VNFM running the IVF entrypoint
 * (`node dist/vnfs/cli/main.js run <function>` by default) with its own IVF_HTTP_PORT and
 * IVF_INSTANCE_ID. A VNFC counts as started once GET /readyz answers 200. The resource id is
 * the stable VNFC id; pid and port are metadata, which also lets a restarted VNFM adopt or
 * stop processes that outlived the previous VNFM process.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Logger } from "../../../vnfs/runtime-kit/logging/logger.js";
import type { VimDriver, VnfcLaunch, VnfcRef, VnfcStatus } from "../vim-driver.js";
import { freePort, pidAlive, pidRunsVnfc, probeIdentity, probeReady, VnfcProcess } from "./vnfc-process.js";

export interface LocalProcessDriverOptions {
  /** Command with `{function}` placeholders, e.g. ["node", "dist/vnfs/cli/main.js", "run", "{function}"]. */
  command: string[];
  cwd: string;
  /** Root of per-VNFC data directories (IVF_DATA_DIR of each VNFC). */
  dataRoot: string;
  readyTimeoutMs: number;
  /** Environment inherited by every VNFC in addition to its own (e.g. IVF_AMQP_URL). */
  baseEnv?: NodeJS.ProcessEnv;
  logger: Logger;
}

export const LOCAL_VIM_TYPE = "IVF.LOCAL_PROCESS.V_1";

export class LocalProcessDriver implements VimDriver {
  readonly vimType = LOCAL_VIM_TYPE;
  private readonly processes = new Map<string, VnfcProcess>();

  constructor(private readonly options: LocalProcessDriverOptions) {}

  async start(launch: VnfcLaunch): Promise<VnfcRef> {
    const existing = this.processes.get(launch.vnfcId);
    if (existing && !existing.exited) return this.refOf(launch.vnfcId, existing);
    const port = await freePort();
    const dataDir = join(this.options.dataRoot, launch.vnfInstanceId, launch.vnfcId);
    mkdirSync(dataDir, { recursive: true });
    const env: NodeJS.ProcessEnv = {
      ...(this.options.baseEnv ?? process.env),
      ...launch.env,
      IVF_HTTP_HOST: "127.0.0.1",
      IVF_HTTP_PORT: String(port),
      IVF_INSTANCE_ID: launch.vnfcId,
      IVF_DATA_DIR: dataDir,
      IVF_VNF_INSTANCE_ID: launch.vnfInstanceId,
      IVF_VDU_ID: launch.vduId,
    };
    const command = this.options.command.map((part) => part.replaceAll("{function}", launch.functionName));
    const child = VnfcProcess.spawn(command, env, port, this.options.cwd);
    this.processes.set(launch.vnfcId, child);
    try {
      await child.waitReady(this.options.readyTimeoutMs);
    } catch (error) {
      await child.stop(0);
      this.processes.delete(launch.vnfcId);
      throw new Error(`VNFC ${launch.vnfcId} (${launch.functionName}) ${(error as Error).message}`);
    }
    this.options.logger.info({ vnfcId: launch.vnfcId, pid: child.pid, port }, "VNFC ready");
    return this.refOf(launch.vnfcId, child);
  }

  private refOf(vnfcId: string, child: VnfcProcess): VnfcRef {
    return { vnfcId, resourceId: vnfcId, metadata: { pid: child.pid, port: child.port } };
  }

  async stop(vnfc: VnfcRef, graceMs: number): Promise<void> {
    const child = this.processes.get(vnfc.vnfcId);
    if (child) {
      await child.stop(graceMs);
      this.processes.delete(vnfc.vnfcId);
      return;
    }
    await this.stopOrphan(vnfc, graceMs);
  }

  /** A VNFC started by an earlier VNFM process: signal it by the pid recorded in its metadata. */
  private async stopOrphan(vnfc: VnfcRef, graceMs: number): Promise<void> {
    const pid = typeof vnfc.metadata.pid === "number" ? vnfc.metadata.pid : undefined;
    if (pid === undefined || !pidAlive(pid) || !(await this.isOurVnfc(vnfc))) return;
    process.kill(pid, graceMs > 0 ? "SIGTERM" : "SIGKILL");
    const deadline = Date.now() + graceMs;
    while (pidAlive(pid) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 25));
    if (pidAlive(pid)) process.kill(pid, "SIGKILL");
  }

  /**
   * Guards against pid and port reuse before a recorded pid is signalled or adopted: the process
   * answering GET /healthz on the recorded port must say it is this VNFC (its IVF_INSTANCE_ID),
   * and where /proc can tell, the recorded pid must have been started as this VNFC too.
   */
  private async isOurVnfc(vnfc: VnfcRef): Promise<boolean> {
    const port = typeof vnfc.metadata.port === "number" ? vnfc.metadata.port : undefined;
    const pid = typeof vnfc.metadata.pid === "number" ? vnfc.metadata.pid : undefined;
    if (port === undefined || pid === undefined) return false;
    if (!(await probeIdentity(port, vnfc.vnfcId, 1000))) {
      this.options.logger.warn(
        { vnfcId: vnfc.vnfcId, pid, port },
        "recorded VNFC port does not answer /healthz as this VNFC; its pid is left alone",
      );
      return false;
    }
    if ((await pidRunsVnfc(pid, vnfc.vnfcId)) === false) {
      this.options.logger.warn(
        { vnfcId: vnfc.vnfcId, pid, port },
        "recorded pid now belongs to another process; it is left alone",
      );
      return false;
    }
    return true;
  }

  async status(vnfc: VnfcRef): Promise<VnfcStatus> {
    const child = this.processes.get(vnfc.vnfcId);
    if (child) {
      if (child.exited) return "failed";
      return (await probeReady(child.port, 1000)) ? "running" : "failed";
    }
    const pid = typeof vnfc.metadata.pid === "number" ? vnfc.metadata.pid : undefined;
    if (pid === undefined || !pidAlive(pid) || !(await this.isOurVnfc(vnfc))) return "gone";
    return (await probeReady(vnfc.metadata.port as number, 1000)) ? "running" : "failed";
  }

  /** Synchronous last resort for process exit handlers: SIGKILL every VNFC this driver started. */
  killAll(): void {
    for (const child of this.processes.values()) if (!child.exited) child.child.kill("SIGKILL");
  }

  async close(options: { stopVnfcs?: boolean } = {}): Promise<void> {
    if (options.stopVnfcs) {
      await Promise.all([...this.processes.values()].map((child) => child.stop(2000)));
    }
    this.processes.clear();
  }
}
