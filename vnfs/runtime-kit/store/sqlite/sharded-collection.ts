import {
  StoreInputError,
  type Collection,
  type FindOptions,
  type InsertOutcome,
  type NewerWhen,
  type StoredDocument,
  type UpsertIfNewerOutcome,
  type Versioned,
  type Where,
} from "../document-store.js";
import { compareInPlan } from "../merge-order.js";
import { shardOf } from "../shard-key.js";
import { checkNewerOrder } from "../newer-order.js";
import { planFind, planWhere } from "../query-model.js";
import { checkDocument, checkId } from "../store-input.js";
import type { SqliteCollection } from "./sqlite-collection.js";

/**
 * One collection spread over several shard collections (docs/design/store.md "Shards"). A
 * document lives in the shard its shard key values hash to; writes go to that shard only, one
 * transaction per shard touched. A query whose `where` pins every shard key field by equality
 * reads one shard; any other query reads every shard and merges: sorted pages are merged in the
 * adapters' order, counts and deletions are summed. Operations by id alone (get, update, delete)
 * look in each shard in turn. As in a sharded MongoDB cluster, an id is unique within its shard
 * only: two documents with one id and different shard keys would both be stored, so ids must be
 * derived from the shard key (measurement ids hash tenant and device; latest values are
 * `<tenant>/<deviceId>/<attribute>`).
 */
export class ShardedCollection<T extends StoredDocument> implements Collection<T> {
  constructor(
    readonly name: string,
    private readonly shards: SqliteCollection<T>[],
    private readonly shardKey: string[],
  ) {}

  /** The shard of a document already checked by checkDocument. */
  private shardOfBody(id: string, body: Record<string, unknown>): number {
    const values = this.shardKey.map((field) => {
      // Shard key fields are top-level names (checkShardKey), so no path walk.
      const value = field === "id" ? id : body[field];
      if (typeof value !== "string" || value.length === 0) {
        throw new StoreInputError(
          "STORE_INVALID_DOCUMENT",
          `${this.name}/${id}: "${field}" places the document in a shard (shard key ${this.shardKey.join(", ")}), so it must be a non-empty string`,
        );
      }
      return value;
    });
    return shardOf(values, this.shards.length);
  }

  /** The one shard a filter can match, when it pins every shard key field to a string. */
  private shardOfWhere(where: Where | undefined): number | undefined {
    if (!where || typeof where !== "object") return undefined;
    const values: string[] = [];
    for (const field of this.shardKey) {
      if (!Object.hasOwn(where, field)) return undefined;
      const condition = where[field];
      const value =
        condition !== null && typeof condition === "object" && Object.hasOwn(condition, "eq")
          ? condition.eq
          : condition;
      if (typeof value !== "string") return undefined;
      values.push(value);
    }
    return shardOf(values, this.shards.length);
  }

  private shardsFor(where: Where | undefined): Collection<T>[] {
    const shard = this.shardOfWhere(where);
    return shard === undefined ? this.shards : [this.shards[shard]!];
  }

  private shardOfDocument(doc: T): number {
    const { id, body } = checkDocument(doc, this.name);
    return this.shardOfBody(id, body);
  }

  /** Items grouped by shard, each group in the caller's order. */
  private group<I>(items: I[], shardOf: (item: I) => number): Map<number, I[]> {
    const groups = new Map<number, I[]>();
    for (const item of items) {
      const shard = shardOf(item);
      const group = groups.get(shard);
      if (group) group.push(item);
      else groups.set(shard, [item]);
    }
    return groups;
  }

  async insert(doc: T): Promise<InsertOutcome> {
    const { inserted } = await this.insertMany([doc]);
    return inserted === 1 ? "inserted" : "duplicate";
  }

  async insertMany(docs: T[]): Promise<{ inserted: number; duplicates: number }> {
    // Every document is checked and placed before any shard is written: a bad one writes nothing.
    const rows = docs.map((doc) => {
      const prepared = this.shards[0]!.prepareWrite(doc);
      return { shard: this.shardOfBody(prepared.id, prepared.body), row: prepared.row };
    });
    let inserted = 0;
    for (const [shard, group] of this.group(rows, (entry) => entry.shard)) {
      inserted += await this.shards[shard]!.insertPrepared(group.map((entry) => entry.row));
    }
    return { inserted, duplicates: rows.length - inserted };
  }

  async upsertIfNewer(docs: T[], order: NewerWhen[]): Promise<UpsertIfNewerOutcome> {
    // Every document is checked and placed before any shard is written.
    const checkedOrder = checkNewerOrder(order, this.name);
    const candidates = this.shards[0]!.candidates(docs, checkedOrder);
    let written = 0;
    let unchanged = 0;
    for (const [shard, group] of this.group(candidates, (c) => this.shardOfBody(c.id, c.body))) {
      const outcome = await this.shards[shard]!.upsertCandidates(group, checkedOrder);
      written += outcome.written;
      unchanged += outcome.unchanged;
    }
    return { written, unchanged };
  }

  async get(id: string): Promise<Versioned<T> | undefined> {
    checkId(id, this.name);
    for (const shard of this.shards) {
      const found = await shard.get(id);
      if (found) return found;
    }
    return undefined;
  }

  async replace(doc: T, options?: { expectedVersion?: number }): Promise<Versioned<T>> {
    return this.shards[this.shardOfDocument(doc)]!.replace(doc, options);
  }

  async update(
    id: string,
    changes: Partial<T>,
    options?: { expectedVersion?: number },
  ): Promise<Versioned<T> | undefined> {
    checkId(id, this.name);
    const moved = this.shardKey.find(
      (field) => typeof changes === "object" && changes !== null && Object.hasOwn(changes, field),
    );
    if (moved) {
      throw new StoreInputError(
        "STORE_INVALID_DOCUMENT",
        `${this.name}/${id}: "${moved}" is part of the shard key and cannot be changed by update; replace the document instead`,
      );
    }
    for (const shard of this.shards) {
      if (await shard.get(id)) return shard.update(id, changes, options);
    }
    return undefined;
  }

  async delete(id: string, options?: { expectedVersion?: number }): Promise<boolean> {
    checkId(id, this.name);
    for (const shard of this.shards) {
      if (await shard.get(id)) return shard.delete(id, options);
    }
    return false;
  }

  async find(options?: FindOptions): Promise<Versioned<T>[]> {
    const plan = planFind(options, this.name);
    const shards = this.shardsFor(options?.where);
    if (shards.length === 1) return shards[0]!.find(options);
    if (plan.limit === 0) return [];
    // Each shard returns its first offset + limit documents in order; the merge keeps the page.
    const perShard = {
      ...options,
      offset: 0,
      limit: plan.limit === undefined ? undefined : plan.offset + plan.limit,
    };
    const pages: Versioned<T>[] = [];
    for (const shard of shards) pages.push(...(await shard.find(perShard)));
    const compare = compareInPlan(plan);
    pages.sort(compare);
    return pages.slice(plan.offset, plan.limit === undefined ? undefined : plan.offset + plan.limit);
  }

  async count(where?: Where): Promise<number> {
    planWhere(where, this.name);
    let total = 0;
    for (const shard of this.shardsFor(where)) total += await shard.count(where);
    return total;
  }

  async deleteMany(where: Where): Promise<number> {
    planWhere(where, this.name);
    let total = 0;
    for (const shard of this.shardsFor(where)) total += await shard.deleteMany(where);
    return total;
  }
}
