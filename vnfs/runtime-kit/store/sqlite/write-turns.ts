import { existsSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { setTimeout as sleep } from "node:timers/promises";
import { retryWhileBusy } from "./sqlite-busy.js";

/**
 * Fair turns at one SQLite file's write lock between processes (docs/design/store.md "Writers").
 *
 * SQLite has one writer per file and no queue: a process that writes batch after batch releases
 * the lock for microseconds between transactions, and a process polling for it (sqlite-busy.ts)
 * almost never lands in such a gap. Measured: a request processor started by a scale-out waited
 * tens of seconds for the lock it needed for its partition leases while the first one drained a
 * backlog. So a process that has waited STARVING_AFTER_MS says so by touching `<file>-waiting`, and every writer looks at
 * that file's time before its next write transaction: when another process announced itself in the
 * last WAITER_FRESH_MS, the writer leaves the lock free for YIELD_MS first. Waiters poll more often
 * than that (sqlite-busy.ts MAX_PAUSE_MS), so the waiter gets the next turn, and the former holder
 * becomes the waiter: two busy writers alternate instead of one starving the other.
 */

const WAITER_FRESH_MS = 50;
export const YIELD_MS = 8;
/**
 * A waiter asks for a turn only after waiting this long: shorter waits are the normal give and take
 * of two busy writers, whose gaps between transactions let the other in without any pause (a pause
 * on every transaction measurably cost the second request processor all of its gain).
 */
export const STARVING_AFTER_MS = 100;

export class WriteTurns {
  private readonly signal: string;
  private lastOwnAnnouncement = 0;

  constructor(databasePath: string) {
    this.signal = `${databasePath}-waiting`;
  }

  /** Called each time a writer found the file locked. Best effort: a failure only loses fairness. */
  waiting(waitedMs: number): void {
    if (waitedMs >= STARVING_AFTER_MS) this.announceWaiting();
  }

  announceWaiting(): void {
    const now = Date.now();
    try {
      // Created on first use; its time is then set to ours, so that we recognise our own signal.
      if (!existsSync(this.signal)) writeFileSync(this.signal, "");
      utimesSync(this.signal, now / 1000, now / 1000);
    } catch {
      return;
    }
    this.lastOwnAnnouncement = now;
  }

  /** Before a write transaction: leaves the lock free for a moment if another process waits for it. */
  async yieldToWaiters(): Promise<void> {
    const announced = statSync(this.signal, { throwIfNoEntry: false })?.mtimeMs;
    if (announced === undefined) return;
    const now = Date.now();
    if (now - announced > WAITER_FRESH_MS) return;
    // Our own announcement (we were the waiter a moment ago): nobody else is asking.
    if (Math.abs(announced - this.lastOwnAnnouncement) < 1) return;
    await sleep(YIELD_MS);
  }
}

/**
 * One write transaction with turns: leaves the lock to a starved waiter first, then retries while
 * the file is locked, announcing itself once it starves. Without `turns` (private in-memory store)
 * it only retries.
 */
export async function writeInTurn<R>(
  turns: WriteTurns | undefined,
  work: () => R,
  deadlineMs: number,
  what: string,
): Promise<R> {
  await turns?.yieldToWaiters();
  return retryWhileBusy(work, deadlineMs, what, turns ? (waited) => turns.waiting(waited) : undefined);
}
