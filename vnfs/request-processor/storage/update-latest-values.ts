import type { Collection } from "../../runtime-kit/store/document-store.js";
import { latestValueOrder, type LatestValueRecord } from "./measurement-records.js";

/**
 * Last writer by timestamp wins, whatever order the messages arrive in: a stored latest value
 * is replaced only by a strictly later reading (equal timestamps: the smaller measurement id
 * wins), so every instance, redelivery and arrival order converges on the same document.
 * One conditional batch upsert of the store port per batch of deliveries
 * (`Collection.upsertIfNewer`: one transaction of conditional upserts on SQLite, one unordered
 * bulkWrite on MongoDB) — no read, no version check, no retry loop on the request processor's
 * side. Returns how many latest values changed.
 */
export async function updateLatestValues(
  latest: Collection<LatestValueRecord>,
  candidates: LatestValueRecord[],
): Promise<number> {
  if (candidates.length === 0) return 0;
  const { written } = await latest.upsertIfNewer(candidates, latestValueOrder);
  return written;
}

/** The single-candidate form (tests, tools): true when the stored latest value changed. */
export async function updateLatestValue(
  latest: Collection<LatestValueRecord>,
  candidate: LatestValueRecord,
): Promise<boolean> {
  return (await updateLatestValues(latest, [candidate])) === 1;
}
