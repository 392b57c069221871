import { mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import {
  STARVING_AFTER_MS,
  WriteTurns,
  YIELD_MS,
} from "../../../vnfs/runtime-kit/store/sqlite/write-turns.js";

const dir = mkdtempSync(join(tmpdir(), "ivf-turns-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function yieldTime(turns: WriteTurns): Promise<number> {
  const started = performance.now();
  await turns.yieldToWaiters();
  return performance.now() - started;
}

describe("turns at the write lock", () => {
  it("leaves the lock free for a moment when another process has just announced that it waits", async () => {
    const path = join(dir, "a.sqlite");
    const holder = new WriteTurns(path);
    const waiter = new WriteTurns(path); // as another process would: same file, own instance
    expect(await yieldTime(holder)).toBeLessThan(YIELD_MS); // nobody waits: no signal file yet
    waiter.announceWaiting();
    expect(await yieldTime(holder)).toBeGreaterThanOrEqual(YIELD_MS - 1);
  });

  it("asks for a turn only once a wait has lasted long enough to be starvation", async () => {
    const path = join(dir, "c.sqlite");
    const holder = new WriteTurns(path);
    const waiter = new WriteTurns(path);
    waiter.waiting(STARVING_AFTER_MS / 10); // ordinary give and take between two writers
    expect(await yieldTime(holder)).toBeLessThan(YIELD_MS);
    waiter.waiting(STARVING_AFTER_MS);
    expect(await yieldTime(holder)).toBeGreaterThanOrEqual(YIELD_MS - 1);
  });

  it("does not yield to its own announcement, nor to a stale one", async () => {
    const path = join(dir, "b.sqlite");
    const turns = new WriteTurns(path);
    turns.announceWaiting();
    expect(await yieldTime(turns)).toBeLessThan(YIELD_MS);
    writeFileSync(`${path}-waiting`, "");
    const longAgo = (Date.now() - 5_000) / 1000;
    utimesSync(`${path}-waiting`, longAgo, longAgo);
    expect(await yieldTime(new WriteTurns(path))).toBeLessThan(YIELD_MS);
  });
});
