import type { Database, Statement } from "better-sqlite3";
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
import { checkNewerOrder, newestPerId, orderedCandidate, type OrderedCandidate } from "../newer-order.js";
import { planFind, planWhere } from "../query-model.js";
import {
  checkChangeKeys,
  checkDocument,
  checkExpectedVersion,
  checkId,
  checkUniqueChanges,
  checkUniqueFields,
} from "../store-input.js";
import { retryWhileBusy } from "./sqlite-busy.js";
import { writeInTurn, type WriteTurns } from "./write-turns.js";
import { indexName } from "./sqlite-schema.js";
import { orderSql, pageSql, whereSql } from "./sqlite-query.js";
import { conditionParams, conditionalUpsertSql } from "./sqlite-upsert.js";

interface Row {
  id: string;
  version: number;
  doc: string;
}

/** Prepared statements of queries built at run time, bounded so that odd callers cannot grow it. */
const MAX_CACHED_STATEMENTS = 256;

/**
 * A collection in the embedded store. better-sqlite3 is synchronous: each method runs to
 * completion inside one call (the promise only carries the result), and read-modify-write
 * steps run in BEGIN IMMEDIATE transactions, so other connections to the same file (other
 * processes) wait on the write lock (busy_timeout) instead of interleaving.
 */
export class SqliteCollection<T extends StoredDocument> implements Collection<T> {
  private readonly statements = new Map<string, Statement>();
  private readonly uniqueByIndexName = new Map<string, string[]>();
  private readonly insertMany_: (rows: [string, string][]) => number;

  constructor(
    private readonly db: Database,
    readonly name: string,
    /** Every index declared for this collection by this process (unique ones are checked on write). */
    readonly indexes: IndexSpec[],
    private readonly busyDeadlineMs: number,
    /** Fair turns at the write lock with other processes (absent for a private in-memory store). */
    private readonly turns?: WriteTurns,
  ) {
    for (const index of indexes)
      if (index.unique) this.uniqueByIndexName.set(indexName(name, index), index.fields);
    const insert = this.statement(
      `INSERT INTO "${name}" (id, version, doc) VALUES (?, 1, ?) ON CONFLICT(id) DO NOTHING`,
    );
    this.insertMany_ = db.transaction((rows: [string, string][]) => {
      let inserted = 0;
      for (const [id, doc] of rows) inserted += insert.run(id, doc).changes;
      return inserted;
    });
  }

  /** Runs one read, waiting (asynchronously) while the file is locked. */
  private run<R>(work: () => R): Promise<R> {
    return retryWhileBusy(work, this.busyDeadlineMs, `collection ${this.name}`);
  }

  /** Runs one write statement or transaction, taking turns with other processes (write-turns.ts). */
  private write<R>(work: () => R): Promise<R> {
    return writeInTurn(this.turns, work, this.busyDeadlineMs, `collection ${this.name}`);
  }

