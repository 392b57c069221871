import { StoreInputError, type FindOptions, type Scalar, type Where } from "./document-store.js";
import { checkFieldPath } from "./store-input.js";

/**
 * The query model both adapters translate: a `Where` is checked once here and turned into a
 * flat list of predicates, each with one operator and checked operands. Adapters never see
 * the caller's objects, so nothing a caller sends can become a MongoDB operator or SQL text.
 *
 * Semantics (identical on both adapters, proven by the contract suite):
 * - values compare only with values of the same kind: numbers with numbers, strings with
 *   strings (binary, code-point order), booleans with booleans (false < true); `5` never
 *   equals `"5"`;
 * - `eq: null` matches a null or missing field; `ne: null` matches a present, non-null one;
 * - `ne: v` matches every document whose field is not `v`, including missing ones;
 * - `in: [...]` is a list of `eq`; an empty list matches nothing;
 * - `exists: true` matches a present field, even when null;
 * - range operators (`gt`, `gte`, `lt`, `lte`) take a number, string or boolean; null is refused;
 * - sorting puts null/missing first, then numbers, strings, objects, arrays, booleans (MongoDB's
 *   BSON order); ties are broken by id in the direction of the last sort key, so pages are stable.
 * Fields holding arrays are outside the model: MongoDB matches their elements, SQLite does not.
 */

export type Operator = "eq" | "ne" | "gt" | "gte" | "lt" | "lte" | "in" | "exists";
export const RANGE_OPERATORS = new Set<Operator>(["gt", "gte", "lt", "lte"]);

export type Predicate =
  | { path: string; op: "eq" | "ne"; value: Scalar }
  | { path: string; op: "gt" | "gte" | "lt" | "lte"; value: string | number | boolean }
  | { path: string; op: "in"; values: Scalar[] }
  | { path: string; op: "exists"; value: boolean };

export interface SortKey {
  path: string;
  direction: "asc" | "desc";
}

export interface QueryPlan {
  predicates: Predicate[];
  sort: SortKey[];
  /** Direction of the id tie-breaker: the direction of the last sort key, ascending by default. */
  tieBreak: "asc" | "desc";
  limit: number | undefined;
  offset: number;
}

const OPERATORS = new Set<string>(["eq", "ne", "gt", "gte", "lt", "lte", "in", "exists"]);
const MAX_CONDITIONS = 64;
const MAX_IN_VALUES = 1000;

function refuse(message: string): never {
  throw new StoreInputError("STORE_INVALID_QUERY", message);
}

function checkScalar(value: unknown, where: string): Scalar {
  if (value === null || typeof value === "string" || typeof value === "boolean") return value;
  if (typeof value === "number") {
    if (!Number.isFinite(value)) refuse(`${where}: ${String(value)} is not a finite number`);
    return value;
  }
  return refuse(
    `${where}: expected a string, number, boolean or null, got ${Array.isArray(value) ? "an array" : typeof value}`,
  );
}

function operatorPredicate(path: string, op: string, operand: unknown, where: string): Predicate {
  const at = `${where} ${op}`;
  switch (op) {
    case "eq":
    case "ne":
      return { path, op, value: checkScalar(operand, at) };
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const value = checkScalar(operand, at);
      if (value === null) refuse(`${at}: range operators need a number, string or boolean, not null`);
      return { path, op, value };
    }
    case "in":
      if (!Array.isArray(operand)) refuse(`${at}: expected an array of values`);
      if (operand.length > MAX_IN_VALUES) refuse(`${at}: at most ${MAX_IN_VALUES} values`);
      return { path, op, values: operand.map((item, i) => checkScalar(item, `${at}[${i}]`)) };
    default:
      if (typeof operand !== "boolean") refuse(`${at}: expected true or false`);
      return { path, op: "exists", value: operand };
  }
}

/** Turns a caller's `Where` into checked predicates (all must hold). */
export function planWhere(where: Where | undefined, collection: string): Predicate[] {
  if (where === undefined) return [];
  if (typeof where !== "object" || where === null || Array.isArray(where)) {
    refuse(`${collection}: where must be an object of field path -> condition`);
  }
  const entries = Object.entries(where);
  if (entries.length > MAX_CONDITIONS)
    refuse(`${collection}: at most ${MAX_CONDITIONS} conditions per query`);
  const predicates: Predicate[] = [];
  for (const [path, condition] of entries) {
    const at = `${collection} where ${JSON.stringify(path.slice(0, 80))}`;
    checkFieldPath(path, `${collection} where`);
    if (condition === null || typeof condition !== "object") {
      predicates.push({ path, op: "eq", value: checkScalar(condition, at) });
      continue;
    }
    if (Array.isArray(condition)) refuse(`${at}: use { in: [...] } to match one of several values`);
    const operators = Object.entries(condition as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (operators.length === 0)
      refuse(`${at}: the condition has no operator (use eq, ne, gt, gte, lt, lte, in, exists)`);
    for (const [op, operand] of operators) {
      if (!OPERATORS.has(op))
        refuse(
          `${at}: unknown operator ${JSON.stringify(op.slice(0, 40))} (use eq, ne, gt, gte, lt, lte, in, exists)`,
        );
      predicates.push(operatorPredicate(path, op, operand, at));
    }
  }
  return predicates;
}

function checkCount(value: unknown, name: string, collection: string): number | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== "number" || !Number.isSafeInteger(value) || value < 0) {
    refuse(`${collection}: ${name} must be a non-negative integer, got ${String(value)}`);
  }
  return value;
}

export function planFind(options: FindOptions | undefined, collection: string): QueryPlan {
  const predicates = planWhere(options?.where, collection);
  const orderBy = options?.orderBy ?? [];
  if (!Array.isArray(orderBy) || orderBy.length > 8)
    refuse(`${collection}: orderBy must be an array of at most 8 keys`);
  const sort = orderBy.map((key, i): SortKey => {
    checkFieldPath(key?.field, `${collection} orderBy[${i}]`);
    const direction = key.direction ?? "asc";
    if (direction !== "asc" && direction !== "desc")
      refuse(`${collection}: orderBy[${i}].direction must be "asc" or "desc"`);
    return { path: key.field, direction };
  });
  return {
    predicates,
    sort,
    tieBreak: sort.at(-1)?.direction ?? "asc",
    limit: checkCount(options?.limit, "limit", collection),
    offset: checkCount(options?.offset, "offset", collection) ?? 0,
  };
}
