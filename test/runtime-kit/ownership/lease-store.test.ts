import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { LeaseStore } from "../../../vnfs/runtime-kit/ownership/lease-store.js";
import { rendezvousOwner } from "../../../vnfs/runtime-kit/ownership/rendezvous.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";

describe("lease store (runtime-kit/ownership)", () => {
  let dir: string;
  let storeA: SqliteStore;
  let storeB: SqliteStore;
  let clock = 5_000_000;
  const now = () => clock;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ivf-leases-"));
    const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });
    // Two connections to one file, as two instances on one host would have.
    storeA = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
    storeB = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  }, 60_000);
  afterAll(async () => {
    await storeA.close();
    await storeB.close();
    rmSync(dir, { recursive: true, force: true });
  });

  const open = (store: SqliteStore, instanceId: string, scope = "q", collections = "t") =>
    LeaseStore.open(store, {
      leasesCollection: `${collections}_leases`,
      membersCollection: `${collections}_members`,
      instanceId,
      scope,
      ttlMs: 1000,
      now,
    });

  it("gives a free lease to exactly one of two racing instances, with token 1", async () => {
    const [a, b] = await Promise.all([open(storeA, "a"), open(storeB, "b")]);
    const won = await Promise.all([a.acquire("k1"), b.acquire("k1")]);
    expect(won.filter(Boolean)).toHaveLength(1);
    const lease = (await a.get("k1"))!;
    expect(lease.token).toBe(1);
    expect(await (lease.owner === "a" ? b : a).acquire("k1")).toBeUndefined();
  });

  it("raises the fencing token on every change of owner and fences the old owner", async () => {
    const [a, b] = await Promise.all([open(storeA, "a"), open(storeB, "b")]);
    const held = (await a.acquire("k2"))!;
    clock += 1001; // expired
    const taken = (await b.acquire("k2"))!;
    expect(taken.owner).toBe("b");
    expect(taken.token).toBe(held.token + 1);
    expect(await a.renew(held)).toBeUndefined();
    expect(await a.release(held)).toBe(false);
    expect((await b.get("k2"))!.owner).toBe("b");
  });

  it("frees a released lease at once for the next owner (break-before-make)", async () => {
    const [a, b] = await Promise.all([open(storeA, "a"), open(storeB, "b")]);
    const held = (await a.acquire("k3"))!;
    expect(await b.acquire("k3")).toBeUndefined();
    const renewed = (await a.renew(held))!;
    expect(await a.release(renewed)).toBe(true);
    const next = (await b.acquire("k3"))!;
    expect(next).toMatchObject({ owner: "b", token: renewed.token + 1 });
  });

  it("lists live members of its own scope only, drops expired and departed ones", async () => {
    const [a, b, other] = await Promise.all([
      open(storeA, "m-a", "s1", "m"),
      open(storeB, "m-b", "s1", "m"),
      open(storeB, "m-c", "s2", "m"),
    ]);
    await Promise.all([a.heartbeat(), b.heartbeat(), other.heartbeat()]);
    expect(await a.liveMembers()).toEqual(["m-a", "m-b"]);
    await b.leave();
    expect(await a.liveMembers()).toEqual(["m-a"]);
    clock += 1001;
    expect(await a.liveMembers()).toEqual([]);
  });

  it("keeps the collections of different users apart", async () => {
    const [first, second] = await Promise.all([open(storeA, "a", "q", "x"), open(storeB, "b", "q", "y")]);
    expect(await first.acquire("shared-key")).toBeDefined();
    expect(await second.acquire("shared-key")).toBeDefined();
  });

  it("places keys by rendezvous: deterministic, balanced, and a new member takes only keys it wins", () => {
    const keys = Array.from({ length: 1600 }, (_, index) => `queue.p${index}`);
    const three = keys.map((key) => rendezvousOwner(key, ["a", "b", "c"]));
    expect(keys.map((key) => rendezvousOwner(key, ["c", "a", "b"]))).toEqual(three);
    for (const member of ["a", "b", "c"]) {
      const share = three.filter((owner) => owner === member).length;
      expect(share).toBeGreaterThan(400);
      expect(share).toBeLessThan(670);
    }
    const four = keys.map((key) => rendezvousOwner(key, ["a", "b", "c", "d"]));
    four.forEach((owner, index) => {
      if (owner !== "d") expect(owner).toBe(three[index]);
    });
    expect(rendezvousOwner("k", [])).toBeUndefined();
  });
});
