import { SignJWT } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SigningKeys } from "../../../vnfs/identity/keys/signing-keys.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { createTokenVerifier } from "../../../vnfs/runtime-kit/auth/access-token.js";

const HOUR = 3_600_000;
const TTL = 15 * 60_000;
let store: SqliteStore;

beforeAll(async () => {
  store = await SqliteStore.open({
    path: ":memory:",
    logger: createLogger({ ivf: "t", instanceId: "t", level: "silent" }),
  });
});
afterAll(() => store.close());

describe("signing key rotation", () => {
  it("rotates keys per period and publishes the old key until its last token has expired", async () => {
    const keys = await SigningKeys.open(store, HOUR, TTL);
    const t0 = Date.UTC(2026, 10, 27, 10, 30);
    const first = await keys.current(t0);
    expect((await keys.current(t0 + 60_000)).kid).toBe(first.kid);

    const nextPeriod = Date.UTC(2026, 10, 27, 11, 5);
    const second = await keys.current(nextPeriod);
    expect(second.kid).not.toBe(first.kid);
    const overlap = await keys.jwks(nextPeriod);
    expect(overlap.keys.map((key) => key.kid)).toEqual([second.kid, first.kid]);
    expect(overlap.keys.every((key) => key.d === undefined)).toBe(true);

    // The first key signed until 11:00, so its last token expires at 11:15.
    const later = await keys.jwks(Date.UTC(2026, 10, 27, 11, 15, 1));
    expect(later.keys.map((key) => key.kid)).toEqual([second.kid]);
  });

  it("verifies tokens signed by any published key and refuses unknown key ids", async () => {
    const keys = await SigningKeys.open(store, HOUR, TTL);
    const verify = createTokenVerifier({ issuer: "iss", audience: "aud", keys: keys.resolver() });
    const key = await keys.current();
    const sign = (kid: string) =>
      new SignJWT({ tenant: "acme", roles: ["reader"] })
        .setProtectedHeader({ alg: "ES256", kid, typ: "at+jwt" })
        .setIssuer("iss")
        .setAudience("aud")
        .setSubject("app")
        .setIssuedAt()
        .setExpirationTime("5m")
        .sign(key.privateKey);
    expect(await verify(await sign(key.kid))).toEqual({ clientId: "app", tenant: "acme", roles: ["reader"] });
    await expect(verify(await sign("es256-0"))).rejects.toThrow(/no published key/);
  });
});
