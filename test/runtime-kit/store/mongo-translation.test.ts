import { pino } from "pino";
import { describe, expect, it } from "vitest";
import { StoreInputError } from "../../../vnfs/runtime-kit/store/document-store.js";
import { duplicateKeyIndex } from "../../../vnfs/runtime-kit/store/mongodb/mongo-errors.js";
import { mongoFilter, mongoIndex, mongoSort } from "../../../vnfs/runtime-kit/store/mongodb/mongo-query.js";
import { conditionalUpsertOperation } from "../../../vnfs/runtime-kit/store/mongodb/mongo-upsert.js";
import { checkNewerOrder, orderedCandidate } from "../../../vnfs/runtime-kit/store/newer-order.js";
import { clientOptions, MongoStore, redactUrl } from "../../../vnfs/runtime-kit/store/mongodb/mongo-store.js";
import { planFind, planWhere } from "../../../vnfs/runtime-kit/store/query-model.js";
import { HOSTILE_FIELD_PATHS } from "./store-contract-hostile.js";

/**
 * The MongoDB adapter's pure parts, which run without a server: how checked queries become
 * filters, how duplicate-key errors are told apart, which client defaults apply. The adapter's
 * behaviour against a server is the contract suite in mongo-store.test.ts.
 */
const filterOf = (where: Parameters<typeof planWhere>[0]) => mongoFilter(planWhere(where, "things"));

/** Every key of a filter, at any depth. */
function keysOf(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(keysOf);
  if (value === null || typeof value !== "object") return [];
  return Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)]);
}

describe("MongoDB adapter: query translation", () => {
  it("builds every condition from our own operators, mapping id to _id", () => {
    expect(filterOf({})).toEqual({});
    expect(
      filterOf({ id: "a", n: { gte: 1, lt: 5 }, "meta.site": { in: ["n", null] }, x: { exists: false } }),
    ).toEqual({
      $and: [
        { _id: { $eq: "a" } },
        { n: { $gte: 1 } },
        { n: { $lt: 5 } },
        { "meta.site": { $in: ["n", null] } },
        { x: { $exists: false } },
      ],
    });
  });

  it("passes operator-looking strings only as values to compare with", () => {
    const filter = filterOf({ name: "$where", other: { ne: '{"$gt":""}' }, list: { in: ["$ne", "$expr"] } });
    const operators = keysOf(filter).filter((key) => key.startsWith("$"));
    expect(new Set(operators)).toEqual(new Set(["$and", "$eq", "$ne", "$in"]));
    expect(filter).toEqual({
      $and: [
        { name: { $eq: "$where" } },
        { other: { $ne: '{"$gt":""}' } },
        { list: { $in: ["$ne", "$expr"] } },
      ],
    });
  });

  it.each(HOSTILE_FIELD_PATHS)("never builds a filter for the field path %j", (path) => {
    expect(() => filterOf({ [path]: 1 })).toThrow(StoreInputError);
  });

  it("sorts by the keys, then _id in the direction of the last key", () => {
    expect(mongoSort(planFind({ orderBy: [{ field: "ts", direction: "desc" }] }, "t"))).toEqual({
      ts: -1,
      _id: -1,
    });
    expect(mongoSort(planFind({}, "t"))).toEqual({ _id: 1 });
    expect(
      mongoSort(planFind({ orderBy: [{ field: "id", direction: "desc" }, { field: "n" }] }, "t")),
    ).toEqual({
      _id: -1,
      n: 1,
    });
  });

  it("ends non-unique indexes with _id and leaves unique ones as declared", () => {
    expect(mongoIndex({ fields: ["deviceId", "ts"] })).toEqual({
      key: { deviceId: 1, ts: 1, _id: 1 },
      name: "ivf:deviceId,ts",
      unique: false,
    });
    expect(mongoIndex({ fields: ["serial"], unique: true })).toEqual({
      key: { serial: 1 },
      name: "ivf:serial:unique",
      unique: true,
    });
  });
});

