import type { NewerWhen } from "../document-store.js";
import type { OrderValue } from "../newer-order.js";
import { rankExpression, valueExpression } from "./sqlite-query.js";

/**
 * SQL of the conditional upsert (`Collection.upsertIfNewer`) for one document: an insert that,
 * on an existing id, replaces the row only when the stored document is older by the order.
 * In the DO UPDATE clause `doc` is the stored row and the candidate's order values are bound
 * parameters; `changes` is 1 when the row was inserted or replaced and 0 when it was left alone.
 *
 * Per field (kind rank K of the candidate's value, see sqlite-query.ts):
 *   stored rank <> K  OR  stored value <op> ?  OR  (stored value = ? AND <next field>)
 * where <op> is `<` for "greater is newer" and `>` for "smaller is newer"; after the last field
 * the condition is false (all equal: not newer). Paths are checked (newer-order.ts), so they
 * can appear in the SQL text as the expression indexes require.
 */
const NUMBER_RANK = 1;
const STRING_RANK = 2;

export function conditionalUpsertSql(table: string, order: NewerWhen[], keys: OrderValue[]): string {
  let condition = "0";
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const { field, newer } = order[index]!;
    const rank = typeof keys[index] === "number" ? NUMBER_RANK : STRING_RANK;
    const value = valueExpression(field);
    const older = newer === "greater" ? "<" : ">";
    condition =
      `(${rankExpression(field)} <> ${rank} OR ${value} ${older} ? ` + `OR (${value} = ? AND ${condition}))`;
  }
  return (
    `INSERT INTO "${table}" (id, version, doc) VALUES (?, 1, ?) ` +
    `ON CONFLICT(id) DO UPDATE SET version = version + 1, doc = excluded.doc WHERE ${condition}`
  );
}

/** Parameters after id and document: each order value twice (the comparison, then the equality). */
export function conditionParams(keys: OrderValue[]): OrderValue[] {
  return keys.flatMap((key) => [key, key]);
}
