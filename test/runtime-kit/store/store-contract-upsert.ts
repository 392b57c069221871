import { describe, expect, it } from "vitest";
import {
  StoreInputError,
  UniqueConstraintError,
  type NewerWhen,
  type StoredDocument,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import type { ContractContext } from "./store-contract.js";

/**
 * `upsertIfNewer`, the conditional batch upsert of latest-state documents: whatever the order
 * of arrival, the number of calls and of concurrent writers, every id ends with its newest
 * document, and a document that is not newer changes nothing (not even the version).
 */
interface Latest extends StoredDocument {
  deviceId: string;
  value: unknown;
  timestamp: string;
  measurementId: string;
  quality?: string;
  serial?: string;
  seq?: number;
}

const ORDER: NewerWhen[] = [
  { field: "timestamp", newer: "greater" },
  { field: "measurementId", newer: "smaller" },
];

const at = (minute: number) => `2026-11-27T10:${String(minute).padStart(2, "0")}:00.000Z`;
const latest = (id: string, minute: number, measurementId: string, extra: Partial<Latest> = {}): Latest => ({
  id,
  deviceId: "meter-1",
  value: minute,
  timestamp: at(minute),
  measurementId,
  ...extra,
});

/** Every permutation of a short list. */
function permutations<T>(items: T[]): T[][] {
  if (items.length <= 1) return [items];
  return items.flatMap((item, index) =>
    permutations([...items.slice(0, index), ...items.slice(index + 1)]).map((rest) => [item, ...rest]),
  );
}

export function upsertContract(context: ContractContext): void {
  const open = (label: string, unique = false) =>
    context
      .store()
      .collection<Latest>(
        context.freshName(label),
        unique ? { indexes: [{ fields: ["serial"], unique: true }] } : undefined,
      );

  describe("upsertIfNewer", () => {
    it("inserts new ids and replaces a stored document only with a newer one", async () => {
      const values = await open("upsert-basic");
      expect(await values.upsertIfNewer([latest("a", 5, "m5"), latest("b", 5, "m5")], ORDER)).toEqual({
        written: 2,
        unchanged: 0,
      });
      const outcome = await values.upsertIfNewer(
        [latest("a", 4, "m4"), latest("b", 6, "m6"), latest("a", 5, "m5")],
        ORDER,
      );
      expect(outcome).toEqual({ written: 1, unchanged: 2 });
      expect(await values.get("a")).toEqual({ ...latest("a", 5, "m5"), version: 1 });
      expect(await values.get("b")).toEqual({ ...latest("b", 6, "m6"), version: 2 });
    });

    it("breaks equal timestamps by the smaller measurement id, and replaces the whole document", async () => {
      const values = await open("upsert-tie");
      await values.upsertIfNewer([latest("a", 5, "m-b", { quality: "Bad" })], ORDER);
      expect(await values.upsertIfNewer([latest("a", 5, "m-c")], ORDER)).toEqual({
        written: 0,
        unchanged: 1,
      });
      expect(await values.upsertIfNewer([latest("a", 5, "m-a")], ORDER)).toEqual({
        written: 1,
        unchanged: 0,
      });
      expect(await values.get("a")).toEqual({ ...latest("a", 5, "m-a"), version: 2 });
    });

    it("keeps the newest document per id of one batch, whatever its position", async () => {
      const values = await open("upsert-batch");
      const batch = [latest("a", 3, "m3"), latest("a", 9, "m9"), latest("a", 7, "m7"), latest("a", 9, "m9")];
      expect(await values.upsertIfNewer(batch, ORDER)).toEqual({ written: 1, unchanged: 3 });
      expect(await values.get("a")).toEqual({ ...latest("a", 9, "m9"), version: 1 });
      expect(await values.upsertIfNewer([], ORDER)).toEqual({ written: 0, unchanged: 0 });
    });

    it("converges on the same document for every arrival order and redelivery", async () => {
      const versions = [
        latest("x", 1, "m1"),
        latest("x", 2, "m2b"),
        latest("x", 2, "m2a"),
        latest("x", 3, "m3"),
      ];
      const values = await open("upsert-orders");
      for (const [run, arrival] of permutations(versions).entries()) {
        const id = `x${run}`;
        for (const doc of [...arrival, ...arrival.slice(0, 2)])
          await values.upsertIfNewer([{ ...doc, id }], ORDER);
        expect(await values.get(id)).toMatchObject({ id, timestamp: at(3), measurementId: "m3" });
      }
    });

    it("concurrent calls on the same ids end with the newest document per id", async () => {
      const values = await open("upsert-concurrent");
      const ids = ["p", "q", "r", "s"];
      const calls = Array.from({ length: 12 }, (_, call) =>
        ids.map((id, k) => latest(id, (call * 7 + k * 5) % 13, `m${call}`, { seq: call })),
      );
      await Promise.all(calls.map((batch) => values.upsertIfNewer(batch, ORDER)));
      for (const [k, id] of ids.entries()) {
        const newest = calls
          .map((batch) => batch[k]!)
          .reduce((a, b) =>
            b.timestamp > a.timestamp || (b.timestamp === a.timestamp && b.measurementId < a.measurementId)
              ? b
              : a,
          );
        expect(await values.get(id)).toMatchObject({ timestamp: newest.timestamp, seq: newest.seq });
      }
    });

    it("compares numbers numerically, and a stored value of another kind counts as older", async () => {
      const values = await open("upsert-kinds");
      const order: NewerWhen[] = [{ field: "seq", newer: "greater" }];
      await values.upsertIfNewer([latest("n", 1, "m", { seq: 9 })], order);
      expect((await values.upsertIfNewer([latest("n", 1, "m", { seq: 10 })], order)).written).toBe(1);
      expect((await values.upsertIfNewer([latest("n", 1, "m", { seq: 9.5 })], order)).written).toBe(0);
      await values.insert({ ...latest("old", 1, "m"), timestamp: 17 } as unknown as Latest);
      await values.insert({ id: "bare", deviceId: "meter-1" } as Latest);
      const outcome = await values.upsertIfNewer([latest("old", 0, "m"), latest("bare", 0, "m")], ORDER);
      expect(outcome).toEqual({ written: 2, unchanged: 0 });
      expect(await values.get("old")).toMatchObject({ timestamp: at(0), version: 2 });
    });

    it("stores operator-looking values as plain values", async () => {
      const values = await open("upsert-literal");
      const doc = latest("l", 1, "m1", { value: "$version", quality: "$$ROOT", deviceId: "$_id" });
      await values.upsertIfNewer([doc], ORDER);
      await values.upsertIfNewer([{ ...doc, timestamp: at(2) }], ORDER);
      expect(await values.get("l")).toEqual({ ...doc, timestamp: at(2), version: 2 });
    });

    it("refuses a bad order or a document without a comparable field, writing nothing", async () => {
      const values = await open("upsert-refused");
      const batch = [latest("a", 1, "m1")];
      for (const order of [
        [],
        [{ field: "id", newer: "greater" }],
        [{ field: "version", newer: "greater" }],
        [{ field: "a.$gt", newer: "greater" }],
        [{ field: "timestamp", newer: "later" }],
        [ORDER[0], ORDER[0]],
      ]) {
        await expect(values.upsertIfNewer(batch, order as NewerWhen[])).rejects.toThrow(StoreInputError);
      }
      const missing = { id: "b", deviceId: "meter-1", value: 1, measurementId: "m" } as unknown as Latest;
      const boolean = { ...latest("c", 1, "m"), timestamp: true } as unknown as Latest;
      for (const bad of [missing, boolean]) {
        await expect(values.upsertIfNewer([latest("a", 1, "m1"), bad], ORDER)).rejects.toThrow(
          /must be a string or a finite number/,
        );
      }
      expect(await values.count()).toBe(0);
    });

    it("a replacement that would duplicate a unique value is refused", async () => {
      const values = await open("upsert-unique", true);
      await values.upsertIfNewer(
        [latest("a", 1, "m", { serial: "S-1" }), latest("b", 1, "m", { serial: "S-2" })],
        ORDER,
      );
      await expect(
        values.upsertIfNewer([latest("b", 2, "m", { serial: "S-1" })], ORDER),
      ).rejects.toBeInstanceOf(UniqueConstraintError);
      expect(await values.get("b")).toMatchObject({ serial: "S-2", version: 1 });
    });
  });
}
