import type { Collection, DocumentStore } from "../runtime-kit/store/document-store.js";
import type { Role } from "../runtime-kit/auth/access-token.js";

/**
 * Tenants (collection `tenants`) and their API clients (collection `clients`, id `<tenant>/<name>`).
 *
 * A client is named within its tenant; its OAuth `client_id` is `<tenant>.<name>` (`.` never
 * occurs in an identifier, so the pair is unambiguous). Two tenants may use the same name, so
 * creating a client reveals nothing about other tenants. Operator clients (tenant `*`, made by
 * the bootstrap configuration) and clients stored before names were scoped keep their bare id.
 */
export interface TenantRecord {
  id: string;
  name: string;
  createdAt: string;
}

export interface ClientRecord {
  id: string;
  tenant: string;
  /** The OAuth client_id: `<tenant>.<name>`, or a bare id for operator and earlier clients. */
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

export function clientRecordId(tenant: string, name: string): string {
  return `${tenant}/${name}`;
}

/** The OAuth client_id of a tenant's client named `name`. */
export function oauthClientId(tenant: string, name: string): string {
  return `${tenant}.${name}`;
}

/** The client's name within its tenant (the `{clientId}` of the administration paths). */
export function clientName(record: ClientRecord): string {
  return record.id.slice(record.tenant.length + 1);
}

/** The API view of a client: never the hash. */
export function clientView(record: ClientRecord) {
  return {
    id: clientName(record),
    clientId: record.clientId,
    tenant: record.tenant,
    ...(record.description !== undefined ? { description: record.description } : {}),
    roles: record.roles,
    createdAt: record.createdAt,
    secretRotatedAt: record.secretRotatedAt,
  };
}
