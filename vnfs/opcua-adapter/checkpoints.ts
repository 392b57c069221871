import type { DocumentStore } from "../runtime-kit/store/document-store.js";

/**
 * Per-item resume points: the last source timestamp published for each node of a server.
 * Written by the owner every few seconds and at hand-over; read by the next owner so that the
 * values it receives first (the initial notification of every new monitored item, usually
 * already published) are not published again.
 */
export const CHECKPOINTS_COLLECTION = "opcua_checkpoints";

interface CheckpointDocument {
  id: string;
  /** [node id, source timestamp ms] pairs (node ids contain dots, so they are not field names). */
  items: [string, number][];
  updatedAt: string;
}

export async function loadCheckpoint(store: DocumentStore, key: string): Promise<Map<string, number>> {
  const collection = await store.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
  const document = await collection.get(key);
  return new Map(document?.items ?? []);
}

export async function saveCheckpoint(
  store: DocumentStore,
  key: string,
  checkpoint: Map<string, number>,
): Promise<void> {
  const collection = await store.collection<CheckpointDocument>(CHECKPOINTS_COLLECTION);
  await collection.replace({
    id: key,
    items: [...checkpoint.entries()],
    updatedAt: new Date().toISOString(),
  });
}
