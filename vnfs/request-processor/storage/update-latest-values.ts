import { VersionConflictError, type Collection } from "../../runtime-kit/store/document-store.js";
import type { LatestValueRecord } from "./measurement-records.js";

const MAX_ATTEMPTS = 20;

/**
 * Last writer by timestamp wins, whatever order the messages arrive in: a stored value is
 * replaced only by a strictly later reading (equal timestamps: the smaller measurement id wins,
 * so every replica and redelivery converges on the same document). Concurrent writers use
 * optimistic concurrency (expected version) and retry on conflict; an insert race ends as a
 * duplicate and is retried as an update.
 */
export async function updateLatestValue(
  latest: Collection<LatestValueRecord>,
  candidate: LatestValueRecord,
): Promise<boolean> {
  for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt += 1) {
    const stored = await latest.get(candidate.id);
    if (!stored) {
      if ((await latest.insert(candidate)) === "inserted") return true;
      continue;
    }
    if (!isNewer(candidate, stored)) return false;
    try {
      await latest.replace(candidate, { expectedVersion: stored.version });
      return true;
    } catch (error) {
      if (!(error instanceof VersionConflictError)) throw error;
    }
  }
  throw new Error(
    `latest value ${candidate.id}: ${MAX_ATTEMPTS} concurrent updates in a row; giving up for redelivery`,
  );
}

function isNewer(candidate: LatestValueRecord, stored: LatestValueRecord): boolean {
  const a = Date.parse(candidate.timestamp);
  const b = Date.parse(stored.timestamp);
  if (a !== b) return a > b;
  return candidate.measurementId < stored.measurementId;
}
