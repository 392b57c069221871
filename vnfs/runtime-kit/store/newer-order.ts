import { StoreInputError, type IndexSpec, type NewerWhen } from "./document-store.js";
import { checkDocument, checkFieldPath, checkUniqueFields, RESERVED_FIELDS, valueAt } from "./store-input.js";

/**
 * The shared half of `Collection.upsertIfNewer` (document-store.ts): checking the field order
 * and the documents, comparing two documents by the order, and keeping the newest document per
 * id of a batch. Both adapters run this first, so they refuse the same input with the same
 * words and write the same winners; each adapter then makes the stored comparison itself (an
 * `ON CONFLICT … DO UPDATE … WHERE` in SQLite, a filtered upsert in MongoDB).
 */

/** A value a newer-order field may hold: compared numerically or by code point. */
export type OrderValue = string | number;

/** A checked document of an upsertIfNewer batch with the values of its order fields. */
export interface OrderedCandidate {
  id: string;
  body: Record<string, unknown>;
  keys: OrderValue[];
}

const MAX_ORDER_FIELDS = 4;

function refuse(code: "STORE_INVALID_QUERY" | "STORE_INVALID_DOCUMENT", message: string): never {
  throw new StoreInputError(code, message);
}

/** 1-4 fields, each a checked path other than `id` and `version`, each "greater" or "smaller". */
export function checkNewerOrder(order: unknown, collection: string): NewerWhen[] {
  if (!Array.isArray(order) || order.length === 0 || order.length > MAX_ORDER_FIELDS) {
    refuse(
      "STORE_INVALID_QUERY",
      `${collection} upsertIfNewer: the order must list 1 to ${MAX_ORDER_FIELDS} fields`,
    );
  }
  const seen = new Set<string>();
  return order.map((entry: unknown, position) => {
    const where = `${collection} upsertIfNewer order[${position}]`;
    const { field, newer } = (entry ?? {}) as { field?: unknown; newer?: unknown };
    checkFieldPath(field, where);
    const path = field as string;
    if (RESERVED_FIELDS.has(path)) {
      refuse("STORE_INVALID_QUERY", `${where}: "${path}" is kept by the store and cannot order documents`);
    }
    if (seen.has(path)) refuse("STORE_INVALID_QUERY", `${where}: "${path}" is listed twice`);
    seen.add(path);
    if (newer !== "greater" && newer !== "smaller") {
      refuse("STORE_INVALID_QUERY", `${where}: newer must be "greater" or "smaller"`);
    }
    return { field: path, newer };
  });
}

/** Checks one document of the batch and reads its order fields (strings or finite numbers). */
export function orderedCandidate(
  doc: unknown,
  order: NewerWhen[],
  indexes: IndexSpec[],
  collection: string,
): OrderedCandidate {
  const { id, body } = checkDocument(doc, collection);
  checkUniqueFields(id, body, indexes, collection);
  const keys = order.map(({ field }) => {
    const value = valueAt(body, field);
    if (typeof value === "string" || (typeof value === "number" && Number.isFinite(value))) return value;
    return refuse(
      "STORE_INVALID_DOCUMENT",
      `${collection}/${id}: "${field}" orders upsertIfNewer, so it must be a string or a finite number`,
    );
  });
  return { id, body, keys };
}

/** Code-point order (SQLite's BINARY collation on UTF-8, MongoDB's simple collation). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i += 1) {
    const x = a.codePointAt(i)!;
    const y = b.codePointAt(i)!;
    if (x !== y) return x < y ? -1 : 1;
    if (x > 0xffff) i += 1;
  }
  return a.length < b.length ? -1 : 1;
}

/**
 * True when `candidate` is newer than `stored` by `order`: the first field whose values differ
 * decides; a stored value of another kind counts as older; all equal is not newer.
 */
export function isNewer(candidate: OrderValue[], stored: readonly unknown[], order: NewerWhen[]): boolean {
  for (const [index, { newer }] of order.entries()) {
    const mine = candidate[index]!;
    const theirs = stored[index];
    if (typeof theirs !== typeof mine) return true;
    const difference =
      typeof mine === "number" ? mine - (theirs as number) : compareStrings(mine, theirs as string);
    if (difference !== 0) return newer === "greater" ? difference > 0 : difference < 0;
  }
  return false;
}

/** The newest candidate per id, in order of first appearance (later equals do not replace earlier ones). */
export function newestPerId(candidates: OrderedCandidate[], order: NewerWhen[]): OrderedCandidate[] {
  const newest = new Map<string, OrderedCandidate>();
  for (const candidate of candidates) {
    const current = newest.get(candidate.id);
    if (!current || isNewer(candidate.keys, current.keys, order)) newest.set(candidate.id, candidate);
  }
  return [...newest.values()];
}
