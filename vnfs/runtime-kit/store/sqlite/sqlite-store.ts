import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import BetterSqlite3, { type Database } from "better-sqlite3";
import type { Logger } from "../../logging/logger.js";
import type {
  Collection,
  CollectionOptions,
  DocumentStore,
  IndexSpec,
  StoredDocument,
} from "../document-store.js";
import { checkCollectionName, checkIndexes } from "../store-input.js";
import { checkShardKey } from "../shard-key.js";
import { ShardedCollection } from "./sharded-collection.js";
import { isBusy, retryWhileBusy, SQLITE_BUSY_TIMEOUT_MS } from "./sqlite-busy.js";
import { SqliteCollection } from "./sqlite-collection.js";
import { indexSql, tableSql } from "./sqlite-schema.js";
import { WalCheckpointer } from "./wal-checkpointer.js";
import { WriteTurns, writeInTurn } from "./write-turns.js";
import { hasTable, recordedShardKey, recordShardKey, shardPath, STORE_SHARDS } from "./shard-keys.js";
import { moveIntoShards } from "./move-into-shards.js";

/** WAL size (in pages of 4 KiB) at which the WAL is checkpointed into the database file. */
const WAL_CHECKPOINT_PAGES = 4000;
const PAGE_BYTES = 4096;
/** Page cache of each shard file's connection (KiB). */
const SHARD_CACHE_KIB = 512;
/** With a background checkpointer, commits checkpoint only beyond this (a safety net). */
const SAFETY_NET_FACTOR = 4;

export interface SqliteStoreOptions {
  /** Database file; ":memory:" for a private in-memory database (tests). */
  path: string;
  logger: Logger;
  /**
   * "NORMAL" (default): in WAL mode a committed transaction survives a crash of the process
   * (it is in the WAL file, written before commit returns) but the last commits before an
   * operating-system crash or power loss may be lost, because the WAL is fsynced only at
   * checkpoints. "FULL" fsyncs the WAL on every commit: survives power loss, at the cost of
   * one fsync per transaction (see docs/design/store.md for the measured difference).
   */
  synchronous?: "NORMAL" | "FULL";
  /**
   * How long an operation waits for another connection's write lock before failing (ms). The
   * wait is asynchronous (see sqlite-busy.ts): the event loop keeps running meanwhile.
   */
  busyTimeoutMs?: number;
  /**
   * Checkpoint the WAL from a worker thread instead of inside the commit that crosses the
   * threshold (wal-checkpointer.ts). Default: on for files, off for ":memory:".
   */
  backgroundCheckpoint?: boolean;
}

/** How a shard file is opened: with the main file's settings, checkpointed by its thread. */
interface ShardOpening extends SqliteStoreOptions {
  checkpointer: WalCheckpointer | undefined;
}

/**
 * The embedded store: one SQLite file (better-sqlite3 12) per process family, WAL journal so
 * that readers never block the single writer, and several connections or processes may
 * share the file. See docs/design/store.md.
 */
export class SqliteStore implements DocumentStore {
  readonly kind = "sqlite" as const;
  private readonly collections = new Map<string, SqliteCollection<StoredDocument>>();
  private closed = false;
  private shards: Promise<SqliteStore[]> | undefined;

  private constructor(
    private readonly options: SqliteStoreOptions,
    private readonly db: Database,
    private readonly logger: Logger,
    private readonly busyDeadlineMs: number,
    private readonly checkpointer: WalCheckpointer | undefined,
    private readonly turns: WriteTurns | undefined,
  ) {}

  static async open(options: SqliteStoreOptions | ShardOpening): Promise<SqliteStore> {
    const inMemory = options.path === ":memory:";
    if (!inMemory) mkdirSync(dirname(options.path), { recursive: true });
    const busyDeadlineMs = Math.max(0, Math.trunc(options.busyTimeoutMs ?? 10_000));
    const background = !inMemory && (options.backgroundCheckpoint ?? true);
    // Opening may meet another process in WAL recovery: wait for it synchronously, once.
    const db = new BetterSqlite3(options.path, { timeout: busyDeadlineMs });
    try {
      const journal = db.pragma("journal_mode = WAL", { simple: true });
      if (!inMemory && journal !== "wal") {
        throw new Error(`${options.path}: SQLite refused WAL journal mode (got "${String(journal)}")`);
      }
      db.pragma(`synchronous = ${options.synchronous === "FULL" ? "FULL" : "NORMAL"}`);
      db.pragma(`busy_timeout = ${SQLITE_BUSY_TIMEOUT_MS}`);
      // Checkpoint every 16 MB of WAL instead of 4 MB: a page that several batches in a row
      // change (the end of an index) is copied into the database once per checkpoint, so fewer
      // checkpoints write less (docs/design/store.md "Write path"). With the background
      // checkpointer, commits only checkpoint if it fell far behind.
      db.pragma(`wal_autocheckpoint = ${WAL_CHECKPOINT_PAGES * (background ? SAFETY_NET_FACTOR : 1)}`);
    } catch (error) {
      db.close();
      throw error;
    }
    const logger = options.logger.child({ component: "sqlite-store" });
    const shared = "checkpointer" in options;
    // A shard holds a sixteenth of the collection: a quarter of SQLite's default page cache
    // (2 MiB) keeps its hot pages (index ends and inner nodes) while 16 of them stay cheap.
    if (shared) db.pragma(`cache_size = -${SHARD_CACHE_KIB}`);
    if (shared && background) options.checkpointer?.watch(options.path);
    const checkpointer = shared
      ? undefined
      : background
        ? new WalCheckpointer({
            path: options.path,
            logger,
            thresholdBytes: WAL_CHECKPOINT_PAGES * PAGE_BYTES,
            intervalMs: 100,
          })
        : undefined;
    logger[shared ? "debug" : "info"](
      { path: options.path, synchronous: options.synchronous ?? "NORMAL", backgroundCheckpoint: background },
      "embedded store opened",
    );
    return new SqliteStore(
      options,
      db,
      logger,
      busyDeadlineMs,
      checkpointer,
      inMemory ? undefined : new WriteTurns(options.path),
    );
  }

