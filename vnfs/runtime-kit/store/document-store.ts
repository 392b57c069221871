/**
 * The store port: named collections of JSON documents with a string `id`. Domain code
 * imports this file only, never an adapter (STYLE.md §4).
 *
 * Semantics both adapters implement (and the contract suite in test/runtime-kit/store proves):
 * - `insert` is idempotent: inserting an id that exists leaves the stored document untouched
 *   and reports "duplicate" (ingestion uses deterministic ids, so redelivery creates nothing);
 * - every stored document has a `version` (1 on insert, +1 on each write); `replace`, `update`
 *   and `delete` accept an expected version and fail with a VersionConflictError on mismatch
 *   (optimistic concurrency, used for ETag/If-Match);
 * - queries filter on top-level or dotted fields with equality and comparison operators, sort
 *   by fields, and page with limit/offset; declared indexes keep those queries fast. The exact
 *   comparison rules (types, null, missing fields, sort order) are in ./query-model.ts;
 * - documents are JSON objects; `id` and `version` are the store's own members, and input the
 *   adapters refuse (names, paths, values) fails with a StoreInputError before any write;
 * - `upsertIfNewer` writes a batch of "latest state" documents conditionally: a document
 *   replaces the stored one only when it is newer by a declared field order, so any arrival
 *   order, redelivery and number of concurrent writers converge on the newest (./newer-order.ts).
 */

export type Scalar = string | number | boolean | null;

export interface StoredDocument {
  id: string;
}

export type Versioned<T> = T & { version: number };

export type FieldCondition =
  | Scalar
  | {
      eq?: Scalar;
      ne?: Scalar;
      gt?: Scalar;
      gte?: Scalar;
      lt?: Scalar;
      lte?: Scalar;
      in?: Scalar[];
      exists?: boolean;
    };

/** Field path (top-level name or dotted path) to a condition; all conditions must hold. */
export type Where = Record<string, FieldCondition>;

export interface FindOptions {
  where?: Where;
  orderBy?: { field: string; direction?: "asc" | "desc" }[];
  limit?: number;
  offset?: number;
}

export interface IndexSpec {
  /** Field paths, in order; a compound index when more than one. */
  fields: string[];
  unique?: boolean;
}

export interface CollectionOptions {
  indexes?: IndexSpec[];
  /**
   * String fields that place each document in one shard of the embedded store, so that writers
   * of different keys never share a file lock (docs/design/store.md "Shards"). Recorded with the
   * collection on first use: later opens get the same placement with or without this option.
   * Unique indexes must then include every shard key field. MongoDB keeps one collection (shard
   * it with the cluster's own tools).
   */
  shardKey?: string[];
}

export class VersionConflictError extends Error {
  constructor(
    readonly collection: string,
    readonly id: string,
    readonly expected: number,
    readonly actual: number | undefined,
  ) {
    super(
      actual === undefined
        ? `${collection}/${id} does not exist (expected version ${expected})`
        : `${collection}/${id} is at version ${actual}, not ${expected}`,
    );
    this.name = "VersionConflictError";
  }
}

export class UniqueConstraintError extends Error {
  constructor(
    readonly collection: string,
    readonly fields: string[],
  ) {
    super(`${collection}: another document already has the same ${fields.join(", ")}`);
    this.name = "UniqueConstraintError";
  }
}

export type InsertOutcome = "inserted" | "duplicate";

/**
 * One field of the order that decides which of two documents with the same id is newer:
 * fields are compared in the order given and the first that differs decides; "greater" means a
 * larger value is newer (a timestamp), "smaller" that a smaller one is (a tie-breaking id).
 */
export interface NewerWhen {
  field: string;
  newer: "greater" | "smaller";
}

export interface UpsertIfNewerOutcome {
  /** Documents inserted (new id) or replacing an older stored one. */
  written: number;
  /** Documents not written: the stored one (or another in the batch) is as new or newer. */
  unchanged: number;
}

export interface Collection<T extends StoredDocument> {
  readonly name: string;
  /** Idempotent insert by id. */
  insert(doc: T): Promise<InsertOutcome>;
  /** Idempotent insert of many documents in one atomic write; duplicates are skipped, not errors. */
  insertMany(docs: T[]): Promise<{ inserted: number; duplicates: number }>;
  get(id: string): Promise<Versioned<T> | undefined>;
  /** Creates or replaces the whole document; with `expectedVersion`, only if the stored version matches. */
  replace(doc: T, options?: { expectedVersion?: number }): Promise<Versioned<T>>;
  /**
   * Conditional batch upsert: each document is inserted when its id is new and replaces the
   * stored document (version + 1) only when it is newer by `order`; otherwise nothing changes.
   * Compared fields must hold a string or a finite number in every document given; a stored
   * document whose field is missing or of another kind counts as older. Within the batch the
   * newest document per id is the one written. Atomic on SQLite; on MongoDB each document is
   * written atomically on its own, and repeating the call after a failure is safe.
   */
  upsertIfNewer(docs: T[], order: NewerWhen[]): Promise<UpsertIfNewerOutcome>;
  /** Shallow-merges `changes` into the stored document (missing document: undefined). */
  update(
    id: string,
    changes: Partial<T>,
    options?: { expectedVersion?: number },
  ): Promise<Versioned<T> | undefined>;
  /** Returns false when there was nothing to delete. */
  delete(id: string, options?: { expectedVersion?: number }): Promise<boolean>;
  find(options?: FindOptions): Promise<Versioned<T>[]>;
  count(where?: Where): Promise<number>;
  /** Deletes every matching document and returns how many went. */
  deleteMany(where: Where): Promise<number>;
}

export interface DocumentStore {
  readonly kind: "sqlite" | "mongodb";
  /** Opens (creating on first use, with its indexes) a collection. */
  collection<T extends StoredDocument>(name: string, options?: CollectionOptions): Promise<Collection<T>>;
  /** True when the store answers a trivial query. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** Stable codes of refused store input (mapped to 400-class answers by the APIs). */
export type StoreInputErrorCode =
  | "STORE_INVALID_COLLECTION"
  | "STORE_INVALID_FIELD"
  | "STORE_INVALID_ID"
  | "STORE_INVALID_DOCUMENT"
  | "STORE_INVALID_QUERY";

/**
 * Input both adapters refuse with the same code and words before touching the database: a
 * hostile or malformed collection name, field path, id, document or query. Never retryable.
 */
export class StoreInputError extends Error {
  constructor(
    readonly code: StoreInputErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "StoreInputError";
  }
}
