import { compareStrings } from "./newer-order.js";
import type { QueryPlan } from "./query-model.js";
import { valueAt } from "./store-input.js";

/**
 * The order of `find` results in memory, as the adapters sort them in the database: per sort key
 * first by kind (missing or null, number, text, object, array, boolean), then by value (text by
 * code point, as SQLite's BINARY collation compares UTF-8), then by id in the direction of the
 * last key. Used to merge the sorted pages of several shards into one.
 */
export function compareInPlan(plan: Pick<QueryPlan, "sort" | "tieBreak">) {
  return (a: object, b: object): number => {
    for (const { path, direction } of plan.sort) {
      const order = compareValues(fieldOf(a, path), fieldOf(b, path));
      if (order !== 0) return direction === "asc" ? order : -order;
    }
    const order = compareStrings(String((a as { id?: unknown }).id), String((b as { id?: unknown }).id));
    return plan.tieBreak === "asc" ? order : -order;
  };
}

function fieldOf(doc: object, path: string): unknown {
  const record = doc as Record<string, unknown>;
  return path === "id" || path === "version" ? record[path] : valueAt(record, path);
}

/**
 * Kinds in sort order: missing or null 0, number 1, text 2, object 3, array 4, boolean 5 — the
 * ranks the embedded store's SQL computes with json_type (sqlite/sqlite-query.ts) and binds with this.
 */
export function kindRank(value: unknown): number {
  if (value === undefined || value === null) return 0;
  if (typeof value === "number") return 1;
  if (typeof value === "string") return 2;
  if (typeof value === "boolean") return 5;
  return Array.isArray(value) ? 4 : 3;
}

function compareValues(a: unknown, b: unknown): number {
  const kinds = kindRank(a) - kindRank(b);
  if (kinds !== 0) return kinds;
  switch (kindRank(a)) {
    case 0:
      return 0;
    case 1:
    case 5:
      return Number(a) - Number(b);
    case 2:
      return compareStrings(a as string, b as string);
    default:
      return compareStrings(JSON.stringify(a), JSON.stringify(b));
  }
}