describe("MongoDB adapter: conditional upsert", () => {
  const order = checkNewerOrder(
    [
      { field: "timestamp", newer: "greater" },
      { field: "measurementId", newer: "smaller" },
    ],
    "latest",
  );
  const candidate = (doc: Record<string, unknown>) => orderedCandidate(doc, order, [], "latest");

  it("matches the stored document only when it is older by the order, and upserts", () => {
    const doc = { id: "acme/m1/power", timestamp: "2026-11-27T10:00:00.000Z", measurementId: "m7", value: 3 };
    expect(conditionalUpsertOperation(candidate(doc), order)).toEqual({
      updateOne: {
        filter: {
          _id: "acme/m1/power",
          $or: [
            { timestamp: { $not: { $type: "string" } } },
            { timestamp: { $lt: "2026-11-27T10:00:00.000Z" } },
            {
              timestamp: { $eq: "2026-11-27T10:00:00.000Z" },
              $and: [
                { $or: [{ measurementId: { $not: { $type: "string" } } }, { measurementId: { $gt: "m7" } }] },
              ],
            },
          ],
        },
        update: [
          {
            $replaceWith: {
              $mergeObjects: [
                { $literal: { timestamp: "2026-11-27T10:00:00.000Z", measurementId: "m7", value: 3 } },
                { _id: "$_id", version: { $add: [{ $ifNull: ["$version", 0] }, 1] } },
              ],
            },
          },
        ],
        upsert: true,
      },
    });
  });

  it("compares numbers as numbers and keeps operator-looking values inside $literal", () => {
    const numeric = checkNewerOrder([{ field: "seq", newer: "greater" }], "latest");
    const doc = { id: "x", seq: 5, value: "$where", nested: { $gt: "" } };
    const operation = conditionalUpsertOperation(orderedCandidate(doc, numeric, [], "latest"), numeric);
    expect(operation).toMatchObject({
      updateOne: { filter: { _id: "x", $or: [{ seq: { $not: { $type: "number" } } }, { seq: { $lt: 5 } }] } },
    });
    const stage = (
      operation as unknown as { updateOne: { update: { $replaceWith: { $mergeObjects: unknown[] } }[] } }
    ).updateOne.update[0]!;
    expect(stage.$replaceWith.$mergeObjects[0]).toEqual({
      $literal: { seq: 5, value: "$where", nested: { $gt: "" } },
    });
  });
});

describe("MongoDB adapter: duplicate keys", () => {
  it("tells a redelivered id from a unique-index violation", () => {
    const idDuplicate =
      'E11000 duplicate key error collection: ivf.readings index: _id_ dup key: { _id: "m1" }';
    const uniqueDuplicate =
      'E11000 duplicate key error collection: ivf.devices index: ivf:serial:unique dup key: { serial: "S" }';
    expect(duplicateKeyIndex({ code: 11000, errmsg: idDuplicate })).toBe("_id_");
    expect(duplicateKeyIndex({ code: 11000, errmsg: uniqueDuplicate })).toBe("ivf:serial:unique");
    expect(duplicateKeyIndex({ code: 11000, message: "duplicate", keyPattern: { _id: 1 } })).toBe("_id_");
    expect(duplicateKeyIndex({ code: 121, errmsg: "Document failed validation" })).toBeUndefined();
  });
});

describe("MongoDB adapter: connection", () => {
  it("writes with majority concern unless the URL chooses its own", () => {
    expect(clientOptions("mongodb://h:27017/?retryWrites=true").writeConcern).toEqual({ w: "majority" });
    expect(clientOptions("mongodb://h:27017/?w=1").writeConcern).toBeUndefined();
    expect(
      clientOptions("mongodb://h/?serverSelectionTimeoutMS=500").serverSelectionTimeoutMS,
    ).toBeUndefined();
    expect(clientOptions("mongodb://h/").ignoreUndefined).toBe(true);
  });

  it("keeps credentials out of logs and errors", async () => {
    expect(redactUrl("mongodb://ivf:s3cret@db.example:27017/x")).toBe("mongodb://***@db.example:27017/x");
    const url = "mongodb://ivf:s3cret@127.0.0.1:1/?serverSelectionTimeoutMS=300";
    const error = await MongoStore.connect({ url, database: "ivf", logger: pino({ level: "silent" }) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toMatch(
      /^cannot connect to MongoDB at mongodb:\/\/\*\*\*@127\.0\.0\.1:1/,
    );
    expect((error as Error).message).not.toContain("s3cret");
  });

  it("refuses a database name MongoDB would misread before connecting", async () => {
    const connect = MongoStore.connect({
      url: "mongodb://127.0.0.1:1",
      database: "a.b$c",
      logger: pino({ level: "silent" }),
    });
    await expect(connect).rejects.toThrow(StoreInputError);
  });
});
