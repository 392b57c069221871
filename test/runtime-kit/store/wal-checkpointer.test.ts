import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { WalCheckpointer } from "../../../vnfs/runtime-kit/store/sqlite/wal-checkpointer.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";

const logger = createLogger({ ivf: "test", instanceId: "t", level: "silent" });
const dirs: string[] = [];

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "ivf-wal-"));
  dirs.push(dir);
  return join(dir, "store.sqlite");
}

afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

async function until(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe("background WAL checkpoints", () => {
  it("copies a grown WAL into the database file from its own thread while the writer only commits", async () => {
    const path = scratch();
    const writer = new BetterSqlite3(path);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0"); // the writer itself never checkpoints here
    writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT)");
    const insert = writer.prepare("INSERT INTO t (doc) VALUES (?)");
    const checkpointer = new WalCheckpointer({ path, logger, thresholdBytes: 1024 * 1024, intervalMs: 10 });
    try {
      const before = statSync(path).size;
      writer.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run("x".repeat(1000));
      })();
      expect(statSync(`${path}-wal`).size).toBeGreaterThan(2 * 1024 * 1024);
      await until(() => checkpointer.completed >= 1);
      // The rows now live in the database file itself, not only in the WAL.
      expect(statSync(path).size).toBeGreaterThan(before + 2 * 1024 * 1024);
      // The next write restarts the WAL from its beginning instead of growing it.
      const walBefore = statSync(`${path}-wal`).size;
      insert.run("after");
      expect(statSync(`${path}-wal`).size).toBeLessThanOrEqual(walBefore);
      expect(writer.prepare("SELECT count(*) AS n FROM t").get()).toEqual({ n: 3001 });
    } finally {
      await checkpointer.close();
      writer.close();
    }
  });

  it("checkpoints the other files of a store (its shards) from the same thread", async () => {
    const path = scratch();
    const shardFile = path.replace(/\.sqlite$/, ".shard-00.sqlite");
    const writer = new BetterSqlite3(shardFile);
    writer.pragma("journal_mode = WAL");
    writer.pragma("wal_autocheckpoint = 0");
    writer.exec("CREATE TABLE t (id INTEGER PRIMARY KEY, doc TEXT)");
    const insert = writer.prepare("INSERT INTO t (doc) VALUES (?)");
    const checkpointer = new WalCheckpointer({ path, logger, thresholdBytes: 1024 * 1024, intervalMs: 10 });
    checkpointer.watch(shardFile);
    try {
      const before = statSync(shardFile).size;
      writer.transaction(() => {
        for (let i = 0; i < 3000; i++) insert.run("x".repeat(1000));
      })();
      await until(() => checkpointer.completed >= 1);
      expect(statSync(shardFile).size).toBeGreaterThan(before + 2 * 1024 * 1024);
    } finally {
      await checkpointer.close();
      writer.close();
    }
  });

  it("stops its thread when the store closes, so that a process can exit", async () => {
    const store = await SqliteStore.open({ path: scratch(), logger });
    const things = await store.collection<{ id: string; n: number }>("things");
    await things.insertMany(Array.from({ length: 100 }, (_, n) => ({ id: `t${n}`, n })));
    const started = Date.now();
    await store.close();
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
