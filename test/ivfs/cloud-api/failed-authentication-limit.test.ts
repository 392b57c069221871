/**
 * cloud-api: failed authentications are limited per client address, before credentials are
 * checked; applications that authenticate are not counted.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/cloud-api/definition.js";
import type { cloudApiSettings } from "../../../vnfs/cloud-api/settings.js";

const ACME_KEY = "acme-application-key-0123";
let dir: string;
let running: RunningIvf<typeof cloudApiSettings>;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-cloud-api-authfail-"));
  running = await startIvf(definition, {
    IVF_LOG_LEVEL: "silent",
    IVF_DATA_DIR: dir,
    IVF_CLOUD_API_KEYS: `acme:${ACME_KEY}`,
    IVF_CLOUD_API_AUTH_FAILURE_RATE: "1",
    IVF_API_RESPONSE_VALIDATION: "throw",
  });
}, 30_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const call = (headers: Record<string, string>) => fetch(`${running.server.url}/v1/groups`, { headers });

describe("cloud-api failed authentication limit", () => {
  it("lets an address fail a burst of times, then answers 429 with Retry-After before looking at credentials", async () => {
    // Successful calls take nothing from the failure budget.
    for (let attempt = 0; attempt < 8; attempt++)
      expect((await call({ "x-api-key": ACME_KEY })).status).toBe(200);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 5; attempt++) {
      const response = await call(attempt % 2 ? { "x-api-key": `guess-${attempt}-0123456789` } : {});
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401]);
    const limited = await call({ "x-api-key": "guess-final-0123456789" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(/failed authentications from/);
    // The right key from the same address waits as well: the check comes before the lookup.
    expect((await call({ "x-api-key": ACME_KEY })).status).toBe(429);
  });
});
