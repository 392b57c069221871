/**
 * The console limits failed logins per browser address before credentials reach identity
 * (a real identity IVF answers the logins).
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedLocator } from "../../vnfs/console/backend/ivf-endpoints.js";
import { startConsole, type ConsoleServer } from "../../vnfs/console/console-server.js";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { startIdentity, TEST_OPERATOR, type IdentityFixture } from "../support/identity-fixture.js";

const logger = createLogger({ ivf: "console-test", instanceId: "t", level: "silent" });
let dir: string;
let identity: IdentityFixture;
let console_: ConsoleServer;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-console-throttle-"));
  identity = await startIdentity(dir);
  console_ = await startConsole({
    port: 0,
    vnfmUrl: "http://127.0.0.1:9",
    vnfmCredentials: { clientId: "nfvo", clientSecret: "unused-secret" },
    locator: fixedLocator({ identity: identity.url }),
    logger,
    loginThrottle: { perSecond: 0.01, burst: 3 },
  });
}, 30_000);

afterAll(async () => {
  await console_?.close();
  await identity?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const login = (clientId: string, clientSecret: string) =>
  fetch(`${console_.url}/api/login`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ clientId, clientSecret }),
  });

describe("console login throttle", () => {
  it("answers 429 with Retry-After once an address used up its failed logins, even for the right secret", async () => {
    // Successful logins take nothing from the budget.
    for (let attempt = 0; attempt < 4; attempt++)
      expect((await login(TEST_OPERATOR.id, TEST_OPERATOR.secret)).status).toBe(200);
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++)
      statuses.push((await login(TEST_OPERATOR.id, `guess-${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    const limited = await login(TEST_OPERATOR.id, "guess-final");
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(((await limited.json()) as { detail: string }).detail).toMatch(
      /too many failed logins from this address/,
    );
    const right = await login(TEST_OPERATOR.id, TEST_OPERATOR.secret);
    expect(right.status).toBe(429);
    expect(right.headers.get("set-cookie")).toBeNull();
  });
});
