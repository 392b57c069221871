import { createHash } from "node:crypto";
import {
  VersionConflictError,
  type Collection,
  type DocumentStore,
  type Versioned,
} from "../runtime-kit/store/document-store.js";

/**
 * Ownership of server endpoints. OPC UA sessions are stateful, so each endpoint is served by
 * exactly one VNFC at a time: the holder of a lease document in the shared store. A lease has an
 * expiry renewed by heartbeat and a fencing token that grows on every change of owner; writes
 * use the store's optimistic versions, so two instances can never both win one lease.
 *
 * Placement is rendezvous hashing over the live members of the same scope: every instance
 * computes the same preferred owner for each endpoint, so scale-out and scale-in move only the
 * endpoints whose preferred owner changed. A move is make-before-break: the owner names the
 * preferred instance as successor, the successor opens its own session and subscription and
 * marks itself ready once its first values are on the bus, then the owner flushes, stops and
 * hands the lease over (token + 1). Readings seen by both during the overlap carry the same
 * idempotent ids (publisher.ts), so nothing is lost and nothing is stored twice.
 */

export const LEASES_COLLECTION = "opcua_leases";
export const MEMBERS_COLLECTION = "opcua_members";

export interface LeaseDocument {
  id: string;
  owner: string | null;
  token: number;
  expiresAt: number;
  successor: string | null;
  successorReady: boolean;
}

export interface MemberDocument {
  id: string;
  scope: string;
  expiresAt: number;
}

export type Lease = Versioned<LeaseDocument>;

export function rendezvousOwner(key: string, members: string[]): string | undefined {
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

export class OwnershipStore {
  private constructor(
    private readonly leases: Collection<LeaseDocument>,
    private readonly members: Collection<MemberDocument>,
    readonly instanceId: string,
    readonly scope: string,
    readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  static async open(
    store: DocumentStore,
    options: { instanceId: string; scope: string; ttlMs: number; now?: () => number },
  ): Promise<OwnershipStore> {
    const leases = await store.collection<LeaseDocument>(LEASES_COLLECTION);
    const members = await store.collection<MemberDocument>(MEMBERS_COLLECTION, {
      indexes: [{ fields: ["scope"] }],
    });
    return new OwnershipStore(
      leases,
      members,
      options.instanceId,
      options.scope,
      options.ttlMs,
      options.now ?? Date.now,
    );
  }

  async heartbeat(): Promise<void> {
    await this.members.replace({
      id: this.instanceId,
      scope: this.scope,
      expiresAt: this.now() + this.ttlMs,
    });
  }

  async leave(): Promise<void> {
    await this.members.delete(this.instanceId);
  }

  async liveMembers(): Promise<string[]> {
    const now = this.now();
    const found = await this.members.find({ where: { scope: this.scope } });
    return found
      .filter((member) => member.expiresAt > now)
      .map((member) => member.id)
      .sort();
  }

  async get(key: string): Promise<Lease | undefined> {
    return this.leases.get(key);
  }

  isFree(lease: Lease | undefined): boolean {
    return !lease || lease.owner === null || lease.expiresAt <= this.now();
  }

  /** Takes a free or expired lease; undefined when another instance was faster. */
  async acquire(key: string): Promise<Lease | undefined> {
    const current = await this.leases.get(key);
    if (!this.isFree(current)) return undefined;
    const next: LeaseDocument = {
      id: key,
      owner: this.instanceId,
      token: (current?.token ?? 0) + 1,
      expiresAt: this.now() + this.ttlMs,
      successor: null,
      successorReady: false,
    };
    if (!current) {
      const outcome = await this.leases.insert(next);
      return outcome === "inserted" ? this.leases.get(key) : undefined;
    }
    return this.write(next, current.version);
  }

  /** Extends a held lease; undefined means it is no longer ours (fenced: stop at once). */
  async renew(lease: Lease, changes: Partial<LeaseDocument> = {}): Promise<Lease | undefined> {
    if (lease.owner !== this.instanceId) return undefined;
    return this.write(
      { ...stripVersion(lease), ...changes, expiresAt: this.now() + this.ttlMs },
      lease.version,
    );
  }

  async markSuccessorReady(key: string): Promise<boolean> {
    const lease = await this.leases.get(key);
    if (!lease || lease.successor !== this.instanceId) return false;
    if (lease.successorReady) return true;
    return (await this.write({ ...stripVersion(lease), successorReady: true }, lease.version)) !== undefined;
  }

  /** Gives a held lease to its ready successor with a new fencing token. */
  async transfer(lease: Lease): Promise<Lease | undefined> {
    if (lease.owner !== this.instanceId || !lease.successor) return undefined;
    return this.write(
      {
        id: lease.id,
        owner: lease.successor,
        token: lease.token + 1,
        expiresAt: this.now() + this.ttlMs,
        successor: null,
        successorReady: false,
      },
      lease.version,
    );
  }

  /** Frees a held lease (scale-in with nobody to hand over to). */
  async release(lease: Lease): Promise<boolean> {
    if (lease.owner !== this.instanceId) return false;
    const written = await this.write(
      { ...stripVersion(lease), owner: null, expiresAt: 0, successor: null, successorReady: false },
      lease.version,
    );
    return written !== undefined;
  }

  private async write(document: LeaseDocument, expectedVersion: number): Promise<Lease | undefined> {
    try {
      return await this.leases.replace(document, { expectedVersion });
    } catch (error) {
      if (error instanceof VersionConflictError) return undefined;
      throw error;
    }
  }
}

function stripVersion(lease: Lease): LeaseDocument {
  const { version: _version, ...document } = lease;
  return document;
}
