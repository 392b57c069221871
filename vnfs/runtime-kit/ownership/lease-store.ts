import {
  VersionConflictError,
  type Collection,
  type DocumentStore,
  type Versioned,
} from "../store/document-store.js";

/**
 * Leases and membership in the shared document store: the building block for "exactly one
 * instance at a time" (an OPC UA endpoint's session, a telemetry partition's consumer).
 *
 * - A lease document names its owner, an expiry renewed by the owner, and a fencing token that
 *   grows on every change of owner. Every write is conditioned on the version read (optimistic
 *   concurrency), so two instances can never both win one lease; a renewal that fails means the
 *   lease is no longer ours and the holder must stop at once.
 * - Members heartbeat `{scope, expiresAt}`; live members of a scope are the input of rendezvous
 *   placement (rendezvous.ts). A crashed member and its leases expire after the TTL.
 * - `successor`/`successorReady` support make-before-break hand-overs (OPC UA); break-before-make
 *   users (telemetry partitions) release and let the successor acquire.
 *
 * Expiry compares wall clocks of different processes: hosts sharing a store need synchronised
 * clocks (NTP); the TTL must be much larger than their skew.
 */

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

export interface LeaseStoreOptions {
  /** Collection of lease documents (one per owned thing). */
  leasesCollection: string;
  /** Collection of member heartbeats. */
  membersCollection: string;
  instanceId: string;
  /** Members of one scope compete for the same leases. */
  scope: string;
  ttlMs: number;
  now?: () => number;
}

export class LeaseStore {
  private constructor(
    private readonly leases: Collection<LeaseDocument>,
    private readonly members: Collection<MemberDocument>,
    readonly instanceId: string,
    readonly scope: string,
    readonly ttlMs: number,
    private readonly now: () => number,
  ) {}

  static async open(store: DocumentStore, options: LeaseStoreOptions): Promise<LeaseStore> {
    const { leases, members } = await openCollections(store, options);
    return new LeaseStore(
      leases,
      members,
      options.instanceId,
      options.scope,
      options.ttlMs,
      options.now ?? Date.now,
    );
  }

  /** Records this instance as live for another TTL. */
  async heartbeat(): Promise<void> {
    await this.members.replace({
      id: this.instanceId,
      scope: this.scope,
      expiresAt: this.now() + this.ttlMs,
    });
  }

  /** Leaves the membership at once (others rebalance without waiting for the TTL). */
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

  /** Takes a free or expired lease (token + 1); undefined when it is held or another instance was faster. */
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

  /** Frees a held lease; false when it was no longer ours. */
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

async function openCollections(
  store: DocumentStore,
  options: Pick<LeaseStoreOptions, "leasesCollection" | "membersCollection">,
): Promise<{ leases: Collection<LeaseDocument>; members: Collection<MemberDocument> }> {
  const leases = await store.collection<LeaseDocument>(options.leasesCollection);
  const members = await store.collection<MemberDocument>(options.membersCollection, {
    indexes: [{ fields: ["scope"] }],
  });
  return { leases, members };
}

function stripVersion(lease: Lease): LeaseDocument {
  const { version: _version, ...document } = lease;
  return document;
}
