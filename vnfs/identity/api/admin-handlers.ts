import type { Request } from "express";
import { ProblemError, type OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import { authenticate, requireRole, requireTenant } from "../../runtime-kit/auth/bearer-auth.js";
import type { Principal, Role, TokenVerifier } from "../../runtime-kit/auth/access-token.js";
import type { Versioned } from "../../runtime-kit/store/document-store.js";
import { generateSecret, hashSecret } from "../clients/client-secrets.js";
import {
  clientRecordId,
  clientView,
  oauthClientId,
  type ClientRecord,
  type IdentityCollections,
} from "../identity-records.js";

export interface AdminHandlerDeps {
  collections: IdentityCollections;
  verify: TokenVerifier;
}

const notFound = (detail: string) =>
  new ProblemError({ type: "urn:ivf:problem:not-found", title: "Not found", status: 404, detail });
const conflict = (detail: string) =>
  new ProblemError({ type: "urn:ivf:problem:conflict", title: "Conflict", status: 409, detail });

/**
 * Tenant and client administration. Operators manage every tenant; a tenant-admin manages the
 * clients of its own tenant. The operator role itself is never granted through the API (only
 * the bootstrap configuration creates operator clients), so no tenant can escalate to it.
 */
export function adminHandlers(deps: AdminHandlerDeps): Record<string, OperationHandler> {
  const { tenants, clients } = deps.collections;
  const caller = (req: Request): Promise<Principal> => authenticate(req, deps.verify);

  async function tenantFor(principal: Principal, tenantId: string) {
    requireTenant(principal, tenantId);
    const tenant = await tenants.get(tenantId);
    if (!tenant) throw notFound(`tenant ${tenantId} not found`);
    return tenant;
  }

  async function clientFor(
    principal: Principal,
    tenantId: string,
    clientId: string,
  ): Promise<Versioned<ClientRecord>> {
    await tenantFor(principal, tenantId);
    requireRole(principal, "tenant-admin");
    const client = await clients.get(clientRecordId(tenantId, clientId));
    if (!client || client.revokedAt) throw notFound(`client ${clientId} not found in tenant ${tenantId}`);
    return client;
  }

  return {
    async listTenants(_input, req) {
      requireRole(await caller(req), "operator");
      const all = await tenants.find({ orderBy: [{ field: "id" }] });
      return { status: 200, body: all.map(({ id, name, createdAt }) => ({ id, name, createdAt })) };
    },
    async createTenant(input, req) {
      requireRole(await caller(req), "operator");
      const body = input.body as { id: string; name?: string };
      const record = { id: body.id, name: body.name ?? body.id, createdAt: new Date().toISOString() };
      if ((await tenants.insert(record)) === "duplicate") throw conflict(`tenant ${body.id} exists already`);
      return { status: 201, headers: { Location: `/v1/tenants/${record.id}` }, body: record };
    },
    async getTenant(input, req) {
      const tenant = await tenantFor(await caller(req), input.path.tenantId as string);
      return { status: 200, body: { id: tenant.id, name: tenant.name, createdAt: tenant.createdAt } };
    },
    async listClients(input, req) {
      const principal = await caller(req);
      const tenantId = input.path.tenantId as string;
      await tenantFor(principal, tenantId);
      requireRole(principal, "tenant-admin");
      const found = await clients.find({ where: { tenant: tenantId }, orderBy: [{ field: "clientId" }] });
      return { status: 200, body: found.filter((client) => !client.revokedAt).map(clientView) };
    },
    async createClient(input, req) {
      const principal = await caller(req);
      const tenantId = input.path.tenantId as string;
      await tenantFor(principal, tenantId);
      requireRole(principal, "tenant-admin");
      const body = input.body as { id: string; description?: string; roles: Role[] };
      if (body.roles.includes("operator")) {
        throw new ProblemError({
          type: "urn:ivf:problem:forbidden",
          title: "Forbidden",
          status: 403,
          detail:
            "the operator role is granted only through IVF_IDENTITY_BOOTSTRAP_CLIENT_ID, never through the API",
        });
      }
      const secret = generateSecret();
      const now = new Date().toISOString();
      const record: ClientRecord = {
        id: clientRecordId(tenantId, body.id),
        tenant: tenantId,
        clientId: oauthClientId(tenantId, body.id),
        ...(body.description !== undefined ? { description: body.description } : {}),
        roles: body.roles,
        secretHash: await hashSecret(secret),
        createdAt: now,
        secretRotatedAt: now,
      };
      // Names are scoped to the tenant: a duplicate can only be one of the caller's own clients.
      if ((await clients.insert(record)) === "duplicate")
        throw conflict(
          `client ${body.id} exists already in tenant ${tenantId}; rotate its secret or choose another id`,
        );
      return {
        status: 201,
        headers: { Location: `/v1/tenants/${tenantId}/clients/${body.id}` },
        body: { ...clientView(record), secret },
      };
    },
    async getClient(input, req) {
      const client = await clientFor(
        await caller(req),
        input.path.tenantId as string,
        input.path.clientId as string,
      );
      return { status: 200, body: clientView(client) };
    },
    async revokeClient(input, req) {
      const client = await clientFor(
        await caller(req),
        input.path.tenantId as string,
        input.path.clientId as string,
      );
      await clients.update(
        client.id,
        { revokedAt: new Date().toISOString() },
        { expectedVersion: client.version },
      );
      return { status: 204 };
    },
    async rotateClientSecret(input, req) {
      const client = await clientFor(
        await caller(req),
        input.path.tenantId as string,
        input.path.clientId as string,
      );
      const secret = generateSecret();
      const updated = await clients.update(
        client.id,
        { secretHash: await hashSecret(secret), secretRotatedAt: new Date().toISOString() },
        { expectedVersion: client.version },
      );
      return { status: 200, body: { ...clientView(updated!), secret } };
    },
  };
}
