import {
  MongoBulkWriteError,
  type AnyBulkWriteOperation,
  type Collection as DriverCollection,
  type UpdateFilter,
} from "mongodb";
import {
  UniqueConstraintError,
  VersionConflictError,
  type Collection,
  type FindOptions,
  type IndexSpec,
  type InsertOutcome,
  type NewerWhen,
  type StoredDocument,
  type UpsertIfNewerOutcome,
  type Versioned,
  type Where,
} from "../document-store.js";
import { checkNewerOrder, newestPerId, orderedCandidate } from "../newer-order.js";
import { planFind, planWhere } from "../query-model.js";
import {
  checkChangeKeys,
  checkDocument,
  checkExpectedVersion,
  checkId,
  checkUniqueChanges,
  checkUniqueFields,
} from "../store-input.js";
import { ID_INDEX, serverErrorIndex, writeErrorIndex } from "./mongo-errors.js";
import { mongoFilter, mongoIndexName, mongoSort, type MongoDocument } from "./mongo-query.js";
import { conditionalUpsertOperation } from "./mongo-upsert.js";

/** Attempts of an unconditional `replace` that races with other writers of the same id. */
const MAX_REPLACE_ATTEMPTS = 16;

/**
 * A collection in MongoDB. Writes go through plain CRUD commands whose filters and updates
 * are built from checked input only; optimistic concurrency is a filter on `version`.
 */
export class MongoCollection<T extends StoredDocument> implements Collection<T> {
  private readonly uniqueByIndexName = new Map<string, string[]>();

  constructor(
    private readonly driver: DriverCollection<MongoDocument>,
    readonly name: string,
    readonly indexes: IndexSpec[],
  ) {
    for (const index of indexes)
      if (index.unique) this.uniqueByIndexName.set(mongoIndexName(index), index.fields);
  }

  private uniqueError(indexName: string): UniqueConstraintError {
    return new UniqueConstraintError(this.name, this.uniqueByIndexName.get(indexName) ?? ["a unique index"]);
  }

  /** Maps a unique-index violation (not `_id`) to the port's error; anything else is rethrown. */
  private translate(error: unknown): never {
    const index = serverErrorIndex(error);
    if (index !== undefined && index !== ID_INDEX) throw this.uniqueError(index);
    throw error;
  }

  private prepareWrite(doc: T): { id: string; body: Record<string, unknown> } {
    const checked = checkDocument(doc, this.name);
    checkUniqueFields(checked.id, checked.body, this.indexes, this.name);
    return checked;
  }

  private toDocument(stored: MongoDocument): Versioned<T> {
    const { _id, version, ...body } = stored;
    return { id: _id, ...body, version } as Versioned<T>;
  }

  async insert(doc: T): Promise<InsertOutcome> {
    const { id, body } = this.prepareWrite(doc);
    try {
      await this.driver.insertOne({ _id: id, ...body, version: 1 });
      return "inserted";
    } catch (error) {
      if (serverErrorIndex(error) === ID_INDEX) return "duplicate";
      return this.translate(error);
    }
  }

  /**
   * Unordered insert: every document is attempted; `_id` duplicates (redeliveries, repeats in
   * the batch) are counted, not errors. Unlike SQLite this is not atomic across documents
   * (that needs a replica-set transaction): on a unique-index violation the other documents
   * stay written and UniqueConstraintError is thrown; inserts being idempotent, a retry is safe.
   */
  async insertMany(docs: T[]): Promise<{ inserted: number; duplicates: number }> {
    const prepared = docs.map((doc) => this.prepareWrite(doc));
    if (prepared.length === 0) return { inserted: 0, duplicates: 0 };
    const rows: MongoDocument[] = prepared.map(({ id, body }) => ({ _id: id, ...body, version: 1 }));
    try {
      const result = await this.driver.insertMany(rows, { ordered: false });
      return { inserted: result.insertedCount, duplicates: 0 };
    } catch (error) {
      // A write concern failure means "written, but not known to be durable": not a duplicate.
      if (!(error instanceof MongoBulkWriteError) || error.result?.getWriteConcernError()) throw error;
      const writeErrors = error.result.getWriteErrors();
      if (writeErrors.length === 0) throw error;
      const indexes = writeErrors.map(writeErrorIndex);
      // Anything but a duplicate key (validation, disk full) is the caller's to see as is.
      if (indexes.some((index) => index === undefined)) throw error;
      const unique = indexes.find((index) => index !== ID_INDEX);
      if (unique !== undefined) throw this.uniqueError(unique);
      return { inserted: error.insertedCount, duplicates: writeErrors.length };
    }
  }

  /**
   * One unordered bulkWrite of conditional upserts (mongo-upsert.ts). A duplicate `_id` means
   * the stored document is as new or newer, or that another writer inserted the same new id
   * between our filter and our insert; a second round over those alone tells which.
   */
  async upsertIfNewer(docs: T[], order: NewerWhen[]): Promise<UpsertIfNewerOutcome> {
    const checkedOrder = checkNewerOrder(order, this.name);
    const candidates = docs.map((doc) => orderedCandidate(doc, checkedOrder, this.indexes, this.name));
    let pending = newestPerId(candidates, checkedOrder).map((candidate) =>
      conditionalUpsertOperation(candidate, checkedOrder),
    );
    let written = 0;
    for (let round = 0; round < 2 && pending.length > 0; round += 1) {
      const outcome = await this.bulkUpsert(pending);
      written += outcome.written;
      pending = outcome.duplicates;
    }
    return { written, unchanged: docs.length - written };
  }

