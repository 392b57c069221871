import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";

/** Per-tenant retention of raw measurements (collection `retention_policies`, id = tenant). */
export interface RetentionPolicyRecord {
  id: string;
  tenant: string;
  measurementsDays: number;
  updatedAt: string;
}

export const MIN_RETENTION_DAYS = 1;
export const MAX_RETENTION_DAYS = 3650;

export async function openRetentionPolicies(
  store: DocumentStore,
): Promise<Collection<RetentionPolicyRecord>> {
  return store.collection<RetentionPolicyRecord>("retention_policies");
}
