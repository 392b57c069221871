import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";

/** Bumped when the tables change; a file written by another version is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

/**
 * One SQLite file is the whole bus (docs/design/bus.md "Embedded bus"). A message row is one
 * queue's copy; its `consumer_id` is the delivery lease (NULL = ready). Rows keep their `seq`
 * when a lease is released, so a redelivered message goes back to the head of its queue.
 */
const TABLES = `
CREATE TABLE IF NOT EXISTS bus_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS exchanges (name TEXT PRIMARY KEY, created_at INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS queues (
  name TEXT PRIMARY KEY,
  auto_delete INTEGER NOT NULL,
  single_active INTEGER NOT NULL,
  had_consumer INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS bindings (
  exchange TEXT NOT NULL,
  pattern TEXT NOT NULL,
  queue TEXT NOT NULL REFERENCES queues(name) ON DELETE CASCADE,
  PRIMARY KEY (exchange, pattern, queue)
);
CREATE TABLE IF NOT EXISTS messages (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  queue TEXT NOT NULL,
  message_id TEXT NOT NULL,
  exchange TEXT NOT NULL,
  routing_key TEXT NOT NULL,
  body TEXT NOT NULL,
  headers TEXT NOT NULL,
  published_at INTEGER NOT NULL,
  delivery_count INTEGER NOT NULL DEFAULT 0,
  consumer_id TEXT,
  leased_at INTEGER
);
CREATE INDEX IF NOT EXISTS messages_ready ON messages (queue, seq) WHERE consumer_id IS NULL;
CREATE INDEX IF NOT EXISTS messages_leased ON messages (consumer_id) WHERE consumer_id IS NOT NULL;
CREATE INDEX IF NOT EXISTS messages_queue ON messages (queue);
CREATE TABLE IF NOT EXISTS consumers (
  id TEXT PRIMARY KEY,
  registration INTEGER NOT NULL,
  queue TEXT NOT NULL,
  instance_id TEXT NOT NULL,
  pid INTEGER NOT NULL,
  tag TEXT NOT NULL,
  prefetch INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS consumers_queue ON consumers (queue, registration);
CREATE INDEX IF NOT EXISTS consumers_heartbeat ON consumers (heartbeat_at);
`;

/**
 * Opens (creating if needed) the bus file. WAL lets readers poll without blocking writers.
 * The connection default is `synchronous = NORMAL`; publishes switch to FULL (BusTables.durably)
 * so that a confirmed publish survives power loss, as the port's "durably accepted" promises.
 */
export function openBusDatabase(path: string, busyTimeoutMs: number): Database.Database {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  // Opening may meet another process creating the same file: wait for it here, once.
  const db = new Database(path, { timeout: busyTimeoutMs });
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.transaction(() => {
    db.exec(TABLES);
    const row = db.prepare("SELECT value FROM bus_meta WHERE key = 'schema_version'").get() as
      { value: string } | undefined;
    if (!row) {
      db.prepare("INSERT INTO bus_meta (key, value) VALUES ('schema_version', ?)").run(
        String(SCHEMA_VERSION),
      );
    } else if (row.value !== String(SCHEMA_VERSION)) {
      throw new Error(
        `bus file ${path} has schema version ${row.value}, this build reads version ${SCHEMA_VERSION}; ` +
          "drain it with the matching build or move it aside",
      );
    }
  }).immediate();
  // From now on a busy lock fails at once and BusTables retries asynchronously (event loop stays free).
  db.pragma("busy_timeout = 0");
  return db;
}
