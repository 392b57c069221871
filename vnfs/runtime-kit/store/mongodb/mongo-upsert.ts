import type { AnyBulkWriteOperation, Document } from "mongodb";
import type { NewerWhen } from "../document-store.js";
import type { OrderedCandidate } from "../newer-order.js";
import { mongoField, type MongoDocument } from "./mongo-query.js";

/**
 * The conditional upsert (`Collection.upsertIfNewer`) of one document as a bulkWrite
 * operation: an `updateOne` with `upsert: true` whose filter matches the stored document only
 * when it is older by the order, and whose update replaces it (version + 1). When the stored
 * document is as new or newer, the filter matches nothing and the upsert's insert fails with a
 * duplicate `_id` (E11000): the adapter counts that as "unchanged", after one retry that tells
 * it from two writers inserting the same new id at once.
 *
 * Per field (BSON type T of the candidate's value):
 *   { $or: [ { f: { $not: { $type: T } } }, { f: { $lt | $gt: v } }, { f: v, $and: [<next field>] } ] }
 * Keys are checked paths and operands the candidate's own values, so nothing from the document
 * becomes an operator; the replacement is wrapped in $literal for the same reason.
 */
export function conditionalUpsertOperation(
  candidate: OrderedCandidate,
  order: NewerWhen[],
): AnyBulkWriteOperation<MongoDocument> {
  let older: Document | undefined;
  for (let index = order.length - 1; index >= 0; index -= 1) {
    const { field, newer } = order[index]!;
    const path = mongoField(field);
    const value = candidate.keys[index]!;
    const type = typeof value === "number" ? "number" : "string";
    const tie: Document = { [path]: { $eq: value } };
    if (older) tie.$and = [older];
    older = {
      $or: [
        { [path]: { $not: { $type: type } } },
        { [path]: { [newer === "greater" ? "$lt" : "$gt"]: value } },
        ...(older ? [tie] : []),
      ],
    };
  }
  const replacement = {
    $mergeObjects: [
      { $literal: candidate.body },
      { _id: "$_id", version: { $add: [{ $ifNull: ["$version", 0] }, 1] } },
    ],
  };
  return {
    updateOne: {
      filter: { _id: candidate.id, ...older },
      update: [{ $replaceWith: replacement }],
      upsert: true,
    },
  };
}
