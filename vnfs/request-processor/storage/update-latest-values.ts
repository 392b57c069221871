import {
  VersionConflictError,
  type Collection,
  type Versioned,
} from "../../runtime-kit/store/document-store.js";
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

/** Ids per read of stored latest values (the store port accepts at most 1000 `in` values). */
const READ_CHUNK = 500;

/**
 * The batched form of updateLatestValue for one batch of deliveries: keeps the newest candidate
 * per id, reads the stored values in chunks with one query each, and writes only where the
 * candidate is newer, each write conditioned on the version just read (or an idempotent insert).
 * Only a write that lost a race (version conflict, insert duplicate) falls back to the
 * read-compare-write loop above, so concurrent instances and redeliveries converge exactly as
 * with single updates. Returns how many latest values changed.
 */
export async function updateLatestValues(
  latest: Collection<LatestValueRecord>,
  candidates: LatestValueRecord[],
): Promise<number> {
  const newest = new Map<string, LatestValueRecord>();
  for (const candidate of candidates) {
    const current = newest.get(candidate.id);
    if (!current || isNewer(candidate, current)) newest.set(candidate.id, candidate);
  }
  const ids = [...newest.keys()];
  const stored = new Map<string, Versioned<LatestValueRecord>>();
  for (let start = 0; start < ids.length; start += READ_CHUNK) {
    const chunk = ids.slice(start, start + READ_CHUNK);
    for (const record of await latest.find({ where: { id: { in: chunk } } })) stored.set(record.id, record);
  }
  const written = await Promise.all(
    [...newest.values()].map((candidate) => writeIfNewer(latest, candidate, stored.get(candidate.id))),
  );
  return written.filter(Boolean).length;
}

async function writeIfNewer(
  latest: Collection<LatestValueRecord>,
  candidate: LatestValueRecord,
  stored: Versioned<LatestValueRecord> | undefined,
): Promise<boolean> {
  if (stored && !isNewer(candidate, stored)) return false;
  try {
    if (!stored) {
      if ((await latest.insert(candidate)) === "inserted") return true;
    } else {
      await latest.replace(candidate, { expectedVersion: stored.version });
      return true;
    }
  } catch (error) {
    if (!(error instanceof VersionConflictError)) throw error;
  }
  // Another writer got there between our read and our write: compare again against its value.
  return updateLatestValue(latest, candidate);
}
