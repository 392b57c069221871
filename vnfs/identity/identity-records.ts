import type { Collection, DocumentStore } from "../runtime-kit/store/document-store.js";
import type { Role } from "../runtime-kit/auth/access-token.js";

/** Tenants (collection `tenants`) and their API clients (collection `clients`, id `<tenant>/<clientId>`). */
export interface TenantRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface ClientRecord {
  id: string;
  tenant: string;
  clientId: string;
  description?: string;
  roles: Role[];
  secretHash: string;
  createdAt: string;
  secretRotatedAt: string;
  revokedAt?: string;
}

export interface IdentityCollections {
  tenants: Collection<TenantRecord>;
  clients: Collection<ClientRecord>;
}

export async function openIdentityCollections(store: DocumentStore): Promise<IdentityCollections> {
  return {
    tenants: await store.collection<TenantRecord>("tenants"),
    clients: await store.collection<ClientRecord>("clients", {
      indexes: [{ fields: ["clientId"], unique: true }, { fields: ["tenant"] }],
    }),
  };
}

export function clientRecordId(tenant: string, clientId: string): string {
  return `${tenant}/${clientId}`;
}

/** The API view of a client: never the hash. */
export function clientView(record: ClientRecord) {
  return {
    id: record.clientId,
    tenant: record.tenant,
    ...(record.description !== undefined ? { description: record.description } : {}),
    roles: record.roles,
    createdAt: record.createdAt,
    secretRotatedAt: record.secretRotatedAt,
  };
}
