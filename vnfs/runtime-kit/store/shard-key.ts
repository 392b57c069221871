import { fnv1a32 } from "../hashing/fnv1a.js";
import { StoreInputError, type IndexSpec } from "./document-store.js";

/**
 * The shard key of a collection (CollectionOptions.shardKey), checked alike by both adapters: the
 * embedded store places documents by it (sqlite/sharded-collection.ts), MongoDB keeps one
 * collection but refuses the same declarations, so that code written against one adapter runs
 * on the other.
 */

/** Shard of a key: FNV-1a-32 of the shard key values joined by "/", modulo the shard count. */
export function shardOf(values: string[], shards: number): number {
  return fnv1a32(values.join("/")) % shards;
}

/** A shard key may only name plain fields; unique indexes must contain all of it (else uniqueness is per shard). */
export function checkShardKey(fields: unknown, indexes: IndexSpec[], collection: string): string[] {
  if (
    !Array.isArray(fields) ||
    fields.length === 0 ||
    fields.length > 4 ||
    fields.some((field) => typeof field !== "string" || !/^[A-Za-z][A-Za-z0-9_]{0,63}$/.test(field)) ||
    new Set(fields).size !== fields.length
  ) {
    throw new StoreInputError(
      "STORE_INVALID_QUERY",
      `${collection}: shardKey must list 1 to 4 distinct top-level field names, e.g. ["tenant", "deviceId"]`,
    );
  }
  for (const index of indexes) {
    if (index.unique && !fields.every((field: string) => index.fields.includes(field))) {
      throw new StoreInputError(
        "STORE_INVALID_QUERY",
        `${collection}: unique index on ${index.fields.join(", ")} must include the shard key ` +
          `(${fields.join(", ")}); uniqueness is only enforced within one shard`,
      );
    }
  }
  return fields as string[];
}
