/** SOL013 clause 5 query machinery on plain objects: filters, selectors, paging markers. */
import { describe, expect, it } from "vitest";
import { matchesAll, parseFilter } from "../../vnfm-adapter/api/sol013-filter.js";
import { decodeMarker, paginate } from "../../vnfm-adapter/api/sol013-paging.js";
import { buildSelector } from "../../vnfm-adapter/api/sol013-selectors.js";

const any = () => true;
const item = { id: "a", name: "o'brien, gw", n: 5, tags: [{ k: "x" }, { k: "y" }], meta: { zone: "north" } };

describe("SOL013 filter expressions", () => {
  it("evaluates every operator, nested paths and arrays (any element matches)", () => {
    const ok = (expr: string) => matchesAll(parseFilter(expr, any), item);
    expect(ok("(eq,id,a)")).toBe(true);
    expect(ok("(neq,id,a)")).toBe(false);
    expect(ok("(gt,n,4);(lt,n,6);(gte,n,5);(lte,n,5)")).toBe(true);
    expect(ok("(gt,n,5)")).toBe(false);
    expect(ok("(in,id,b,a)")).toBe(true);
    expect(ok("(nin,id,a,b)")).toBe(false);
    expect(ok("(cont,name,brien)")).toBe(true);
    expect(ok("(ncont,name,brien)")).toBe(false);
    expect(ok("(eq,meta/zone,north)")).toBe(true);
    expect(ok("(eq,tags/k,y)")).toBe(true);
    expect(ok("(neq,tags/k,y)")).toBe(false);
    expect(ok("(eq,name,'o''brien, gw')")).toBe(true);
  });

  it("refuses malformed expressions with a message saying what is wrong", () => {
    expect(() => parseFilter("(eq,id)", any)).toThrow(/no value/);
    expect(() => parseFilter("eq,id,a", any)).toThrow(/must look like/);
    expect(() => parseFilter("(like,id,a)", any)).toThrow(/operator "like"/);
    expect(() => parseFilter("(eq,id,a,b)", any)).toThrow(/takes one value/);
    expect(() => parseFilter("(eq,nope,a)", (p) => p[0] !== "nope")).toThrow(/not an attribute/);
    expect(() => parseFilter("(eq,id,'a)", any)).toThrow(/unterminated quote/);
  });
});

describe("SOL013 attribute selectors", () => {
  const resource = { id: "a", big: { x: 1 }, other: { y: 2 }, name: "n" };
  it("excludes default-excluded attributes unless fields or all_fields bring them back", () => {
    expect(buildSelector({}, ["big", "other"], ["id"], any)(resource)).toEqual({ id: "a", name: "n" });
    expect(buildSelector({ fields: "big" }, ["big", "other"], ["id"], any)(resource)).toEqual({
      id: "a",
      big: { x: 1 },
      name: "n",
    });
    expect(buildSelector({ all_fields: "" }, ["big"], ["id"], any)(resource)).toEqual(resource);
    expect(buildSelector({ exclude_fields: "name,big/x" }, [], ["id"], any)(resource)).toEqual({
      id: "a",
      big: {},
      other: { y: 2 },
    });
  });
  it("refuses invalid combinations and mandatory exclusions", () => {
    expect(() => buildSelector({ all_fields: "", fields: "big" }, [], [], any)).toThrow(
      /all_fields cannot be combined/,
    );
    expect(() => buildSelector({ fields: "a", exclude_fields: "b" }, [], [], any)).toThrow(
      /cannot be combined/,
    );
    expect(() => buildSelector({ exclude_fields: "id" }, [], ["id"], any)).toThrow(/mandatory/);
  });
});

describe("SOL013 paging", () => {
  it("pages with a next link until the end and binds the marker to its query", () => {
    const all = Array.from({ length: 5 }, (_, i) => i);
    const first = paginate(all, 2, new URL("http://h/x?filter=(eq,a,b)"));
    expect(first.items).toEqual([0, 1]);
    const next = new URL(first.nextLink!.slice(1, first.nextLink!.indexOf(">")));
    expect(paginate(all, 2, next).items).toEqual([2, 3]);
    const marker = next.searchParams.get("nextpage_opaque_marker");
    expect(() => decodeMarker(marker, "filter=other")).toThrow(/different query/);
    expect(() => decodeMarker("@@", "")).toThrow(/not a marker/);
  });
});
