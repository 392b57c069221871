import { setTimeout as sleep } from "node:timers/promises";

/**
 * Waiting for another connection's write lock. SQLite has one writer per file and no fair
 * queue; its own busy handler sleeps inside the (synchronous) better-sqlite3 call, which
 * would block this process's event loop for as long as another process writes. So SQLite
 * waits only briefly (SQLITE_BUSY_TIMEOUT_MS) and the rest of the wait happens here, between
 * attempts, as short jittered async sleeps that leave the event loop free.
 */

/** The synchronous part of the wait, inside SQLite (about one 1 ms sleep). */
export const SQLITE_BUSY_TIMEOUT_MS = 2;
/** Below write-turns.ts YIELD_MS even with jitter, so that a waiter uses the holder's pause. */
const MAX_PAUSE_MS = 4;

export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return (
    typeof code === "string" &&
    (code === "SQLITE_BUSY" || code.startsWith("SQLITE_BUSY_") || code === "SQLITE_LOCKED")
  );
}

/** Runs `work` (one whole transaction) again while the file is locked, until `deadlineMs` passed. */
export async function retryWhileBusy<R>(
  work: () => R,
  deadlineMs: number,
  what: string,
  /** Told each time the file was found locked, with how long this call has waited so far (write-turns.ts). */
  onBusy?: (waitedMs: number) => void,
): Promise<R> {
  const started = Date.now();
  const deadline = started + deadlineMs;
  let pause = 1;
  for (;;) {
    try {
      return work();
    } catch (error) {
      if (!isBusy(error)) throw error;
      onBusy?.(Date.now() - started);
      if (Date.now() >= deadline) {
        throw new Error(`${what}: the store file stayed locked by another writer for ${deadlineMs} ms`, {
          cause: error,
        });
      }
      await sleep(pause * (0.5 + Math.random() / 2));
      pause = Math.min(pause * 2, MAX_PAUSE_MS);
    }
  }
}
