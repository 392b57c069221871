import { join } from "node:path";
import type { Logger } from "../logging/logger.js";
import type { DocumentStore } from "./document-store.js";

export interface StoreSelection {
  /** MongoDB URL; when absent the embedded SQLite store is used. */
  mongodbUrl?: string;
  mongodbDatabase: string;
  /** Directory holding the embedded store file. */
  dataDir: string;
  /** File name of the embedded store inside dataDir (one file per function keeps writers apart). */
  fileName?: string;
  logger: Logger;
}

/** Chooses the adapter from configuration: MongoDB when a URL is set, embedded SQLite otherwise. */
export async function createStore(selection: StoreSelection): Promise<DocumentStore> {
  if (selection.mongodbUrl) {
    const { MongoStore } = await import("./mongodb/mongo-store.js");
    return MongoStore.connect({
      url: selection.mongodbUrl,
      database: selection.mongodbDatabase,
      logger: selection.logger,
    });
  }
  const { SqliteStore } = await import("./sqlite/sqlite-store.js");
  return SqliteStore.open({
    path: join(selection.dataDir, selection.fileName ?? "store.sqlite"),
    logger: selection.logger,
  });
}