  private statement(sql: string): Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= MAX_CACHED_STATEMENTS) this.statements.clear();
      statement = this.db.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /** Maps a unique-index violation to the port's error; anything else is rethrown. */
  private translate(error: unknown): never {
    const code = (error as { code?: unknown }).code;
    if (code === "SQLITE_CONSTRAINT_UNIQUE" && error instanceof Error) {
      const name = /index '([^']+)'/.exec(error.message)?.[1];
      throw new UniqueConstraintError(
        this.name,
        (name && this.uniqueByIndexName.get(name)) || ["a unique index"],
      );
    }
    throw error;
  }

  /** Checks a document for this collection and encodes its row (id, JSON) without writing it. */
  prepareWrite(doc: T): { id: string; body: Record<string, unknown>; row: [string, string] } {
    const { id, body } = checkDocument(doc, this.name);
    checkUniqueFields(id, body, this.indexes, this.name);
    return { id, body, row: [id, JSON.stringify(body)] };
  }

  /** Inserts rows made by prepareWrite in one transaction; returns how many were new. */
  async insertPrepared(rows: [string, string][]): Promise<number> {
    if (rows.length === 0) return 0;
    try {
      return await this.write(() => this.insertMany_(rows));
    } catch (error) {
      return this.translate(error);
    }
  }

  private toDocument(row: Row): Versioned<T> {
    return { id: row.id, ...(JSON.parse(row.doc) as object), version: row.version } as Versioned<T>;
  }

  async insert(doc: T): Promise<InsertOutcome> {
    const { inserted } = await this.insertMany([doc]);
    return inserted === 1 ? "inserted" : "duplicate";
  }

  async insertMany(docs: T[]): Promise<{ inserted: number; duplicates: number }> {
    // Every document is checked before the transaction starts: a bad one writes nothing.
    const rows = docs.map((doc) => this.prepareWrite(doc).row);
    const inserted = await this.insertPrepared(rows);
    return { inserted, duplicates: rows.length - inserted };
  }

  async upsertIfNewer(docs: T[], order: NewerWhen[]): Promise<UpsertIfNewerOutcome> {
    const checkedOrder = checkNewerOrder(order, this.name);
    return this.upsertCandidates(this.candidates(docs, checkedOrder), checkedOrder);
  }

  /** Checks documents for upsertIfNewer under an already checked order, without writing them. */
  candidates(docs: T[], checkedOrder: NewerWhen[]): OrderedCandidate[] {
    return docs.map((doc) => orderedCandidate(doc, checkedOrder, this.indexes, this.name));
  }

  /** upsertIfNewer of candidates made by `candidates` (one transaction). */
  async upsertCandidates(
    candidates: OrderedCandidate[],
    checkedOrder: NewerWhen[],
  ): Promise<UpsertIfNewerOutcome> {
    const writes = newestPerId(candidates, checkedOrder).map(({ id, body, keys }) => ({
      statement: this.statement(conditionalUpsertSql(this.name, checkedOrder, keys)),
      params: [id, JSON.stringify(body), ...conditionParams(keys)],
    }));
    if (writes.length === 0) return { written: 0, unchanged: candidates.length };
    const write = this.db.transaction((): number => {
      let written = 0;
      for (const { statement, params } of writes) written += statement.run(...params).changes;
      return written;
    });
    try {
      const written = await this.write(() => write.immediate());
      return { written, unchanged: candidates.length - written };
    } catch (error) {
      return this.translate(error);
    }
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    checkId(id, this.name);
    const read = this.statement(`SELECT id, version, doc FROM "${this.name}" WHERE id = ?`);
    const row = (await this.run(() => read.get(id))) as Row | undefined;
    return row && this.toDocument(row);
  }

  private currentVersion(id: string): number | undefined {
    const row = this.statement(`SELECT version FROM "${this.name}" WHERE id = ?`).get(id) as
      { version: number } | undefined;
    return row?.version;
  }

  async replace(doc: T, options?: { expectedVersion?: number }): Promise<Versioned<T>> {
    const [id, json] = this.prepareWrite(doc).row;
    const expected = checkExpectedVersion(options?.expectedVersion, this.name, id);
    const write = this.db.transaction((): number => {
      if (expected === undefined) {
        const upsert = this.statement(
          `INSERT INTO "${this.name}" (id, version, doc) VALUES (?, 1, ?) ` +
            `ON CONFLICT(id) DO UPDATE SET version = version + 1, doc = excluded.doc RETURNING version`,
        );
        return (upsert.get(id, json) as { version: number }).version;
      }
      const updated = this.statement(
        `UPDATE "${this.name}" SET version = version + 1, doc = ? WHERE id = ? AND version = ? RETURNING version`,
      ).get(json, id, expected) as { version: number } | undefined;
      if (!updated) throw new VersionConflictError(this.name, id, expected, this.currentVersion(id));
      return updated.version;
    });
    try {
      const version = await this.write(() => write.immediate());
      return { id, ...(JSON.parse(json) as object), version } as Versioned<T>;
    } catch (error) {
      return this.translate(error);
    }
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
    const write = this.db.transaction((): Row | undefined => {
      const row = this.statement(`SELECT id, version, doc FROM "${this.name}" WHERE id = ?`).get(id) as
        Row | undefined;
      if (!row) return undefined;
      if (expected !== undefined && row.version !== expected) {
        throw new VersionConflictError(this.name, id, expected, row.version);
      }
      // A member set to undefined is removed, as JSON.stringify drops it (MongoDB: $unset).
      const merged = { ...(JSON.parse(row.doc) as Record<string, unknown>), ...checked };
      const next: Row = { id, version: row.version + 1, doc: JSON.stringify(merged) };
      this.statement(`UPDATE "${this.name}" SET version = ?, doc = ? WHERE id = ?`).run(
        next.version,
        next.doc,
        id,
      );
      return next;
    });
    try {
      const row = await this.write(() => write.immediate());
      return row && this.toDocument(row);
    } catch (error) {
      return this.translate(error);
    }
  }

  async delete(id: string, options?: { expectedVersion?: number }): Promise<boolean> {
    checkId(id, this.name);
    const expected = checkExpectedVersion(options?.expectedVersion, this.name, id);
    if (expected === undefined) {
      const remove = this.statement(`DELETE FROM "${this.name}" WHERE id = ?`);
      return (await this.write(() => remove.run(id).changes)) === 1;
    }
    const remove = this.db.transaction((): boolean => {
      const deleted = this.statement(`DELETE FROM "${this.name}" WHERE id = ? AND version = ?`).run(
        id,
        expected,
      ).changes;
      if (deleted === 1) return true;
      const actual = this.currentVersion(id);
      if (actual === undefined) return false;
      throw new VersionConflictError(this.name, id, expected, actual);
    });
    return this.write(() => remove.immediate());
  }

  async find(options?: FindOptions): Promise<Versioned<T>[]> {
    const plan = planFind(options, this.name);
    if (plan.limit === 0) return [];
    const where = whereSql(plan.predicates);
    const sql = `SELECT id, version, doc FROM "${this.name}"${where.sql}${orderSql(plan)}${pageSql(plan)}`;
    const query = this.statement(sql);
    const rows = (await this.run(() => query.all(...where.params))) as Row[];
    return rows.map((row) => this.toDocument(row));
  }

  async count(where?: Where): Promise<number> {
    const clause = whereSql(planWhere(where, this.name));
    const query = this.statement(`SELECT count(*) AS n FROM "${this.name}"${clause.sql}`);
    const row = (await this.run(() => query.get(...clause.params))) as { n: number };
    return row.n;
  }

  async deleteMany(where: Where): Promise<number> {
    const clause = whereSql(planWhere(where, this.name));
    const remove = this.statement(`DELETE FROM "${this.name}"${clause.sql}`);
    return this.write(() => remove.run(...clause.params).changes);
  }

  /** The query plan SQLite chooses for `find` (tests and benchmarks check index use with it). */
  explainFind(options?: FindOptions): string[] {
    const plan = planFind(options, this.name);
    const where = whereSql(plan.predicates);
    const sql = `EXPLAIN QUERY PLAN SELECT id, version, doc FROM "${this.name}"${where.sql}${orderSql(plan)}${pageSql(plan)}`;
    return (this.db.prepare(sql).all(...where.params) as { detail: string }[]).map((r) => r.detail);
  }
}
