import { createHash } from "node:crypto";

/**
 * Rendezvous (highest-random-weight) hashing: every process computes the same preferred owner of
 * a key from the same member list, and adding or removing a member moves only the keys whose
 * winner changed (about 1/n of them). Ties, practically impossible with 64-bit scores, go to the
 * smaller member id so that the answer never depends on the list's order.
 */
export function rendezvousOwner(key: string, members: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestScore = -1n;
  for (const member of members) {
    const score = createHash("sha256").update(`${key}\u0000${member}`).digest().readBigUInt64BE(0);
    if (score > bestScore || (score === bestScore && best !== undefined && member < best)) {
      best = member;
      bestScore = score;
    }
  }
  return best;
}
