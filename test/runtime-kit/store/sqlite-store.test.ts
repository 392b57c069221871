import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import BetterSqlite3 from "better-sqlite3";
import { pino } from "pino";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import {
  UniqueConstraintError,
  type DocumentStore,
  type StoredDocument,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import type { SqliteCollection } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-collection.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { storeContract } from "./store-contract.js";

const logger = pino({ level: "silent" });
const scratch = mkdtempSync(join(tmpdir(), "ivf-sqlite-store-"));
const WRITER = fileURLToPath(new URL("./sqlite-writer.ts", import.meta.url));
const children: ChildProcessWithoutNullStreams[] = [];
let files = 0;
const freshFile = (): string => join(scratch, `store-${(files += 1)}`, "store.sqlite");

afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill("SIGKILL");
});
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

storeContract("sqlite (file)", async () => {
  const store = await SqliteStore.open({ path: freshFile(), logger });
  return { store, dispose: () => store.close() };
});

storeContract("sqlite (:memory:)", async () => {
  const store = await SqliteStore.open({ path: ":memory:", logger });
  return { store, dispose: () => store.close() };
});

/**
 * Sharded collections must keep the same contract: every collection of this run is sharded by
 * id (except those with a unique index, which a shard key must be part of, and those the case
 * declares a shard key for), so every query of the
 * contract reads 16 files and merges, and every write is routed.
 */
storeContract("sqlite (every collection sharded by id)", async () => {
  const store = await SqliteStore.open({ path: freshFile(), logger });
  const sharded: DocumentStore = {
    kind: store.kind,
    ping: () => store.ping(),
    close: () => store.close(),
    collection: (name, options) =>
      store.collection(
        name,
        options?.shardKey !== undefined || options?.indexes?.some((index) => index.unique)
          ? options
          : { ...options, shardKey: ["id"] },
      ),
  };
  return { store: sharded, dispose: () => store.close() };
});

interface Row extends StoredDocument {
  writer?: string;
  seq?: number;
  count?: number;
}

/** Starts the writer script; resolves lines of its stdout through `onLine`. */
/** Starts the writer script and hands each line of its stdout to `onLine`; resolves on exit. */
function startWriter(
  args: string[],
  onLine: (line: string, child: ChildProcessWithoutNullStreams) => void,
  env: NodeJS.ProcessEnv = {},
): Promise<number | null> {
  const child = spawn(process.execPath, ["--import", "tsx", WRITER, ...args], {
    stdio: "pipe",
    env: { ...process.env, ...env },
  });
  children.push(child);
  let buffered = "";
  let errors = "";
  child.stdout.on("data", (chunk: Buffer) => {
    buffered += chunk.toString();
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) onLine(line, child);
  });
  child.stderr.on("data", (chunk: Buffer) => (errors += chunk.toString()));
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code, signal) => {
      if (code !== 0 && signal !== "SIGKILL") reject(new Error(`writer exited with ${code}: ${errors}`));
      else resolve(code);
    });
  });
}

