import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/identity/definition.js";
import { hashSecret } from "../../../vnfs/identity/clients/client-secrets.js";
import type { ClientRecord } from "../../../vnfs/identity/identity-records.js";
import {
  demoCredentials,
  identityBootstrapEnv,
  provisionDemoTenant,
  type DemoCredentials,
} from "../../../vnfs/cli/up/demo-tenant.js";
import type { IvfLocator } from "../../../vnfs/console/backend/ivf-endpoints.js";

/**
 * `ivf up`'s demo tenant against a real identity IVF: the console client is created as
 * `demo.demo-console` (client ids are scoped by tenant), and a home from before that change,
 * whose identity store holds the bare `demo-console`, keeps working.
 */
let home: string;
let identity: RunningIvf<typeof definition.settings>;
let locator: IvfLocator;

beforeAll(async () => {
  home = mkdtempSync(join(tmpdir(), "ivf-demo-tenant-"));
  const credentials = demoCredentials(home);
  identity = await startIvf(definition, {
    IVF_DATA_DIR: join(home, "identity"),
    IVF_LOG_LEVEL: "silent",
    IVF_API_RESPONSE_VALIDATION: "throw",
    ...identityBootstrapEnv(credentials),
  });
  locator = { urls: async (ivf) => (ivf === "identity" ? [identity.server.url] : []) };
});

afterAll(async () => {
  await identity?.stop();
  rmSync(home, { recursive: true, force: true });
});

const saved = (): DemoCredentials => JSON.parse(readFileSync(join(home, "demo-credentials.json"), "utf8"));

async function tokenStatus(clientId: string, secret: string): Promise<number> {
  const response = await fetch(`${identity.server.url}/oauth2/token`, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });
  await response.text();
  return response.status;
}

describe("ivf up demo tenant", () => {
  it("creates the console client as demo.demo-console and keeps it on the next run", async () => {
    await provisionDemoTenant(locator, home, demoCredentials(home));
    const first = saved();
    expect(first.consoleClientId).toBe("demo.demo-console");
    expect(await tokenStatus(first.consoleClientId, first.consoleClientSecret)).toBe(200);
    await provisionDemoTenant(locator, home, demoCredentials(home));
    expect(saved()).toEqual(first);
  });

  it("keeps a console client stored under its earlier bare id, rotating a lost secret", async () => {
    const clients = await identity.context.store!.collection<ClientRecord>("clients");
    await clients.delete("demo/demo-console");
    const now = new Date().toISOString();
    await clients.insert({
      id: "demo/demo-console",
      tenant: "demo",
      clientId: "demo-console",
      roles: ["tenant-admin"],
      secretHash: await hashSecret("an-earlier-secret-0123456789"),
      createdAt: now,
      secretRotatedAt: now,
    });
    const earlier = {
      ...demoCredentials(home),
      consoleClientId: "demo-console",
      consoleClientSecret: "lost",
    };
    await provisionDemoTenant(locator, home, earlier);
    const after = saved();
    expect(after.consoleClientId).toBe("demo-console");
    expect(after.consoleClientSecret).not.toBe("lost");
    expect(await tokenStatus("demo-console", after.consoleClientSecret)).toBe(200);
  });
});
