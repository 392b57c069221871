import type { DocumentStore } from "../runtime-kit/store/document-store.js";
import { LeaseStore } from "../runtime-kit/ownership/lease-store.js";

/**
 * Ownership of server endpoints. OPC UA sessions are stateful, so each endpoint is served by
 * exactly one VNFC at a time: the holder of a lease document in the shared store
 * (runtime-kit/ownership/lease-store.ts: expiry renewed by heartbeat, fencing token that grows on
 * every change of owner, optimistic versions so two instances can never both win one lease).
 *
 * Placement is rendezvous hashing over the live members of the same scope
 * (runtime-kit/ownership/rendezvous.ts), so scale-out and scale-in move only the endpoints whose
 * preferred owner changed. A move is make-before-break: the owner names the preferred instance as
 * successor, the successor opens its own session and subscription and marks itself ready once its
 * first values are on the bus, then the owner flushes, stops and hands the lease over (token + 1).
 * Readings seen by both during the overlap carry the same idempotent ids (publisher.ts), so nothing
 * is lost and nothing is stored twice.
 */

export const LEASES_COLLECTION = "opcua_leases";
export const MEMBERS_COLLECTION = "opcua_members";

export { rendezvousOwner } from "../runtime-kit/ownership/rendezvous.js";
export type { Lease, LeaseDocument, MemberDocument } from "../runtime-kit/ownership/lease-store.js";

/** The lease store of OPC UA endpoints (its own collections). */
export type OwnershipStore = LeaseStore;

export const OwnershipStore = {
  open(
    store: DocumentStore,
    options: { instanceId: string; scope: string; ttlMs: number; now?: () => number },
  ): Promise<OwnershipStore> {
    return LeaseStore.open(store, {
      ...options,
      leasesCollection: LEASES_COLLECTION,
      membersCollection: MEMBERS_COLLECTION,
    });
  },
};
