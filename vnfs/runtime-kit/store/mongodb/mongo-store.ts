import { MongoClient, type Db, type MongoClientOptions } from "mongodb";
import type { Logger } from "../../logging/logger.js";
import {
  StoreInputError,
  type Collection,
  type CollectionOptions,
  type DocumentStore,
  type StoredDocument,
} from "../document-store.js";
import { checkShardKey } from "../shard-key.js";
import { checkCollectionName, checkIndexes } from "../store-input.js";
import { MongoCollection } from "./mongo-collection.js";
import { mongoIndex, type MongoDocument } from "./mongo-query.js";

export interface MongoStoreOptions {
  /** mongodb:// or mongodb+srv:// URL; options in it (w, journal, timeouts) win over our defaults. */
  url: string;
  database: string;
  logger: Logger;
}

/** MongoDB database names: no `/\. "$*<>:|?` and at most 63 bytes; we keep to a safe subset. */
const DATABASE_PATTERN = /^[A-Za-z0-9_-]{1,63}$/;

function hasUrlOption(url: string, name: string): boolean {
  const query = url.split("?")[1] ?? "";
  return query.split("&").some((pair) => pair.split("=")[0]?.toLowerCase() === name.toLowerCase());
}

/** Credentials never reach the logs. */
export function redactUrl(url: string): string {
  return url.replace(/\/\/[^@/]*@/, "//***@");
}

/**
 * Defaults: write concern "majority" (an acknowledged write survives the loss of the primary:
 * that is what lets a consumer ack a bus message after storing it), undefined members dropped
 * like JSON does, and a 10 s server selection timeout so that start-up and readiness fail
 * fast. The driver lets explicit client options override the URL, so each default is applied
 * only when the URL does not set that option itself.
 */
export function clientOptions(url: string): MongoClientOptions {
  const options: MongoClientOptions = { ignoreUndefined: true, appName: "ivf" };
  if (!hasUrlOption(url, "w")) options.writeConcern = { w: "majority" };
  if (!hasUrlOption(url, "serverSelectionTimeoutMS")) options.serverSelectionTimeoutMS = 10_000;
  return options;
}

/** The MongoDB adapter of the store port (official driver 7). See docs/design/store.md. */
export class MongoStore implements DocumentStore {
  readonly kind = "mongodb" as const;
  private readonly collections = new Map<string, MongoCollection<StoredDocument>>();
  private closed = false;

  private constructor(
    private readonly client: MongoClient,
    private readonly db: Db,
    private readonly logger: Logger,
  ) {}

  static async connect(options: MongoStoreOptions): Promise<MongoStore> {
    if (!DATABASE_PATTERN.test(options.database)) {
      throw new StoreInputError(
        "STORE_INVALID_COLLECTION",
        `MongoDB database name ${JSON.stringify(options.database)} is invalid: use 1-63 characters from A-Z a-z 0-9 _ -`,
      );
    }
    const logger = options.logger.child({ component: "mongo-store" });
    const client = new MongoClient(options.url, clientOptions(options.url));
    try {
      await client.connect();
      const db = client.db(options.database);
      await db.command({ ping: 1 });
      logger.info({ url: redactUrl(options.url), database: options.database }, "MongoDB store connected");
      return new MongoStore(client, db, logger);
    } catch (error) {
      await client.close().catch(() => undefined);
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cannot connect to MongoDB at ${redactUrl(options.url)}: ${reason}`, { cause: error });
    }
  }

  async collection<T extends StoredDocument>(
    name: string,
    options?: CollectionOptions,
  ): Promise<Collection<T>> {
    if (this.closed) throw new Error("the MongoDB store is closed");
    checkCollectionName(name);
    const indexes = checkIndexes(options?.indexes, name);
    // One collection here (shard it with the cluster's tools), but the same declarations refused.
    if (options?.shardKey !== undefined) checkShardKey(options.shardKey, indexes, name);
    const driver = this.db.collection<MongoDocument>(name);
    // createIndexes is idempotent for an identical specification (names derive from it).
    if (indexes.length > 0) await driver.createIndexes(indexes.map(mongoIndex));
    const known = this.collections.get(name);
    const collection = new MongoCollection<StoredDocument>(driver, name, [
      ...(known?.indexes ?? []),
      ...indexes,
    ]);
    this.collections.set(name, collection);
    return collection as unknown as Collection<T>;
  }

  async ping(): Promise<boolean> {
    if (this.closed) return false;
    try {
      const answer = await this.db.command({ ping: 1 });
      return answer.ok === 1;
    } catch (error) {
      this.logger.warn({ err: error }, "MongoDB ping failed");
      return false;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.client.close();
  }
}
