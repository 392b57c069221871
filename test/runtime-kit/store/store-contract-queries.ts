import { beforeAll, describe, expect, it } from "vitest";
import type {
  Collection,
  FindOptions,
  StoredDocument,
  Where,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import type { ContractContext } from "./store-contract.js";

/**
 * Query semantics of vnfs/runtime-kit/store/query-model.ts, on a fixture whose field `n`
 * holds every kind of value (and is null or missing in some documents), so that a
 * comparison that mixes kinds, or treats null and missing differently, shows up.
 */
interface Item extends StoredDocument {
  n?: unknown;
  s: string;
  meta?: { site: string; level?: number };
}

const ITEMS: Item[] = [
  { id: "a", n: 5, s: "apple", meta: { site: "north", level: 2 } },
  { id: "b", n: 10, s: "banana", meta: { site: "south", level: 1 } },
  { id: "c", n: "5", s: "cherry", meta: { site: "north" } },
  { id: "d", n: null, s: "date" },
  { id: "e", s: "elder" },
  { id: "f", n: 7.5, s: "fig", meta: { site: "north", level: 3 } },
  { id: "g", n: true, s: "Grape" },
  { id: "h", n: { x: 1 }, s: "huckleberry" },
  { id: "i", n: 1, s: "ice", meta: { site: "south", level: 2 } },
  { id: "j", n: false, s: "juniper" },
];

export function queryContract(context: ContractContext): void {
  describe("queries", () => {
    let items: Collection<Item>;
    beforeAll(async () => {
      items = await context.store().collection<Item>(context.freshName("query"), {
        indexes: [{ fields: ["meta.site", "n"] }, { fields: ["s"] }],
      });
      await items.insertMany(ITEMS);
    });
    const ids = async (where: Where, options: Omit<FindOptions, "where"> = {}): Promise<string[]> =>
      (await items.find({ where, ...options })).map((item) => item.id).sort();
    const ordered = async (options: FindOptions): Promise<string[]> =>
      (await items.find(options)).map((item) => item.id);

    it("equality matches only values of the same kind", async () => {
      expect(await ids({ n: 5 })).toEqual(["a"]);
      expect(await ids({ n: { eq: "5" } })).toEqual(["c"]);
      expect(await ids({ n: true })).toEqual(["g"]);
      expect(await ids({ n: 1 })).toEqual(["i"]);
      expect(await ids({ n: false })).toEqual(["j"]);
      expect(await ids({ n: 0 })).toEqual([]);
      expect(await ids({ n: '{"x":1}' })).toEqual([]);
    });

    it("null matches null and missing fields; ne null matches present, non-null ones", async () => {
      expect(await ids({ n: null })).toEqual(["d", "e"]);
      expect(await ids({ n: { ne: null } })).toEqual(["a", "b", "c", "f", "g", "h", "i", "j"]);
    });

    it("ne matches every other document, including those without the field", async () => {
      expect(await ids({ n: { ne: 5 } })).toEqual(["b", "c", "d", "e", "f", "g", "h", "i", "j"]);
      expect(await ids({ n: { ne: true } })).toEqual(["a", "b", "c", "d", "e", "f", "h", "i", "j"]);
    });

    it("range operators compare numbers with numbers and strings with strings only", async () => {
      expect(await ids({ n: { gt: 5 } })).toEqual(["b", "f"]);
      expect(await ids({ n: { gte: 5 } })).toEqual(["a", "b", "f"]);
      expect(await ids({ n: { lt: 7.5 } })).toEqual(["a", "i"]);
      expect(await ids({ n: { lte: 1 } })).toEqual(["i"]);
      expect(await ids({ n: { gt: 5, lt: 10 } })).toEqual(["f"]);
      expect(await ids({ n: { gte: "" } })).toEqual(["c"]);
      expect(await ids({ n: { gt: false } })).toEqual(["g"]);
      expect(await ids({ s: { gte: "b", lt: "d" } })).toEqual(["b", "c"]);
    });

    it("in is a list of equalities; an empty list matches nothing", async () => {
      expect(await ids({ n: { in: [5, "5", null] } })).toEqual(["a", "c", "d", "e"]);
      expect(await ids({ n: { in: [true, 10] } })).toEqual(["b", "g"]);
      expect(await ids({ n: { in: [] } })).toEqual([]);
      expect(await ids({ id: { in: ["a", "c", "zz"] } })).toEqual(["a", "c"]);
    });

    it("exists tells present (even null) from missing fields", async () => {
      expect(await ids({ n: { exists: false } })).toEqual(["e"]);
      expect((await ids({ n: { exists: true } })).length).toBe(9);
      expect(await ids({ "meta.level": { exists: false } })).toEqual(["c", "d", "e", "g", "h", "j"]);
    });

    it("dotted paths reach into nested objects and combine with other conditions", async () => {
      expect(await ids({ "meta.site": "north" })).toEqual(["a", "c", "f"]);
      expect(await ids({ "meta.level": { gte: 2 } })).toEqual(["a", "f", "i"]);
      expect(await ids({ "meta.site": "north", n: { gte: 5 } })).toEqual(["a", "f"]);
      expect(await ids({ "meta.site.deeper": { exists: true } })).toEqual([]);
    });

    it("id and version can be queried like fields", async () => {
      expect(await ids({ id: { gt: "g" } })).toEqual(["h", "i", "j"]);
      expect(await ids({ id: "b", version: 1 })).toEqual(["b"]);
      expect(await ids({ version: { gt: 1 } })).toEqual([]);
    });

    it("sorts null and missing first, then numbers, strings, objects, booleans; ties by id", async () => {
      const ascending = ["d", "e", "i", "a", "f", "b", "c", "h", "j", "g"];
      expect(await ordered({ orderBy: [{ field: "n" }] })).toEqual(ascending);
      expect(await ordered({ orderBy: [{ field: "n", direction: "desc" }] })).toEqual(
        [...ascending].reverse(),
      );
    });

    it("compares strings by code point and sorts by several keys", async () => {
      expect((await ordered({ orderBy: [{ field: "s" }], limit: 2 })).join()).toBe("g,a");
      const bySite = await ordered({
        where: { "meta.site": { exists: true } },
        orderBy: [{ field: "meta.site" }, { field: "meta.level", direction: "desc" }],
      });
      expect(bySite).toEqual(["f", "a", "c", "i", "b"]);
    });

    it("pages with limit and offset without gaps or repeats; default order is by id", async () => {
      expect(await ordered({})).toEqual(ITEMS.map((item) => item.id));
      const pages: string[] = [];
      for (let offset = 0; offset < 12; offset += 3) {
        pages.push(...(await ordered({ orderBy: [{ field: "n" }], limit: 3, offset })));
      }
      expect(pages).toEqual(["d", "e", "i", "a", "f", "b", "c", "h", "j", "g"]);
      expect(await ordered({ limit: 0 })).toEqual([]);
      expect(await ordered({ offset: 50 })).toEqual([]);
      expect(
        await ordered({
          where: { "meta.site": "north" },
          orderBy: [{ field: "n", direction: "desc" }],
          limit: 1,
        }),
      ).toEqual(["c"]);
    });

    it("count agrees with find", async () => {
      expect(await items.count()).toBe(ITEMS.length);
      expect(await items.count({ n: { gte: 5 } })).toBe(3);
      expect(await items.count({ "meta.site": "south", n: { in: [1, 10] } })).toBe(2);
    });

    it("returns documents exactly as stored, nested values included", async () => {
      const [h] = await items.find({ where: { id: "h" } });
      expect(h).toEqual({ id: "h", n: { x: 1 }, s: "huckleberry", version: 1 });
    });

    it("deleteMany removes exactly the matching documents", async () => {
      const scratch = await context.store().collection<Item>(context.freshName("delete-many"));
      await scratch.insertMany(ITEMS);
      expect(await scratch.deleteMany({ "meta.site": "north" })).toBe(3);
      expect(await scratch.deleteMany({ "meta.site": "north" })).toBe(0);
      expect(await scratch.count()).toBe(ITEMS.length - 3);
      expect(await scratch.deleteMany({ n: { exists: false } })).toBe(1);
      expect(await scratch.deleteMany({})).toBe(ITEMS.length - 4);
    });
  });
}
