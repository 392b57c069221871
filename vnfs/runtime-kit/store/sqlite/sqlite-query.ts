import type { Scalar } from "../document-store.js";
import { kindRank } from "../merge-order.js";
import type { Predicate, QueryPlan } from "../query-model.js";

/**
 * Translation of the checked query model (../query-model.ts) to SQL over one table
 * `(id TEXT PRIMARY KEY, version INTEGER, doc TEXT)`.
 *
 * Values are always bound parameters. Field paths are written into the SQL text as JSON path
 * literals: SQLite uses an expression index only when the query repeats the indexed
 * expression exactly, which a bound path would not. That is safe because every path passed
 * `checkFieldPath` (segments of [A-Za-z_][A-Za-z0-9_]*), so it cannot hold a quote.
 *
 * Each path has two expressions: its value (`json_extract`) and its kind rank (null/missing 0,
 * number 1, string 2, object 3, array 4, boolean 5, MongoDB's BSON order). Conditions test the
 * rank with the value so that `5` never equals `"5"` or `true`, and indexes store the rank
 * before the value, so that an equality on the rank followed by a range on the value is one
 * index range scan and ORDER BY rank, value follows the index.
 */

type Binding = string | number | null;

export interface SqlFragment {
  sql: string;
  params: Binding[];
}

const NUMBER = kindRank(0);
const STRING = kindRank("");
const BOOLEAN = kindRank(true);

/** `id` and `version` are columns of known kind; every other path lives in the JSON text. */
const COLUMNS: Record<string, { column: string; rank: number }> = {
  id: { column: "id", rank: STRING },
  version: { column: "version", rank: NUMBER },
};

const jsonPath = (path: string): string => `'$.${path}'`;

/** Expressions per path, built once: queries repeat a handful of paths. */
const expressions = new Map<string, { value: string; rank: string }>();
const MAX_REMEMBERED_PATHS = 4096;

function expressionsOf(path: string): { value: string; rank: string } {
  let known = expressions.get(path);
  if (!known) {
    known = {
      value: COLUMNS[path]?.column ?? `json_extract(doc, ${jsonPath(path)})`,
      rank:
        `CASE json_type(doc, ${jsonPath(path)}) WHEN 'integer' THEN 1 WHEN 'real' THEN 1 WHEN 'text' THEN 2 ` +
        `WHEN 'object' THEN 3 WHEN 'array' THEN 4 WHEN 'true' THEN 5 WHEN 'false' THEN 5 ELSE 0 END`,
    };
    if (expressions.size >= MAX_REMEMBERED_PATHS) expressions.clear();
    expressions.set(path, known);
  }
  return known;
}

export function valueExpression(path: string): string {
  return expressionsOf(path).value;
}

export function rankExpression(path: string): string {
  return expressionsOf(path).rank;
}

/** The expressions an index over these fields holds, in the order queries use them. */
export function indexExpressions(fields: string[]): string[] {
  return fields.flatMap((path) =>
    COLUMNS[path] ? [valueExpression(path)] : [rankExpression(path), valueExpression(path)],
  );
}

/** better-sqlite3 cannot bind booleans; json_extract yields 1 and 0 for true and false. */
function bind(value: string | number | boolean): Binding {
  return typeof value === "boolean" ? (value ? 1 : 0) : value;
}

/** `<path> has rank r and its value <op> each of the bound values`; never yields SQL NULL. */
function typed(path: string, rank: number, test: string, params: Binding[]): SqlFragment {
  const column = COLUMNS[path];
  if (column)
    return column.rank === rank ? { sql: `(${column.column} ${test})`, params } : { sql: "0", params: [] };
  return { sql: `(${rankExpression(path)} = ${rank} AND ${valueExpression(path)} ${test})`, params };
}

function isNull(path: string): SqlFragment {
  return { sql: COLUMNS[path] ? "0" : `(${rankExpression(path)} = 0)`, params: [] };
}

function equals(path: string, value: Scalar): SqlFragment {
  if (value === null) return isNull(path);
  return typed(path, kindRank(value), "= ?", [bind(value)]);
}

function oneOf(path: string, values: Scalar[]): SqlFragment {
  const parts: SqlFragment[] = [];
  if (values.includes(null)) parts.push(isNull(path));
  for (const rank of [NUMBER, STRING, BOOLEAN]) {
    const group = values.filter((v): v is string | number | boolean => v !== null && kindRank(v) === rank);
    if (group.length === 0) continue;
    const unique = [...new Set(group.map(bind))];
    parts.push(typed(path, rank, `IN (${unique.map(() => "?").join(", ")})`, unique));
  }
  if (parts.length === 0) return { sql: "0", params: [] };
  return { sql: `(${parts.map((p) => p.sql).join(" OR ")})`, params: parts.flatMap((p) => p.params) };
}

const RANGE_SQL = { gt: ">", gte: ">=", lt: "<", lte: "<=" } as const;

function predicateSql(predicate: Predicate): SqlFragment {
  const { path } = predicate;
  switch (predicate.op) {
    case "eq":
      return equals(path, predicate.value);
    case "ne": {
      const inner = equals(path, predicate.value);
      return { sql: `(NOT ${inner.sql})`, params: inner.params };
    }
    case "in":
      return oneOf(path, predicate.values);
    case "exists": {
      if (COLUMNS[path]) return { sql: predicate.value ? "1" : "0", params: [] };
      const test = predicate.value ? "IS NOT NULL" : "IS NULL";
      return { sql: `(json_type(doc, ${jsonPath(path)}) ${test})`, params: [] };
    }
    default:
      return typed(path, kindRank(predicate.value), `${RANGE_SQL[predicate.op]} ?`, [bind(predicate.value)]);
  }
}

/** WHERE clause (with the keyword) for the predicates, or an empty fragment. */
export function whereSql(predicates: Predicate[]): SqlFragment {
  if (predicates.length === 0) return { sql: "", params: [] };
  const parts = predicates.map(predicateSql);
  return { sql: ` WHERE ${parts.map((p) => p.sql).join(" AND ")}`, params: parts.flatMap((p) => p.params) };
}

/**
 * ORDER BY rank, value per sort key, then id. A key whose rank a predicate already pins
 * (an equality or range on the same path) is sorted by value alone: same order, and SQLite
 * only recognises that an index delivers the rows in order when the pinned term is absent.
 */
export function orderSql(plan: QueryPlan): string {
  const pinned = new Set(
    plan.predicates.filter((p) => p.op !== "in" && p.op !== "exists" && p.op !== "ne").map((p) => p.path),
  );
  const keys = plan.sort.flatMap(({ path, direction }) => {
    const dir = direction.toUpperCase();
    const value = `${valueExpression(path)} ${dir}`;
    return COLUMNS[path] || pinned.has(path) ? [value] : [`${rankExpression(path)} ${dir}`, value];
  });
  if (!plan.sort.some((key) => key.path === "id")) keys.push(`id ${plan.tieBreak.toUpperCase()}`);
  return ` ORDER BY ${keys.join(", ")}`;
}

/**
 * LIMIT and OFFSET are written as literals: with bound values SQLite cannot stop an
 * index-ordered scan early and a latest-value query ran five times slower. Both numbers are
 * safe non-negative integers (checked by the query model), so the text cannot carry anything else.
 */
export function pageSql(plan: QueryPlan): string {
  const limit = plan.limit === undefined ? "" : ` LIMIT ${Math.trunc(plan.limit)}`;
  if (plan.offset === 0) return limit;
  return `${limit || " LIMIT -1"} OFFSET ${Math.trunc(plan.offset)}`;
}
