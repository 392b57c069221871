import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { OwnershipStore, rendezvousOwner } from "../../../vnfs/opcua-adapter/ownership.js";
import { tempDir } from "./opcua-fixtures.js";

describe("ownership leases on the shared store", () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let storeA: SqliteStore;
  let storeB: SqliteStore;
  let clock = 1_000_000;
  const now = () => clock;

  beforeAll(async () => {
    dir = await tempDir("opcua-leases");
    const logger = createLogger({ ivf: "t", instanceId: "t", level: "silent" });
    // Two connections to one file, as two VNFCs on one host would have.
    storeA = await SqliteStore.open({ path: join(dir.path, "iot.sqlite"), logger });
    storeB = await SqliteStore.open({ path: join(dir.path, "iot.sqlite"), logger });
  }, 120_000);
  afterAll(async () => {
    await storeA.close();
    await storeB.close();
    await dir.remove();
  }, 120_000);

  const open = (store: SqliteStore, instanceId: string) =>
    OwnershipStore.open(store, { instanceId, scope: "acme", ttlMs: 1000, now });

  it("lets exactly one of two racing instances acquire a free lease", async () => {
    const [a, b] = await Promise.all([open(storeA, "a"), open(storeB, "b")]);
    const results = await Promise.all([a.acquire("acme.s1"), b.acquire("acme.s1")]);
    expect(results.filter(Boolean)).toHaveLength(1);
    const lease = (await a.get("acme.s1"))!;
    expect(lease.token).toBe(1);
    expect(await (lease.owner === "a" ? b : a).acquire("acme.s1")).toBeUndefined();
  });

  it("fences an owner whose lease expired and was taken over", async () => {
    const a = await open(storeA, "a");
    const b = await open(storeB, "b");
    const held = (await a.acquire("acme.s2"))!;
    clock += 1500; // a stalls past its TTL
    const taken = (await b.acquire("acme.s2"))!;
    expect(taken).toMatchObject({ owner: "b", token: held.token + 1 });
    expect(await a.renew(held)).toBeUndefined(); // stale version: a must stop publishing
  });

  it("hands a lease to a ready successor with a new fencing token", async () => {
    const a = await open(storeA, "a");
    const b = await open(storeB, "b");
    let lease = (await a.acquire("acme.s3"))!;
    lease = (await a.renew(lease, { successor: "b" }))!;
    expect(await a.markSuccessorReady("acme.s3")).toBe(false); // only the named successor may
    expect(await b.markSuccessorReady("acme.s3")).toBe(true);
    lease = (await a.get("acme.s3"))!;
    expect(lease.successorReady).toBe(true);
    const moved = (await a.transfer(lease))!;
    expect(moved).toMatchObject({
      owner: "b",
      token: lease.token + 1,
      successor: null,
      successorReady: false,
    });
    expect(await a.release(moved)).toBe(false);
    expect(await b.release(moved)).toBe(true);
    expect(a.isFree(await a.get("acme.s3"))).toBe(true);
  });

  it("tracks live members by heartbeat and forgets the silent ones", async () => {
    const a = await open(storeA, "a");
    const b = await open(storeB, "b");
    await a.heartbeat();
    await b.heartbeat();
    expect(await a.liveMembers()).toEqual(["a", "b"]);
    clock += 600;
    await a.heartbeat();
    clock += 600;
    expect(await a.liveMembers()).toEqual(["a"]);
    await a.leave();
    expect(await b.liveMembers()).toEqual([]);
  });

  it("places endpoints by rendezvous hashing: adding a member moves only its share", () => {
    const keys = Array.from({ length: 600 }, (_, i) => `acme.server-${i}`);
    const before = keys.map((key) => rendezvousOwner(key, ["a", "b", "c"]));
    const after = keys.map((key) => rendezvousOwner(key, ["a", "b", "c", "d"]));
    const moved = keys.filter((_, i) => before[i] !== after[i]);
    expect(moved.every((_, i) => after[keys.indexOf(moved[i]!)] === "d")).toBe(true);
    expect(moved.length).toBeGreaterThan(100);
    expect(moved.length).toBeLessThan(200);
    for (const member of ["a", "b", "c"]) {
      const share = before.filter((owner) => owner === member).length;
      expect(share).toBeGreaterThan(150);
      expect(share).toBeLessThan(250);
    }
  });
});
