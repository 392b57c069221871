import type { IndexSpec } from "../document-store.js";
import { indexExpressions } from "./sqlite-query.js";

/**
 * One table per collection, named as the collection (names are checked against
 * [a-z][a-z0-9_-]* and always double-quoted). WITHOUT ROWID makes the primary key the
 * table's only b-tree: one write per insert instead of two, and every secondary index ends
 * with `id`, so "ORDER BY <indexed fields>, id" (the stable tie-breaker) reads an index in
 * order instead of sorting.
 */
export function tableSql(table: string): string {
  return (
    `CREATE TABLE IF NOT EXISTS "${table}" (` +
    `id TEXT PRIMARY KEY NOT NULL, version INTEGER NOT NULL, doc TEXT NOT NULL) WITHOUT ROWID`
  );
}

/** Index names are derived from the declaration, so re-declaring an index is a no-op. */
export function indexName(table: string, index: IndexSpec): string {
  return `${table}:${index.fields.join(",")}${index.unique ? ":unique" : ""}`;
}

export function indexSql(table: string, index: IndexSpec): string {
  const unique = index.unique ? "UNIQUE " : "";
  const columns = indexExpressions(index.fields).join(", ");
  return `CREATE ${unique}INDEX IF NOT EXISTS "${indexName(table, index)}" ON "${table}" (${columns})`;
}
