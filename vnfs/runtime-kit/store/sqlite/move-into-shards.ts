import type { Logger } from "../../logging/logger.js";
import type { Collection, StoredDocument } from "../document-store.js";

const PAGE = 1000;

/**
 * Moves the documents of a collection written before it was sharded into its shards, a page at a
 * time: each page is inserted into its shards (idempotent: a document already there stays as
 * it is, so a newer one written since is kept) and only then deleted from the old table. A crash
 * between the two leaves the page in both places; the next open moves it again, harmlessly.
 */
export async function moveIntoShards<T extends StoredDocument>(
  legacy: Collection<T>,
  sharded: Collection<T>,
  logger: Logger,
): Promise<number> {
  let moved = 0;
  for (;;) {
    const page = await legacy.find({ orderBy: [{ field: "id" }], limit: PAGE });
    if (page.length === 0) break;
    const docs = page.map(({ version: _version, ...doc }) => doc as unknown as T);
    await sharded.insertMany(docs);
    await legacy.deleteMany({ id: { in: page.map((doc) => doc.id) } });
    moved += page.length;
    if (moved === page.length || moved % (PAGE * 100) === 0) {
      logger.info({ collection: legacy.name, moved }, "moving documents into the collection's shards");
    }
  }
  if (moved > 0) logger.info({ collection: legacy.name, moved }, "collection moved into its shards");
  return moved;
}
