/**
 * The collections the VNFM keeps through the store port. Domain code receives this object and
 * never sees which adapter (SQLite, MongoDB) is behind it.
 */
import type { Collection, DocumentStore } from "../../vnfs/runtime-kit/store/document-store.js";
import type {
  QueuedNotification,
  SubscriptionRecord,
  VnfInstanceRecord,
  VnfLcmOpOccRecord,
  VnfPackageRecord,
} from "./models.js";

export interface VnfmRepositories {
  instances: Collection<VnfInstanceRecord>;
  opOccs: Collection<VnfLcmOpOccRecord>;
  subscriptions: Collection<SubscriptionRecord>;
  packages: Collection<VnfPackageRecord>;
  queue: Collection<QueuedNotification>;
}

export async function openRepositories(store: DocumentStore): Promise<VnfmRepositories> {
  return {
    instances: await store.collection<VnfInstanceRecord>("vnfm_vnf_instances", {
      indexes: [{ fields: ["createdAt"] }, { fields: ["vnfdId"] }],
    }),
    opOccs: await store.collection<VnfLcmOpOccRecord>("vnfm_vnf_lcm_op_occs", {
      indexes: [{ fields: ["vnfInstanceId"] }, { fields: ["operationState"] }, { fields: ["startTime"] }],
    }),
    subscriptions: await store.collection<SubscriptionRecord>("vnfm_subscriptions", {
      indexes: [{ fields: ["fingerprint"] }],
    }),
    packages: await store.collection<VnfPackageRecord>("vnfm_vnf_packages", {
      indexes: [{ fields: ["vnfdId"] }],
    }),
    queue: await store.collection<QueuedNotification>("vnfm_notification_queue", {
      indexes: [{ fields: ["subscriptionId", "enqueuedAt"] }, { fields: ["nextAttemptAt"] }],
    }),
  };
}

/** Strips the store's `version` so a record can be written back or rendered. */
export function withoutVersion<T extends object>(doc: T | (T & { version: number })): T {
  const { version: _version, ...rest } = doc as T & { version?: number };
  return rest as T;
}
