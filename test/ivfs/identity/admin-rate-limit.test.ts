import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/identity/definition.js";

let dataDir: string;
let identity: RunningIvf<typeof definition.settings>;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "identity-rate-"));
  identity = await startIvf(definition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_API_RESPONSE_VALIDATION: "throw",
    IVF_IDENTITY_ADMIN_RATE: "1",
  });
});

afterAll(async () => {
  await identity?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

describe("identity administration rate limit", () => {
  it("answers 429 with Retry-After once an address used its burst, before looking at the token", async () => {
    const statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 6 && !limited; attempt++) {
      const response = await fetch(`${identity.server.url}/v1/tenants`, {
        headers: { authorization: "Bearer not-a-token" },
      });
      statuses.push(response.status);
      if (response.status === 429) limited = response;
      else await response.text();
    }
    expect(statuses.slice(0, 2)).toEqual([401, 401]);
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toMatchObject({ type: "urn:ivf:problem:rate-limited", status: 429 });
  });
});