  async collection<T extends StoredDocument>(
    name: string,
    options?: CollectionOptions,
  ): Promise<Collection<T>> {
    this.assertOpen();
    checkCollectionName(name);
    const indexes = checkIndexes(options?.indexes, name);
    const shardKey = await this.shardKeyOf(name, options?.shardKey, indexes);
    if (shardKey) return this.shardedCollection<T>(name, indexes, shardKey);
    return this.plainCollection<T>(name, indexes);
  }

  /** The collection's table in this file, created with its indexes if missing. */
  private async plainCollection<T extends StoredDocument>(
    name: string,
    indexes: IndexSpec[],
  ): Promise<SqliteCollection<T>> {
    const known = this.collections.get(name);
    const declared = [...(known?.indexes ?? []), ...indexes];
    // Schema changes are transactional in SQLite: table and indexes appear together or not at all.
    const createSchema = this.db.transaction(() => {
      this.db.exec(tableSql(name));
      for (const index of indexes) this.db.exec(indexSql(name, index));
    });
    await writeInTurn(this.turns, () => createSchema.immediate(), this.busyDeadlineMs, `collection ${name}`);
    const collection = new SqliteCollection<StoredDocument>(
      this.db,
      name,
      declared,
      this.busyDeadlineMs,
      this.turns,
    );
    this.collections.set(name, collection);
    return collection as unknown as SqliteCollection<T>;
  }

  /** The collection's shard key: the one recorded in the main file, or the one declared now (recorded). */
  private async shardKeyOf(
    name: string,
    declared: string[] | undefined,
    indexes: IndexSpec[],
  ): Promise<string[] | undefined> {
    if (declared === undefined) {
      const recorded = await retryWhileBusy(
        () => recordedShardKey(this.db, name),
        this.busyDeadlineMs,
        `collection ${name}`,
      );
      if (recorded) checkShardKey(recorded, indexes, name);
      return recorded;
    }
    const shardKey = checkShardKey(declared, indexes, name);
    const record = this.db.transaction(() => recordShardKey(this.db, name, shardKey));
    return writeInTurn(this.turns, () => record.immediate(), this.busyDeadlineMs, `collection ${name}`);
  }

  private async shardedCollection<T extends StoredDocument>(
    name: string,
    indexes: IndexSpec[],
    shardKey: string[],
  ): Promise<Collection<T>> {
    this.shards ??= this.openShards();
    const shards = await this.shards;
    const members: SqliteCollection<T>[] = [];
    for (const shard of shards) members.push(await shard.plainCollection<T>(name, indexes));
    const sharded = new ShardedCollection<T>(name, members, shardKey);
    if (hasTable(this.db, name)) {
      // Written before the collection was sharded (an earlier release): moved once, then empty.
      const legacy = new SqliteCollection<T>(this.db, name, [], this.busyDeadlineMs, this.turns);
      await moveIntoShards(legacy, sharded, this.logger);
    }
    return sharded;
  }

  private async openShards(): Promise<SqliteStore[]> {
    const shards: SqliteStore[] = [];
    try {
      for (let shard = 0; shard < STORE_SHARDS; shard++) {
        shards.push(
          await SqliteStore.open({
            ...this.options,
            path: shardPath(this.options.path, shard),
            checkpointer: this.checkpointer,
          }),
        );
      }
      return shards;
    } catch (error) {
      await Promise.allSettled(shards.map((shard) => shard.close()));
      this.shards = undefined;
      throw error;
    }
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      return this.db.prepare("SELECT 1 AS ok").pluck().get() === 1;
    } catch (error) {
      this.logger.warn({ err: error }, "embedded store ping failed");
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    const shards = await this.shards?.catch(() => []);
    await Promise.all((shards ?? []).map((shard) => shard.close()));
    await this.checkpointer?.close();
    try {
      // Lets SQLite refresh planner statistics for the indexes used during this run. It is
      // advice, not data: when another process holds the write lock it is skipped, not awaited.
      this.db.pragma("optimize");
    } catch (error) {
      if (!isBusy(error)) throw error;
      this.logger.debug("planner statistics not refreshed: another writer holds the store file");
    } finally {
      this.db.close();
    }
  }

  private assertOpen(): void {
    if (this.closed) throw new Error("the embedded store is closed");
  }
}
