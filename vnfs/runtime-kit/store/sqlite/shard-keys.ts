import type { Database } from "better-sqlite3";
import { StoreInputError } from "../document-store.js";

/**
 * Shard files of the embedded store (docs/design/store.md "Shards"): a collection opened with a
 * shard key lives in STORE_SHARDS files next to the main one, `<name>.shard-<kk>.sqlite`. The
 * count equals the default number of telemetry partitions: with the same hash of
 * `<tenant>/<deviceId>`, each partition writes one shard that no other partition writes (as long as
 * IVF_TELEMETRY_PARTITIONS divides 16), so request processors owning different partitions never
 * wait for each other's file lock. It is fixed: changing it would move documents between files.
 */
export const STORE_SHARDS = 16;

/** The main file records which collections are sharded, so every process opens them alike. */
const SHARD_KEYS_TABLE = "_ivf_shard_keys";

export function shardPath(path: string, shard: number): string {
  if (path === ":memory:") return path;
  return `${path.replace(/\.sqlite$/, "")}.shard-${String(shard).padStart(2, "0")}.sqlite`;
}

/** The shard key recorded for a collection, if any. */
export function recordedShardKey(db: Database, collection: string): string[] | undefined {
  if (!hasTable(db, SHARD_KEYS_TABLE)) return undefined;
  const fields = db
    .prepare(`SELECT fields FROM "${SHARD_KEYS_TABLE}" WHERE collection = ?`)
    .pluck()
    .get(collection) as string | undefined;
  return fields === undefined ? undefined : (JSON.parse(fields) as string[]);
}

/** Records the shard key on first use (run inside a write turn); returns the one in force. */
export function recordShardKey(db: Database, collection: string, shardKey: string[]): string[] {
  db.exec(
    `CREATE TABLE IF NOT EXISTS "${SHARD_KEYS_TABLE}" (collection TEXT PRIMARY KEY NOT NULL, fields TEXT NOT NULL) WITHOUT ROWID`,
  );
  db.prepare(
    `INSERT INTO "${SHARD_KEYS_TABLE}" (collection, fields) VALUES (?, ?) ON CONFLICT DO NOTHING`,
  ).run(collection, JSON.stringify(shardKey));
  const recorded = recordedShardKey(db, collection)!;
  if (recorded.join("\u0000") !== shardKey.join("\u0000")) {
    throw new StoreInputError(
      "STORE_INVALID_QUERY",
      `${collection}: the store keeps it sharded by ${recorded.join(", ")}; it cannot be opened with shard key ${shardKey.join(", ")}`,
    );
  }
  return recorded;
}

/** Whether the main file holds an unsharded table of that name (written before it was sharded). */
export function hasTable(db: Database, table: string): boolean {
  return db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?").pluck().get(table) === 1;
}