  private async bulkUpsert(
    operations: AnyBulkWriteOperation<MongoDocument>[],
  ): Promise<{ written: number; duplicates: AnyBulkWriteOperation<MongoDocument>[] }> {
    try {
      const result = await this.driver.bulkWrite(operations, { ordered: false });
      return { written: result.upsertedCount + result.modifiedCount, duplicates: [] };
    } catch (error) {
      if (!(error instanceof MongoBulkWriteError) || error.result?.getWriteConcernError()) throw error;
      const writeErrors = error.result.getWriteErrors();
      if (writeErrors.length === 0) throw error;
      const indexes = writeErrors.map(writeErrorIndex);
      if (indexes.some((index) => index === undefined)) throw error;
      const unique = indexes.find((index) => index !== ID_INDEX);
      if (unique !== undefined) throw this.uniqueError(unique);
      return {
        written: error.result.upsertedCount + error.result.modifiedCount,
        duplicates: writeErrors.map((writeError) => operations[writeError.index]!),
      };
    }
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    checkId(id, this.name);
    const stored = await this.driver.findOne({ _id: id });
    return stored ? this.toDocument(stored) : undefined;
  }

  private async currentVersion(id: string): Promise<number | undefined> {
    const stored = await this.driver.findOne({ _id: id }, { projection: { version: 1 } });
    return stored?.version;
  }

  async replace(doc: T, options?: { expectedVersion?: number }): Promise<Versioned<T>> {
    const { id, body } = this.prepareWrite(doc);
    const expected = checkExpectedVersion(options?.expectedVersion, this.name, id);
    try {
      if (expected !== undefined) {
        const result = await this.driver.replaceOne(
          { _id: id, version: expected },
          { ...body, version: expected + 1 },
        );
        if (result.matchedCount === 1) return { id, ...body, version: expected + 1 } as Versioned<T>;
        throw new VersionConflictError(this.name, id, expected, await this.currentVersion(id));
      }
      for (let attempt = 0; attempt < MAX_REPLACE_ATTEMPTS; attempt += 1) {
        const version = await this.replaceOnce(id, body);
        if (version !== undefined) return { id, ...body, version } as Versioned<T>;
      }
    } catch (error) {
      return this.translate(error);
    }
    throw new Error(
      `${this.name}/${id}: replace lost ${MAX_REPLACE_ATTEMPTS} races with concurrent writers; retry later`,
    );
  }

  /** One compare-and-set round of an unconditional replace; undefined when another writer won. */
  private async replaceOnce(id: string, body: Record<string, unknown>): Promise<number | undefined> {
    const current = await this.currentVersion(id);
    if (current === undefined) {
      try {
        await this.driver.insertOne({ _id: id, ...body, version: 1 });
        return 1;
      } catch (error) {
        if (serverErrorIndex(error) === ID_INDEX) return undefined;
        throw error;
      }
    }
    const result = await this.driver.replaceOne(
      { _id: id, version: current },
      { ...body, version: current + 1 },
    );
    return result.matchedCount === 1 ? current + 1 : undefined;
  }

  async update(
    id: string,
    changes: Partial<T>,
    options?: { expectedVersion?: number },
  ): Promise<Versioned<T> | undefined> {
    checkId(id, this.name);
    const checked = checkChangeKeys(changes, this.name, id);
    checkUniqueChanges(id, checked, this.indexes, this.name);
    const expected = checkExpectedVersion(options?.expectedVersion, this.name, id);
    // A member set to undefined is removed ($unset), as JSON.stringify drops it in SQLite.
    const set = Object.fromEntries(Object.entries(checked).filter(([, v]) => v !== undefined));
    const unset = Object.fromEntries(
      Object.keys(checked)
        .filter((k) => checked[k] === undefined)
        .map((k) => [k, ""]),
    );
    const update = {
      $inc: { version: 1 },
      ...(Object.keys(set).length > 0 ? { $set: set } : {}),
      ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
    } as unknown as UpdateFilter<MongoDocument>; // the driver's typing cannot follow an open schema
    const filter = expected === undefined ? { _id: id } : { _id: id, version: expected };
    try {
      const stored = await this.driver.findOneAndUpdate(filter, update, { returnDocument: "after" });
      if (stored) return this.toDocument(stored);
      if (expected === undefined) return undefined;
      const actual = await this.currentVersion(id);
      if (actual === undefined) return undefined;
      throw new VersionConflictError(this.name, id, expected, actual);
    } catch (error) {
      return this.translate(error);
    }
  }

  async delete(id: string, options?: { expectedVersion?: number }): Promise<boolean> {
    checkId(id, this.name);
    const expected = checkExpectedVersion(options?.expectedVersion, this.name, id);
    const filter = expected === undefined ? { _id: id } : { _id: id, version: expected };
    const result = await this.driver.deleteOne(filter);
    if (result.deletedCount === 1) return true;
    if (expected === undefined) return false;
    const actual = await this.currentVersion(id);
    if (actual === undefined) return false;
    throw new VersionConflictError(this.name, id, expected, actual);
  }

  async find(options?: FindOptions): Promise<Versioned<T>[]> {
    const plan = planFind(options, this.name);
    if (plan.limit === 0) return [];
    let cursor = this.driver.find(mongoFilter(plan.predicates)).sort(mongoSort(plan)).skip(plan.offset);
    if (plan.limit !== undefined) cursor = cursor.limit(plan.limit);
    const stored = await cursor.toArray();
    return stored.map((doc) => this.toDocument(doc));
  }

  async count(where?: Where): Promise<number> {
    return this.driver.countDocuments(mongoFilter(planWhere(where, this.name)));
  }

  async deleteMany(where: Where): Promise<number> {
    const result = await this.driver.deleteMany(mongoFilter(planWhere(where, this.name)));
    return result.deletedCount;
  }
}