describe("sqlite store: durability and concurrency", () => {
  it("keeps committed documents across close and reopen of the file", async () => {
    const path = freshFile();
    const first = await SqliteStore.open({ path, logger });
    const rows = await first.collection<Row>("rows", { indexes: [{ fields: ["seq"] }] });
    await rows.insertMany(Array.from({ length: 1000 }, (_, seq) => ({ id: `r${seq}`, seq })));
    await rows.update("r7", { count: 7 });
    await first.close();
    expect(await first.ping()).toBe(false);

    const second = await SqliteStore.open({ path, logger });
    const again = await second.collection<Row>("rows", { indexes: [{ fields: ["seq"] }] });
    expect(await again.count()).toBe(1000);
    expect(await again.get("r7")).toEqual({ id: "r7", seq: 7, count: 7, version: 2 });
    await second.close();
  });

  it("keeps every batch a SIGKILLed writer reported as committed, and no partial batch", async () => {
    const path = freshFile();
    const batchSize = 250;
    let committed = 0;
    let killedAfter = 0;
    const exited = startWriter([path, "batches", "w", "200000", String(batchSize)], (line, child) => {
      const match = /^committed (\d+)$/.exec(line);
      if (!match) return;
      committed = Number(match[1]);
      // Kill mid-run, while the writer is still committing batches.
      if (committed >= 5000 && killedAfter === 0) {
        killedAfter = committed;
        child.kill("SIGKILL");
      }
    });
    await exited;
    expect(killedAfter).toBeGreaterThanOrEqual(5000);

    const store = await SqliteStore.open({ path, logger });
    const rows = await store.collection<Row>("rows");
    const survived = await rows.count();
    expect(survived).toBeGreaterThanOrEqual(committed);
    expect(survived % batchSize).toBe(0);
    expect(await rows.count({ seq: { lt: committed } })).toBe(committed);
    await store.close();
  }, 60_000);

  it("finds all N documents after a writer that finished is SIGKILLed before closing", async () => {
    const path = freshFile();
    const total = 3000;
    const exited = startWriter([path, "batches", "k", String(total), "100"], (line, child) => {
      if (line === "done") child.kill("SIGKILL");
    });
    await exited;
    const store = await SqliteStore.open({ path, logger });
    const rows = await store.collection<Row>("rows");
    expect(await rows.count({ writer: "k" })).toBe(total);
    const last = await rows.find({
      where: { writer: "k" },
      orderBy: [{ field: "seq", direction: "desc" }],
      limit: 1,
    });
    expect(last[0]?.seq).toBe(total - 1);
    await store.close();
  }, 60_000);

  it("four processes writing the same file at once lose no insert and no increment", async () => {
    const path = freshFile();
    const setup = await SqliteStore.open({ path, logger });
    await (await setup.collection<Row>("rows")).insert({ id: "counter", count: 0 });
    await setup.close();

    // Every writer opens the file, reports "ready", and all start together on "go".
    const waiting: ChildProcessWithoutNullStreams[] = [];
    let conflicts = 0;
    const onLine = (line: string, child: ChildProcessWithoutNullStreams): void => {
      if (line === "ready" && waiting.push(child) === 4)
        for (const writer of waiting) writer.stdin.write("go\n");
      if (line === "done") child.kill("SIGKILL");
      const retried = /^done (\d+)$/.exec(line);
      if (retried) conflicts += Number(retried[1]);
    };
    const go = { IVF_WAIT_FOR_GO: "1" };
    await Promise.all([
      startWriter([path, "batches", "a", "5000", "50"], onLine, go),
      startWriter([path, "batches", "b", "5000", "50"], onLine, go),
      startWriter([path, "increments", "counter", "300"], onLine, go),
      startWriter([path, "increments", "counter", "300"], onLine, go),
    ]);
    // The increments really raced: some had to be retried after a version conflict.
    expect(conflicts).toBeGreaterThan(0);

    const store = await SqliteStore.open({ path, logger });
    const rows = await store.collection<Row>("rows");
    expect(await rows.count({ writer: "a" })).toBe(5000);
    expect(await rows.count({ writer: "b" })).toBe(5000);
    expect(await rows.get("counter")).toMatchObject({ count: 600, version: 601 });
    await store.close();
  }, 120_000);
});

describe("sqlite store: turns at the write lock", () => {
  it("lets another process write while a busy writer commits batch after batch, instead of starving it", async () => {
    const path = freshFile();
    let committed = 0;
    let done = false;
    let started!: () => void;
    const writing = new Promise<void>((resolve) => (started = resolve));
    // A writer with no pause between its transactions: the lock is free only for microseconds at a time.
    const exited = startWriter([path, "batches", "busy", "2000000", "2000"], (line, child) => {
      if (line.startsWith("committed")) committed = Number(line.split(" ")[1]);
      if (committed >= 10_000) started();
      if (line === "done") {
        done = true;
        child.kill("SIGKILL");
      }
    });
    await writing;
    const store = await SqliteStore.open({ path, logger, busyTimeoutMs: 120_000 });
    try {
      const rows = await store.collection<Row>("rows", { indexes: [{ fields: ["writer", "seq"] }] });
      const before = committed;
      for (let seq = 0; seq < 20; seq++)
        await rows.insertMany([{ id: `other-${seq}`, writer: "other", seq }]);
      // Every one of our writes got its turn while the other process was still writing...
      expect(done).toBe(false);
      // ...and that process kept committing meanwhile (turns, not a lock handed over for good).
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(committed).toBeGreaterThan(before);
      expect(await rows.count({ writer: "other" })).toBe(20);
    } finally {
      for (const child of children) child.kill("SIGKILL");
      await exited;
      await store.close();
    }
  }, 120_000);
});

