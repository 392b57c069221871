import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { pino } from "pino";
import { afterAll, describe, expect, it } from "vitest";
import {
  StoreInputError,
  type FindOptions,
  type StoredDocument,
  type Where,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { shardPath, STORE_SHARDS } from "../../../vnfs/runtime-kit/store/sqlite/shard-keys.js";
import { telemetryPartition } from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";

const logger = pino({ level: "silent" });
const scratch = mkdtempSync(join(tmpdir(), "ivf-sharded-"));
let files = 0;
const freshFile = (): string => join(scratch, `store-${(files += 1)}`, "iot.sqlite");
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

interface Reading extends StoredDocument {
  tenant: string;
  deviceId: string;
  value: number | string | boolean | null;
  at: string;
}

const SHARD_KEY = ["tenant", "deviceId"];
const devices = Array.from({ length: 40 }, (_, i) => `meter-${i}`);
const reading = (i: number, device = devices[i % devices.length]!): Reading => ({
  id: `r${String(i).padStart(4, "0")}`,
  tenant: i % 3 === 0 ? "beta" : "acme",
  deviceId: device,
  value: [(i * 7) % 13, `v${i % 5}`, i % 2 === 0, null][i % 4]!,
  at: new Date(Date.UTC(2026, 0, 1) + (i % 17) * 1000).toISOString(),
});

/** Rows of a table in one shard file, read with a connection of our own. */
function rowsIn(path: string, table: string): { id: string; doc: string }[] {
  if (!existsSync(path)) return [];
  const db = new BetterSqlite3(path, { readonly: true });
  try {
    const exists = db.prepare("SELECT 1 FROM sqlite_master WHERE name = ?").get(table);
    return exists
      ? (db.prepare(`SELECT id, doc FROM "${table}"`).all() as { id: string; doc: string }[])
      : [];
  } finally {
    db.close();
  }
}

describe("sharded collections of the embedded store", () => {
  it("keeps each device's documents in one shard file: the one of its telemetry partition", async () => {
    const path = freshFile();
    const store = await SqliteStore.open({ path, logger });
    try {
      const readings = await store.collection<Reading>("readings", { shardKey: SHARD_KEY });
      const docs = Array.from({ length: 400 }, (_, i) => reading(i));
      expect(await readings.insertMany(docs)).toEqual({ inserted: 400, duplicates: 0 });
      let seen = 0;
      for (let shard = 0; shard < STORE_SHARDS; shard++) {
        for (const row of rowsIn(shardPath(path, shard), "readings")) {
          const doc = JSON.parse(row.doc) as Reading;
          // Partition and shard share the hash: with 16 partitions a partition owns its shard alone.
          expect(telemetryPartition(doc.tenant, doc.deviceId, STORE_SHARDS)).toBe(shard);
          seen += 1;
        }
      }
      expect(seen).toBe(400);
      expect(rowsIn(path, "readings")).toEqual([]);
    } finally {
      await store.close();
    }
  });

  it("answers every query as one unsharded collection would, across shards and pages", async () => {
    const store = await SqliteStore.open({ path: freshFile(), logger });
    try {
      const sharded = await store.collection<Reading>("sharded", { shardKey: SHARD_KEY });
      const plain = await store.collection<Reading>("plain");
      const docs = Array.from({ length: 500 }, (_, i) => reading(i));
      await sharded.insertMany(docs);
      await plain.insertMany(docs);
      const ids = (list: Reading[]) => list.map((doc) => doc.id);
      const queries: FindOptions[] = [
        { orderBy: [{ field: "value" }] },
        { orderBy: [{ field: "value", direction: "desc" }], limit: 37, offset: 11 },
        { where: { tenant: "acme" }, orderBy: [{ field: "at" }, { field: "value" }], limit: 50, offset: 100 },
        {
          where: { tenant: "acme", deviceId: "meter-3" },
          orderBy: [{ field: "at", direction: "desc" }],
        },
        { where: { value: { gte: 3 } }, orderBy: [{ field: "deviceId" }], limit: 20 },
        { where: { at: { lt: "2026-01-01T00:00:05.000Z" } }, offset: 490 },
        { limit: 0 },
      ];
      for (const query of queries)
        expect(ids(await sharded.find(query))).toEqual(ids(await plain.find(query)));
      const wheres: (Where | undefined)[] = [
        undefined,
        { tenant: "beta" },
        { tenant: "acme", deviceId: "meter-7" },
        { value: null },
      ];
      for (const where of wheres) expect(await sharded.count(where)).toBe(await plain.count(where));
      expect(await sharded.deleteMany({ tenant: "beta" })).toBe(await plain.deleteMany({ tenant: "beta" }));
      expect(ids(await sharded.find({ orderBy: [{ field: "id" }] }))).toEqual(
        ids(await plain.find({ orderBy: [{ field: "id" }] })),
      );
    } finally {
      await store.close();
    }
  });

  it("is opened sharded by every later opener, with or without the option, and never with another key", async () => {
    const path = freshFile();
    const first = await SqliteStore.open({ path, logger });
    await (
      await first.collection<Reading>("readings", { shardKey: SHARD_KEY })
    ).insertMany([reading(1), reading(2)]);
    await first.close();
    const second = await SqliteStore.open({ path, logger });
    try {
      const readings = await second.collection<Reading>("readings");
      expect((await readings.find({ orderBy: [{ field: "id" }] })).map((doc) => doc.id)).toEqual([
        "r0001",
        "r0002",
      ]);
      await expect(second.collection("readings", { shardKey: ["deviceId"] })).rejects.toThrow(
        /sharded by tenant, deviceId; it cannot be opened with shard key deviceId/,
      );
    } finally {
      await second.close();
    }
  });

  it("refuses a document it cannot place, a unique index without the key and a change of the key, writing nothing", async () => {
    const store = await SqliteStore.open({ path: freshFile(), logger });
    try {
      await expect(
        store.collection("serials", { indexes: [{ fields: ["serial"], unique: true }], shardKey: SHARD_KEY }),
      ).rejects.toThrow(/unique index on serial must include the shard key \(tenant, deviceId\)/);
      const readings = await store.collection<Reading>("readings", { shardKey: SHARD_KEY });
      const unplaced = { ...reading(3), deviceId: 42 } as unknown as Reading;
      const refusal = await readings
        .insertMany([reading(1), reading(2), unplaced])
        .catch((error: unknown) => error);
      expect(refusal).toBeInstanceOf(StoreInputError);
      expect((refusal as Error).message).toMatch(/"deviceId" places the document in a shard/);
      expect(await readings.count()).toBe(0);
      await readings.insert(reading(4));
      await expect(readings.update("r0004", { deviceId: "meter-9" })).rejects.toThrow(
        /part of the shard key and cannot be changed by update/,
      );
      expect(await readings.update("r0004", { value: 99 })).toMatchObject({
        id: "r0004",
        value: 99,
        version: 2,
      });
      expect(await readings.delete("r0004")).toBe(true);
      expect(await readings.get("r0004")).toBeUndefined();
    } finally {
      await store.close();
    }
  });

  it("moves documents written before the collection was sharded into its shards, once", async () => {
    const path = freshFile();
    const before = await SqliteStore.open({ path, logger });
    await (
      await before.collection<Reading>("readings")
    ).insertMany(Array.from({ length: 2500 }, (_, i) => reading(i)));
    await before.close();
    const after = await SqliteStore.open({ path, logger });
    try {
      const readings = await after.collection<Reading>("readings", { shardKey: SHARD_KEY });
      expect(await readings.count()).toBe(2500);
      expect(await readings.get("r0042")).toMatchObject(reading(42));
      expect(rowsIn(path, "readings")).toEqual([]);
    } finally {
      await after.close();
    }
  });
});
