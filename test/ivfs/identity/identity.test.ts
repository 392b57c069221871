import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { decodeProtectedHeader } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/identity/definition.js";
import { createTokenVerifier } from "../../../vnfs/runtime-kit/auth/access-token.js";
import { hashSecret } from "../../../vnfs/identity/clients/client-secrets.js";
import type { ClientRecord } from "../../../vnfs/identity/identity-records.js";

let dataDir: string;
let identity: RunningIvf<typeof definition.settings>;
let base: string;

const OPERATOR = { id: "platform-operator", secret: "operator-secret-0123456789" };

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "identity-"));
  identity = await startIvf(definition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_IDENTITY_BOOTSTRAP_CLIENT_ID: OPERATOR.id,
    IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET: OPERATOR.secret,
    IVF_API_RESPONSE_VALIDATION: "throw",
    IVF_IDENTITY_TOKEN_RATE: "1000",
  });
  base = identity.server.url;
});

afterAll(async () => {
  await identity?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

async function token(clientId: string, secret: string, scope?: string): Promise<Response> {
  const form = new URLSearchParams({ grant_type: "client_credentials" });
  if (scope) form.set("scope", scope);
  return fetch(`${base}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: form,
  });
}

async function accessToken(clientId: string, secret: string): Promise<string> {
  const response = await token(clientId, secret);
  expect(response.status).toBe(200);
  return ((await response.json()) as { access_token: string }).access_token;
}

function call(method: string, path: string, bearer: string, body?: unknown): Promise<Response> {
  return fetch(`${base}${path}`, {
    method,
    headers: { authorization: `Bearer ${bearer}`, ...(body ? { "content-type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
}

async function createClient(bearer: string, tenant: string, id: string, roles: string[]) {
  const response = await call("POST", `/v1/tenants/${tenant}/clients`, bearer, { id, roles });
  expect(response.status, await response.clone().text()).toBe(201);
  return (await response.json()) as { id: string; clientId: string; secret: string };
}

describe("identity IVF", () => {
  let operator: string;
  let adminA: { id: string; clientId: string; secret: string };

  beforeAll(async () => {
    operator = await accessToken(OPERATOR.id, OPERATOR.secret);
    for (const id of ["tenant-a", "tenant-b"]) {
      expect((await call("POST", "/v1/tenants", operator, { id })).status).toBe(201);
    }
    adminA = await createClient(operator, "tenant-a", "admin-a", ["tenant-admin"]);
    await createClient(operator, "tenant-b", "admin-b", ["tenant-admin"]);
  });

  it("issues ES256 access tokens that verify against the published JWKS with tenant and roles", async () => {
    const response = await token(adminA.clientId, adminA.secret);
    expect(response.headers.get("cache-control")).toBe("no-store");
    const body = (await response.json()) as {
      access_token: string;
      token_type: string;
      expires_in: number;
      scope: string;
    };
    expect(body).toMatchObject({ token_type: "Bearer", expires_in: 900, scope: "tenant-admin" });
    expect(decodeProtectedHeader(body.access_token)).toMatchObject({ alg: "ES256", typ: "at+jwt" });
    const verify = createTokenVerifier({
      issuer: "urn:ivf:identity",
      audience: "urn:ivf:platform",
      keys: new URL(`${base}/.well-known/jwks.json`),
    });
    expect(await verify(body.access_token)).toEqual({
      clientId: "tenant-a.admin-a",
      tenant: "tenant-a",
      roles: ["tenant-admin"],
    });
    await expect(verify(`${body.access_token.slice(0, -4)}AAAA`)).rejects.toThrow(/access token rejected/);
  });

  it("refuses wrong secrets, unknown clients and unsupported grants without telling which", async () => {
    const wrong = await token(adminA.clientId, "not-the-secret");
    const unknown = await token("nobody", "whatever");
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(await wrong.json()).toEqual(await unknown.json());
    expect(wrong.headers.get("www-authenticate")).toMatch(/^Basic/);
    const grant = await fetch(`${base}/oauth2/token`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "grant_type=password&client_id=admin-a&client_secret=x",
    });
    expect(grant.status).toBe(400);
    expect(await grant.json()).toMatchObject({ error: "unsupported_grant_type" });
  });

  it("narrows a token to requested roles and refuses roles the client lacks", async () => {
    const reader = await createClient(operator, "tenant-a", "dashboard", ["reader", "writer"]);
    const narrowed = await token(reader.clientId, reader.secret, "reader");
    expect(((await narrowed.json()) as { scope: string }).scope).toBe("reader");
    const escalated = await token(reader.clientId, reader.secret, "tenant-admin");
    expect(escalated.status).toBe(400);
    expect(await escalated.json()).toMatchObject({ error: "invalid_scope" });
  });

  it("keeps tenants apart: another tenant's clients are 404, weaker roles are 403", async () => {
    const tokenA = await accessToken(adminA.clientId, adminA.secret);
    expect((await call("GET", "/v1/tenants/tenant-b/clients", tokenA)).status).toBe(404);
    expect((await call("GET", "/v1/tenants/tenant-b", tokenA)).status).toBe(404);
    expect(
      (await call("POST", "/v1/tenants/tenant-b/clients", tokenA, { id: "x", roles: ["reader"] })).status,
    ).toBe(404);
    expect((await call("GET", "/v1/tenants", tokenA)).status).toBe(403);
    const listed = (await (await call("GET", "/v1/tenants/tenant-a/clients", tokenA)).json()) as {
      id: string;
    }[];
    expect(listed.map((client) => client.id)).toContain("admin-a");
    expect(JSON.stringify(listed)).not.toMatch(/"secret"|secretHash|scrypt/);

    const readerSecret = await createClient(tokenA, "tenant-a", "reader-only", ["reader"]);
    const readerToken = await accessToken(readerSecret.clientId, readerSecret.secret);
    const refused = await call("POST", "/v1/tenants/tenant-a/clients", readerToken, {
      id: "y",
      roles: ["reader"],
    });
    expect(refused.status).toBe(403);
    expect(refused.headers.get("content-type")).toMatch(/application\/problem\+json/);
  });

  it("never grants the operator role through the API", async () => {
    const tokenA = await accessToken(adminA.clientId, adminA.secret);
    const response = await call("POST", "/v1/tenants/tenant-a/clients", tokenA, {
      id: "sneaky",
      roles: ["operator"],
    });
    expect(response.status).toBe(403);
  });

  it("stops issuing tokens to a revoked client and to a rotated-away secret", async () => {
    const tokenA = await accessToken(adminA.clientId, adminA.secret);
    const rotating = await createClient(tokenA, "tenant-a", "rotating", ["reader"]);
    const rotated = (await (
      await call("POST", "/v1/tenants/tenant-a/clients/rotating/secret", tokenA)
    ).json()) as {
      secret: string;
    };
    expect((await token(rotating.clientId, rotating.secret)).status).toBe(401);
    expect((await token(rotating.clientId, rotated.secret)).status).toBe(200);
    expect((await call("DELETE", "/v1/tenants/tenant-a/clients/rotating", tokenA)).status).toBe(204);
    expect((await token(rotating.clientId, rotated.secret)).status).toBe(401);
  });

  it("lets two tenants name a client alike: each authenticates as <tenant>.<name>, and nothing tells one of the other", async () => {
    const tokenA = await accessToken(adminA.clientId, adminA.secret);
    const inA = await createClient(tokenA, "tenant-a", "shared-name", ["reader"]);
    const inB = await createClient(operator, "tenant-b", "shared-name", ["writer"]);
    expect([inA.id, inA.clientId, inB.id, inB.clientId]).toEqual([
      "shared-name",
      "tenant-a.shared-name",
      "shared-name",
      "tenant-b.shared-name",
    ]);
    const verify = createTokenVerifier({
      issuer: "urn:ivf:identity",
      audience: "urn:ivf:platform",
      keys: new URL(`${base}/.well-known/jwks.json`),
    });
    expect(await verify(await accessToken(inB.clientId, inB.secret))).toEqual({
      clientId: "tenant-b.shared-name",
      tenant: "tenant-b",
      roles: ["writer"],
    });
    expect((await token(inA.clientId, inB.secret)).status).toBe(401);
    expect((await token("shared-name", inA.secret)).status).toBe(401);
    const again = await call("POST", "/v1/tenants/tenant-a/clients", tokenA, {
      id: "shared-name",
      roles: ["reader"],
    });
    expect(again.status).toBe(409);
    const problem = (await again.json()) as { detail: string };
    expect(problem.detail).toContain("tenant-a");
    expect(problem.detail).not.toContain("tenant-b");
  });

  it("keeps the bare ids of the bootstrap operator and of clients stored before names were scoped", async () => {
    const clients = await identity.context.store!.collection<ClientRecord>("clients");
    const secret = "legacy-secret-0123456789abcdef";
    const now = new Date().toISOString();
    await clients.insert({
      id: "tenant-a/legacy-app",
      tenant: "tenant-a",
      clientId: "legacy-app",
      roles: ["reader"],
      secretHash: await hashSecret(secret),
      createdAt: now,
      secretRotatedAt: now,
    });
    const verify = createTokenVerifier({
      issuer: "urn:ivf:identity",
      audience: "urn:ivf:platform",
      keys: new URL(`${base}/.well-known/jwks.json`),
    });
    expect(await verify(await accessToken("legacy-app", secret))).toMatchObject({
      clientId: "legacy-app",
      tenant: "tenant-a",
    });
    const shown = (await (await call("GET", "/v1/tenants/tenant-a/clients/legacy-app", operator)).json()) as {
      id: string;
      clientId: string;
    };
    expect(shown).toMatchObject({ id: "legacy-app", clientId: "legacy-app" });
    expect((await createClient(operator, "tenant-b", "legacy-app", ["reader"])).clientId).toBe(
      "tenant-b.legacy-app",
    );
    expect(await verify(operator)).toMatchObject({ clientId: OPERATOR.id, tenant: "*" });
  });

  it("answers a missing or malformed bearer token with 401 and WWW-Authenticate", async () => {
    const missing = await fetch(`${base}/v1/tenants`);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toMatch(/^Bearer/);
    const garbage = await call("GET", "/v1/tenants", "not.a.jwt");
    expect(garbage.status).toBe(401);
  });

  it("validates request bodies and lists every violation", async () => {
    const response = await call("POST", "/v1/tenants", operator, { id: "bad id!", extra: 1 });
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual(["/body/extra", "/body/id"]);
  });
});