describe("sqlite store: adapter specifics", () => {
  it("insertMany is one transaction: a unique violation anywhere stores none of the batch", async () => {
    const store = await SqliteStore.open({ path: ":memory:", logger });
    const rows = await store.collection<Row & { serial: string }>("rows", {
      indexes: [{ fields: ["serial"], unique: true }],
    });
    await rows.insert({ id: "a", serial: "S-1" });
    const batch = [
      { id: "b", serial: "S-2" },
      { id: "c", serial: "S-3" },
      { id: "d", serial: "S-1" },
    ];
    await expect(rows.insertMany(batch)).rejects.toBeInstanceOf(UniqueConstraintError);
    expect(await rows.count()).toBe(1);
    await store.close();
  });

  it("serves latest-value and time-range queries from the declared index without sorting", async () => {
    const store = await SqliteStore.open({ path: ":memory:", logger });
    const rows = (await store.collection<Row & { deviceId: string; ts: string }>("readings", {
      indexes: [{ fields: ["deviceId", "ts"] }],
    })) as SqliteCollection<Row & { deviceId: string; ts: string }>;
    const latest = rows.explainFind({
      where: { deviceId: "m1" },
      orderBy: [{ field: "ts", direction: "desc" }],
      limit: 1,
    });
    const range = rows.explainFind({
      where: { deviceId: "m1", ts: { gte: "2026-01-01T00:00:00Z", lt: "2026-01-02T00:00:00Z" } },
      orderBy: [{ field: "ts" }],
      limit: 1000,
    });
    for (const plan of [latest, range]) {
      expect(plan.join("\n")).toMatch(/USING INDEX "?readings:deviceId,ts/);
      expect(plan.join("\n")).not.toMatch(/TEMP B-TREE/);
    }
    await store.close();
  });

  it("keeps the file in WAL mode, so readers in other processes never block the writer", async () => {
    for (const synchronous of [undefined, "FULL"] as const) {
      const path = freshFile();
      const store = await SqliteStore.open({ path, logger, synchronous });
      await (await store.collection("rows")).insert({ id: "x" });
      const reader = new BetterSqlite3(path, { readonly: true });
      expect(reader.pragma("journal_mode", { simple: true })).toBe("wal");
      expect(reader.prepare('SELECT count(*) FROM "rows"').pluck().get()).toBe(1);
      reader.close();
      await store.close();
    }
  });

  it("waits for another connection's write lock without blocking the event loop, then gives up clearly", async () => {
    const path = freshFile();
    const store = await SqliteStore.open({ path, logger, busyTimeoutMs: 1500 });
    const rows = await store.collection<Row>("rows");
    const other = new BetterSqlite3(path);
    other.exec("BEGIN IMMEDIATE");
    let ticks = 0;
    const ticker = setInterval(() => (ticks += 1), 10);
    const waiting = rows.insert({ id: "after-unlock" });
    await new Promise((resolve) => setTimeout(resolve, 300));
    other.exec("COMMIT");
    expect(await waiting).toBe("inserted");
    // A blocked event loop would have run the 10 ms ticker at most once or twice.
    expect(ticks).toBeGreaterThanOrEqual(5);

    other.exec("BEGIN IMMEDIATE");
    const started = Date.now();
    await expect(rows.insert({ id: "never" })).rejects.toThrow(/locked by another writer for 1500 ms/);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1400);
    other.exec("ROLLBACK");
    clearInterval(ticker);
    other.close();
    expect(await rows.get("never")).toBeUndefined();
    await store.close();
  });

  it("a closed store refuses new collections and fails its ping", async () => {
    const store = await SqliteStore.open({ path: ":memory:", logger });
    await store.close();
    expect(await store.ping()).toBe(false);
    await expect(store.collection("rows")).rejects.toThrow(/closed/);
  });
});
