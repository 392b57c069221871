import type { Filter, IndexDescription, Sort } from "mongodb";
import type { IndexSpec } from "../document-store.js";
import type { Predicate, QueryPlan } from "../query-model.js";

/**
 * Translation of the checked query model (../query-model.ts) to MongoDB filters and sorts.
 * Every filter is built here from checked predicates: keys are field paths that passed
 * `checkFieldPath` (no `$`, no NUL), operators are chosen by this module, and operands are
 * scalars, so nothing a caller sends can become a query operator. MongoDB's own comparison
 * rules (type bracketing, null matching missing, BSON sort order) are the semantics the
 * SQLite adapter reproduces; see the query model for the list.
 */

/** Shape of a stored document: the port's `id` is MongoDB's `_id`. */
export interface MongoDocument {
  _id: string;
  version: number;
  [field: string]: unknown;
}

export function mongoField(path: string): string {
  return path === "id" ? "_id" : path;
}

const OPERATOR = { eq: "$eq", ne: "$ne", gt: "$gt", gte: "$gte", lt: "$lt", lte: "$lte" } as const;

function predicateFilter(predicate: Predicate): Record<string, unknown> {
  const field = mongoField(predicate.path);
  switch (predicate.op) {
    case "in":
      return { [field]: { $in: [...predicate.values] } };
    case "exists":
      return { [field]: { $exists: predicate.value } };
    default:
      return { [field]: { [OPERATOR[predicate.op]]: predicate.value } };
  }
}

/** All predicates must hold; `$and` keeps two conditions on one path apart. */
export function mongoFilter(predicates: Predicate[]): Filter<MongoDocument> {
  if (predicates.length === 0) return {};
  return { $and: predicates.map(predicateFilter) } as Filter<MongoDocument>;
}

/** Sort keys in order, then `_id` in the direction of the last key (stable pages). */
export function mongoSort(plan: QueryPlan): Sort {
  const sort: Record<string, 1 | -1> = {};
  for (const key of plan.sort) sort[mongoField(key.path)] = key.direction === "asc" ? 1 : -1;
  if (!("_id" in sort)) sort._id = plan.tieBreak === "asc" ? 1 : -1;
  return sort;
}

export function mongoIndexName(index: IndexSpec): string {
  return `ivf:${index.fields.join(",")}${index.unique ? ":unique" : ""}`;
}

/**
 * Non-unique indexes end with `_id` so that "sort by the indexed fields, then id" (the stable
 * tie-breaker) is read from the index; unique ones must not, or `_id` would make every key
 * distinct and the index would enforce nothing.
 */
export function mongoIndex(index: IndexSpec): IndexDescription {
  const key: Record<string, 1> = {};
  for (const field of index.fields) key[mongoField(field)] = 1;
  if (!index.unique && !("_id" in key)) key._id = 1;
  return { key, name: mongoIndexName(index), unique: index.unique === true };
}
