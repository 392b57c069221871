import type Database from "better-sqlite3";

/** Every statement of the embedded bus, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    exchangeExists: db.prepare("SELECT 1 FROM exchanges WHERE name = ?").pluck(),
    insertExchange: db.prepare("INSERT OR IGNORE INTO exchanges (name, created_at) VALUES (?, ?)"),
    queueRow: db.prepare("SELECT auto_delete, single_active FROM queues WHERE name = ?"),
    insertQueue: db.prepare(
      "INSERT INTO queues (name, auto_delete, single_active, created_at) VALUES (?, ?, ?, ?)",
    ),
    insertBinding: db.prepare("INSERT OR IGNORE INTO bindings (exchange, pattern, queue) VALUES (?, ?, ?)"),
    bindingsOf: db.prepare("SELECT pattern, queue FROM bindings WHERE exchange = ?"),
    insertMessage: db.prepare(
      `INSERT INTO messages (queue, message_id, exchange, routing_key, body, headers, published_at, delivery_count)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    hasReady: db.prepare("SELECT 1 FROM messages WHERE queue = ? AND consumer_id IS NULL LIMIT 1").pluck(),
    claim: db.prepare(
      `UPDATE messages SET consumer_id = ?, leased_at = ?, delivery_count = delivery_count + 1
       WHERE seq IN (SELECT seq FROM messages WHERE queue = ? AND consumer_id IS NULL ORDER BY seq LIMIT ?)
       RETURNING seq, queue, message_id, exchange, routing_key, body, headers, published_at, delivery_count`,
    ),
    ack: db.prepare("DELETE FROM messages WHERE seq = ? AND consumer_id = ?"),
    release: db.prepare(
      "UPDATE messages SET consumer_id = NULL, leased_at = NULL WHERE seq = ? AND consumer_id = ?",
    ),
    releaseAll: db.prepare("UPDATE messages SET consumer_id = NULL, leased_at = NULL WHERE consumer_id = ?"),
    take: db.prepare(
      `DELETE FROM messages WHERE seq = ? AND consumer_id = ?
       RETURNING seq, queue, message_id, exchange, routing_key, body, headers, published_at, delivery_count`,
    ),
    activeConsumer: db
      .prepare("SELECT id FROM consumers WHERE queue = ? ORDER BY registration LIMIT 1")
      .pluck(),
    nextRegistration: db.prepare("SELECT COALESCE(MAX(registration), 0) + 1 FROM consumers").pluck(),
    insertConsumer: db.prepare(
      `INSERT OR REPLACE INTO consumers (id, registration, queue, instance_id, pid, tag, prefetch, heartbeat_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    markHadConsumer: db.prepare("UPDATE queues SET had_consumer = 1 WHERE name = ?"),
    deleteConsumer: db.prepare("DELETE FROM consumers WHERE id = ?"),
    heartbeat: db.prepare("UPDATE consumers SET heartbeat_at = ? WHERE id = ?"),
    staleConsumers: db.prepare("DELETE FROM consumers WHERE heartbeat_at < ? RETURNING id, queue"),
    orphanAutoDelete: db
      .prepare(
        `SELECT name FROM queues q WHERE q.name = ? AND q.auto_delete = 1 AND q.had_consumer = 1
       AND NOT EXISTS (SELECT 1 FROM consumers c WHERE c.queue = q.name)`,
      )
      .pluck(),
    deleteQueueMessages: db.prepare("DELETE FROM messages WHERE queue = ?"),
    deleteQueue: db.prepare("DELETE FROM queues WHERE name = ?"),
    queueExists: db.prepare("SELECT 1 FROM queues WHERE name = ?").pluck(),
    // Index-only counts (messages_ready, messages_queue) and one row for the oldest ready message:
    // the depth of a queue of 100,000 messages is asked for on every /metrics scrape.
    readyCount: db.prepare("SELECT COUNT(*) FROM messages WHERE queue = ? AND consumer_id IS NULL").pluck(),
    oldestReady: db
      .prepare(
        "SELECT published_at FROM messages WHERE queue = ? AND consumer_id IS NULL ORDER BY seq LIMIT 1",
      )
      .pluck(),
    queueCount: db.prepare("SELECT COUNT(*) FROM messages WHERE queue = ?").pluck(),
    consumerCount: db.prepare("SELECT COUNT(*) FROM consumers WHERE queue = ? AND heartbeat_at >= ?").pluck(),
  };
}

export type BusStatements = ReturnType<typeof prepareStatements>;

/** SQLITE_BUSY / SQLITE_LOCKED: another connection holds the lock; the write may be retried. */
export function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code === "SQLITE_LOCKED");
}

/**
 * Retries a write that found another process holding the write lock, sleeping between tries
 * instead of blocking the event loop inside SQLite (which would starve heartbeats).
 */
export async function retryBusy<T>(write: () => T, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let wait = 1;
  for (;;) {
    try {
      return write();
    } catch (error) {
      if (!isBusy(error) || Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, wait * (0.5 + Math.random())));
      wait = Math.min(wait * 2, 20);
    }
  }
}
