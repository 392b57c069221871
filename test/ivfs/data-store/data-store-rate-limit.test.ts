import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/data-store/definition.js";
import { startIdentity, type IdentityFixture } from "../../support/identity-fixture.js";

let dataDir: string;
let identity: IdentityFixture;
let dataStore: RunningIvf<typeof definition.settings>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "data-store-rate-"));
  identity = await startIdentity(join(dataDir, "identity"));
  dataStore = await startIvf(definition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_IDENTITY_JWKS_URL: identity.jwksUrl,
    IVF_API_RESPONSE_VALIDATION: "throw",
    IVF_DATA_STORE_RATE: "1",
  });
});

afterAll(async () => {
  await dataStore?.stop();
  await identity?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("data-store rate limit", () => {
  it("answers 429 with Retry-After to a client past its burst, and not to another client", async () => {
    const eager = await identity.clientToken("tenant-a", "eager", ["reader"]);
    const calm = await identity.clientToken("tenant-a", "calm", ["reader"]);
    const get = (token: string) =>
      fetch(`${dataStore.server.url}/v1/tenants/tenant-a/retention`, {
        headers: { authorization: `Bearer ${token}` },
      });
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 6 && !limited; attempt++) {
      const response = await get(eager);
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.text();
    }
    expect(statuses.slice(0, 2)).toEqual([200, 200]);
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toMatchObject({ status: 429, title: "Too many requests" });
    expect((await get(calm)).status).toBe(200);
  });
});
