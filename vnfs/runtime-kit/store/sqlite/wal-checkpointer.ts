import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";
import type { Logger } from "../../logging/logger.js";

/**
 * Checkpoints the WALs of a store's files (its main file, then its shard files, see `watch`) from
 * one worker thread (docs/design/store.md "Checkpoints").
 *
 * SQLite's automatic checkpoint runs inside the commit that crosses the threshold: that commit
 * copies the WAL into the database file and fsyncs both before it returns, and better-sqlite3 is
 * synchronous, so the event loop of whichever process committed stands still meanwhile (measured:
 * about 45 % of the write time of ingestion). Here a worker with its own connection watches the WAL
 * file and runs a PASSIVE checkpoint once it has grown past the threshold; passive checkpoints never
 * take the write lock, so writers go on committing while the copy and the fsyncs happen on
 * another thread. Writers keep SQLite's own automatic checkpoint at a higher threshold as a safety
 * net, should this worker fall behind or die.
 */

export interface WalCheckpointerOptions {
  /** The database file (its WAL is `<path>-wal`). */
  path: string;
  logger: Logger;
  /** WAL size that triggers a checkpoint. */
  thresholdBytes: number;
  /** How often the WAL size is looked at. */
  intervalMs: number;
}

/** CommonJS source of the worker (eval mode: no module resolution, the driver path is passed in). */
const WORKER_SOURCE = `
const { parentPort, workerData } = require("node:worker_threads");
const { statSync } = require("node:fs");
const Database = require(workerData.driver);
const files = [];
function watch(path) {
  const db = new Database(path, { timeout: 1000 });
  db.pragma("busy_timeout = 0");
  files.push({ path, wal: path + "-wal", db, failures: 0 });
}
watch(workerData.path);
let timer;
function tick() {
  for (const file of files) {
    try {
      const size = statSync(file.wal, { throwIfNoEntry: false })?.size ?? 0;
      if (size >= workerData.thresholdBytes) {
        const [result] = file.db.pragma("wal_checkpoint(PASSIVE)");
        parentPort.postMessage({ kind: "checkpoint", path: file.path, walBytes: size, ...result });
      }
      file.failures = 0;
    } catch (error) {
      file.failures += 1;
      if (file.failures === 1 || file.failures % 100 === 0) {
        parentPort.postMessage({ kind: "error", path: file.path, message: String((error && error.message) || error), failures: file.failures });
      }
    }
  }
  timer = setTimeout(tick, workerData.intervalMs);
}
parentPort.on("message", (message) => {
  if (message && typeof message.watch === "string") {
    try {
      watch(message.watch);
    } catch (error) {
      parentPort.postMessage({ kind: "error", path: message.watch, message: String((error && error.message) || error), failures: 1 });
    }
    return;
  }
  if (message !== "stop") return;
  clearTimeout(timer);
  for (const file of files) file.db.close();
  parentPort.postMessage({ kind: "stopped" });
  parentPort.close();
});
tick();
`;

const driverPath = createRequire(import.meta.url).resolve("better-sqlite3");

export class WalCheckpointer {
  private readonly worker: Worker;
  private checkpoints = 0;
  private readonly stopped: Promise<void>;

  constructor(private readonly options: WalCheckpointerOptions) {
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: {
        driver: driverPath,
        path: options.path,
        thresholdBytes: options.thresholdBytes,
        intervalMs: options.intervalMs,
      },
    });
    // Never keeps a process alive on its own; close() stops it on the way out.
    this.worker.unref();
    this.worker.on(
      "message",
      (message: { kind: string; path?: string; message?: string; failures?: number }) => {
        if (message.kind === "checkpoint") this.checkpoints += 1;
        if (message.kind === "error") {
          options.logger.warn(
            { path: message.path ?? options.path, failures: message.failures, reason: message.message },
            "background WAL checkpoint failed; SQLite's own checkpoint at commit remains",
          );
        }
      },
    );
    this.worker.on("error", (error) =>
      options.logger.warn({ err: error, path: options.path }, "WAL checkpointer thread failed"),
    );
    this.stopped = new Promise((resolve) => this.worker.once("exit", () => resolve()));
  }

  /** Checkpoints another file of the same store (a shard) from the same thread. */
  watch(path: string): void {
    this.worker.postMessage({ watch: path });
  }

  /** Checkpoints run so far (tests and logs). */
  get completed(): number {
    return this.checkpoints;
  }

  /** Stops the thread after the checkpoint in progress, if any (at most `timeoutMs`). */
  async close(timeoutMs = 5000): Promise<void> {
    // Held by the thread from here on: an unref'd worker alone would let the process end (or a
    // top-level await fail) before the thread answered.
    this.worker.ref();
    this.worker.postMessage("stop");
    const timeout = new Promise<"timeout">((resolve) => setTimeout(resolve, timeoutMs, "timeout").unref());
    if ((await Promise.race([this.stopped, timeout])) === "timeout") await this.worker.terminate();
  }
}
