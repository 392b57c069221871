import { beforeAll, describe, expect, it } from "vitest";
import {
  StoreInputError,
  type Collection,
  type FindOptions,
  type StoredDocument,
  type Where,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import type { ContractContext } from "./store-contract.js";

/**
 * Hostile and malformed input is refused with a StoreInputError carrying a stable code, before
 * anything reaches SQL or a MongoDB command, and leaves the stored data as it was.
 */
interface Thing extends StoredDocument {
  name: string;
  n?: number;
}

export const HOSTILE_FIELD_PATHS = [
  "",
  "$where",
  "n.$gt",
  "a;DROP TABLE things",
  "a') OR 1=1 --",
  'a"b',
  "a..b",
  ".a",
  "a.",
  "a b",
  "a\u0000b",
  "1st",
  "items.0",
  "_id",
  "__proto__",
  "meta.constructor",
  "id.x",
  "version.x",
  "a.b.c.d.e.f.g.h.i",
  "x".repeat(65),
];

export const HOSTILE_COLLECTION_NAMES = [
  "",
  "Things",
  "a b",
  "x;drop",
  'a"b',
  "system.users",
  "$cmd",
  "a.b",
  "a/b",
  "sqlite_master",
  "1things",
  "things\u0000",
  "t".repeat(64),
];

async function refusal(action: () => Promise<unknown>): Promise<StoreInputError> {
  const error = await action().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(StoreInputError);
  return error as StoreInputError;
}

export function hostileInputContract(context: ContractContext): void {
  describe("hostile and malformed input", () => {
    let things: Collection<Thing>;
    beforeAll(async () => {
      things = await context.store().collection<Thing>(context.freshName("hostile"));
      await things.insertMany([
        { id: "t1", name: "one", n: 1 },
        { id: "t2", name: "two", n: 2 },
      ]);
    });

    it.each(HOSTILE_FIELD_PATHS)(
      "refuses the field path %j in where, orderBy and index declarations",
      async (path) => {
        expect((await refusal(() => things.find({ where: { [path]: 1 } }))).code).toBe("STORE_INVALID_FIELD");
        expect((await refusal(() => things.count({ [path]: { exists: true } }))).code).toBe(
          "STORE_INVALID_FIELD",
        );
        expect((await refusal(() => things.deleteMany({ [path]: { ne: null } }))).code).toBe(
          "STORE_INVALID_FIELD",
        );
        expect((await refusal(() => things.find({ orderBy: [{ field: path }] }))).code).toBe(
          "STORE_INVALID_FIELD",
        );
        const declare = () =>
          context.store().collection(context.freshName("bad-index"), { indexes: [{ fields: [path] }] });
        expect((await refusal(declare)).code).toBe("STORE_INVALID_FIELD");
        expect(await things.count()).toBe(2);
      },
    );

    it.each(HOSTILE_COLLECTION_NAMES)("refuses the collection name %j", async (name) => {
      expect((await refusal(() => context.store().collection(name))).code).toBe("STORE_INVALID_COLLECTION");
    });

    const badConditions: [string, unknown][] = [
      ["a MongoDB operator", { $gt: "" }],
      ["an operator smuggled inside eq", { eq: { $ne: null } }],
      ["an empty condition", {}],
      ["an array instead of in", [1, 2]],
      ["in without an array", { in: "one" }],
      ["null in a range", { gt: null }],
      ["NaN", { lt: Number.NaN }],
      ["a non-boolean exists", { exists: "yes" }],
      ["an unknown operator", { like: "%" }],
    ];
    it.each(badConditions)(
      "refuses %s as a condition, matching nothing by accident",
      async (_label, condition) => {
        const where = { name: condition } as unknown as Where;
        expect((await refusal(() => things.find({ where }))).code).toBe("STORE_INVALID_QUERY");
        expect((await refusal(() => things.deleteMany(where))).code).toBe("STORE_INVALID_QUERY");
        expect(await things.count()).toBe(2);
      },
    );

    const badPaging: [string, FindOptions][] = [
      ["a negative limit", { limit: -1 }],
      ["a fractional offset", { offset: 1.5 }],
      ["an unknown direction", { orderBy: [{ field: "n", direction: "sideways" as "asc" }] }],
    ];
    it.each(badPaging)("refuses %s", async (_label, options) => {
      expect((await refusal(() => things.find(options))).code).toBe("STORE_INVALID_QUERY");
    });

    it("refuses a shard key that is not a list of plain field names, or that a unique index lacks", async () => {
      const store = context.store();
      for (const shardKey of [[], ["a.b"], ["$where"], ["x", "x"], "tenant", ["a", "b", "c", "d", "e"]]) {
        const error = await refusal(() =>
          store.collection(context.freshName("shard-key"), { shardKey: shardKey as string[] }),
        );
        expect(error.code).toBe("STORE_INVALID_QUERY");
      }
      const unique = await refusal(() =>
        store.collection(context.freshName("shard-unique"), {
          indexes: [{ fields: ["serial"], unique: true }],
          shardKey: ["tenant"],
        }),
      );
      expect(unique.message).toMatch(/unique index on serial must include the shard key \(tenant\)/);
    });

    it("refuses ids that are not short, NUL-free strings", async () => {
      for (const id of ["", "a\u0000b", "x".repeat(513), 5, null]) {
        const doc = { id, name: "x" } as unknown as Thing;
        expect((await refusal(() => things.insert(doc))).code).toBe("STORE_INVALID_ID");
        if (typeof id === "string")
          expect((await refusal(() => things.get(id))).code).toBe("STORE_INVALID_ID");
      }
    });

    class Point {
      x = 1;
    }
    const badDocuments: [string, unknown][] = [
      ["an _id member", { id: "b1", name: "x", _id: "other" }],
      ["a top-level $ member", { id: "b2", name: "x", $set: { name: "y" } }],
      ["a Date", { id: "b3", name: "x", at: new Date(0) }],
      ["Infinity", { id: "b4", name: "x", n: Number.POSITIVE_INFINITY }],
      ["a BigInt", { id: "b5", name: "x", n: 10n }],
      ["a class instance", { id: "b6", name: "x", p: new Point() }],
      ["a NUL in a nested member name", { id: "b7", name: "x", m: { "a\u0000": 1 } }],
      ["an array", [{ id: "b8" }]],
      ["a function", { id: "b9", name: "x", f: () => 1 }],
    ];
    it.each(badDocuments)("refuses a document with %s", async (_label, doc) => {
      expect((await refusal(() => things.insert(doc as Thing))).code).toMatch(
        /^STORE_INVALID_(DOCUMENT|ID)$/,
      );
      expect((await refusal(() => things.replace(doc as Thing))).code).toMatch(
        /^STORE_INVALID_(DOCUMENT|ID)$/,
      );
      expect(await things.count()).toBe(2);
    });

    it("refuses update members that a database could read as paths or operators", async () => {
      for (const changes of [{ "name.first": "x" }, { $set: { name: "x" } }, { _id: "x" }, { "a b": 1 }]) {
        const error = await refusal(() => things.update("t1", changes as Partial<Thing>));
        expect(error.code).toBe("STORE_INVALID_FIELD");
      }
      expect((await refusal(() => things.update("t1", { id: "t9" }))).code).toBe("STORE_INVALID_DOCUMENT");
      expect(await things.get("t1")).toEqual({ id: "t1", name: "one", n: 1, version: 1 });
    });

    it("stores and finds string values full of SQL and operator syntax as plain data", async () => {
      const nasty = ["'; DROP TABLE things; --", '{"$gt": ""}', "$where", "a\u0000b", "💥"];
      const scratch = await context.store().collection<Thing>(context.freshName("nasty-values"));
      await scratch.insertMany(nasty.map((name, i) => ({ id: `v${i}`, name })));
      for (const name of nasty)
        expect((await scratch.find({ where: { name } })).map((t) => t.name)).toEqual([name]);
      expect(await scratch.count({ name: { in: nasty } })).toBe(nasty.length);
    });
  });
}
