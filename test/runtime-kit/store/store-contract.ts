import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  StoreInputError,
  UniqueConstraintError,
  VersionConflictError,
  type DocumentStore,
  type StoredDocument,
} from "../../../vnfs/runtime-kit/store/document-store.js";
import { hostileInputContract } from "./store-contract-hostile.js";
import { queryContract } from "./store-contract-queries.js";
import { upsertContract } from "./store-contract-upsert.js";

/**
 * The store port's contract: every adapter must pass it (STYLE.md §4). Each case works in a
 * collection of its own, so the suite can share one store (and one MongoDB database).
 */
export interface StoreUnderTest {
  store: DocumentStore;
  /** Closes the store and removes what the run created. */
  dispose(): Promise<void>;
}

export interface ContractContext {
  store(): DocumentStore;
  /** A collection name no other case uses. */
  freshName(label: string): string;
}

interface Reading extends StoredDocument {
  deviceId: string;
  value: number;
  unit?: string;
  meta?: { site: string };
  serial?: string;
}

const reading = (id: string, value = 1, extra: Partial<Reading> = {}): Reading => ({
  id,
  deviceId: "meter-1",
  value,
  unit: "kWh",
  ...extra,
});

export function storeContract(name: string, factory: () => Promise<StoreUnderTest>): void {
  describe(`store contract: ${name}`, () => {
    let subject: StoreUnderTest | undefined;
    let counter = 0;
    const context: ContractContext = {
      store: () => {
        if (!subject) throw new Error("store not opened");
        return subject.store;
      },
      freshName: (label) => `c${Date.now().toString(36)}-${(counter += 1)}-${label}`.slice(0, 63),
    };
    beforeAll(async () => {
      subject = await factory();
    });
    afterAll(async () => {
      await subject?.dispose();
    });
    const open = (label: string) => context.store().collection<Reading>(context.freshName(label));

    it("answers ping", async () => {
      expect(await context.store().ping()).toBe(true);
    });

    describe("idempotent writes", () => {
      it("a redelivered insert reports a duplicate and leaves the stored document unchanged", async () => {
        const readings = await open("insert");
        expect(await readings.insert(reading("m1", 10))).toBe("inserted");
        expect(await readings.insert(reading("m1", 99, { unit: "Wh" }))).toBe("duplicate");
        expect(await readings.get("m1")).toEqual({ ...reading("m1", 10), version: 1 });
        expect(await readings.count()).toBe(1);
      });

      it("insertMany counts inserted and duplicate documents, including repeats inside one batch", async () => {
        const readings = await open("insert-many");
        const batch = [reading("a", 1), reading("b", 2), reading("a", 3), reading("c", 4)];
        expect(await readings.insertMany(batch)).toEqual({ inserted: 3, duplicates: 1 });
        const redelivery = [reading("b", 20), reading("c", 40), reading("d", 5)];
        expect(await readings.insertMany(redelivery)).toEqual({ inserted: 1, duplicates: 2 });
        expect(await readings.count()).toBe(4);
        expect((await readings.get("a"))?.value).toBe(1);
        expect((await readings.get("b"))?.value).toBe(2);
        expect(await readings.insertMany([])).toEqual({ inserted: 0, duplicates: 0 });
      });

      it("insertMany with one invalid document writes none of them", async () => {
        const readings = await open("insert-many-invalid");
        const bad = { ...reading("bad"), when: new Date() } as unknown as Reading;
        await expect(readings.insertMany([reading("ok-1"), bad, reading("ok-2")])).rejects.toThrow(
          StoreInputError,
        );
        expect(await readings.count()).toBe(0);
      });

      it("ignores a version given by the caller: the store owns it", async () => {
        const readings = await open("own-version");
        await readings.insert({ ...reading("v"), version: 42 } as Reading);
        expect((await readings.get("v"))?.version).toBe(1);
      });
    });

    describe("versions and optimistic concurrency", () => {
      it("get returns undefined for a missing id and the document with version 1 after insert", async () => {
        const readings = await open("get");
        expect(await readings.get("nope")).toBeUndefined();
        await readings.insert(reading("x", 3, { meta: { site: "north" } }));
        expect(await readings.get("x")).toEqual({
          ...reading("x", 3, { meta: { site: "north" } }),
          version: 1,
        });
      });

      it("replace creates, then replaces the whole document and increments the version", async () => {
        const readings = await open("replace");
        expect((await readings.replace(reading("r", 1))).version).toBe(1);
        const replaced = await readings.replace({ id: "r", deviceId: "meter-2", value: 2 });
        expect(replaced).toEqual({ id: "r", deviceId: "meter-2", value: 2, version: 2 });
        expect(await readings.get("r")).toEqual(replaced);
      });

      it("replace with a stale expected version fails with VersionConflictError and changes nothing", async () => {
        const readings = await open("replace-conflict");
        await readings.insert(reading("r", 1));
        expect((await readings.replace(reading("r", 2), { expectedVersion: 1 })).version).toBe(2);
        const conflict = await readings
          .replace(reading("r", 3), { expectedVersion: 1 })
          .catch((e: unknown) => e);
        expect(conflict).toBeInstanceOf(VersionConflictError);
        expect(conflict).toMatchObject({ expected: 1, actual: 2, id: "r" });
        expect((await readings.get("r"))?.value).toBe(2);
        const missing = await readings
          .replace(reading("ghost"), { expectedVersion: 1 })
          .catch((e: unknown) => e);
        expect(missing).toMatchObject({ name: "VersionConflictError", actual: undefined });
        expect(await readings.get("ghost")).toBeUndefined();
      });

      it("update merges shallowly, removes members set to undefined and increments the version", async () => {
        const readings = await open("update");
        await readings.insert(reading("u", 1, { meta: { site: "north" } }));
        const updated = await readings.update("u", { value: 7, unit: undefined, meta: { site: "south" } });
        expect(updated).toEqual({
          id: "u",
          deviceId: "meter-1",
          value: 7,
          meta: { site: "south" },
          version: 2,
        });
        expect(await readings.get("u")).toEqual(updated);
        expect(await readings.update("missing", { value: 1 })).toBeUndefined();
        expect(await readings.update("missing", { value: 1 }, { expectedVersion: 3 })).toBeUndefined();
      });

      it("update with a stale expected version fails and leaves the document as it was", async () => {
        const readings = await open("update-conflict");
        await readings.insert(reading("u", 1));
        await readings.update("u", { value: 2 }, { expectedVersion: 1 });
        await expect(readings.update("u", { value: 3 }, { expectedVersion: 1 })).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect(await readings.get("u")).toMatchObject({ value: 2, version: 2 });
      });

      it("delete reports whether something went, and honours the expected version", async () => {
        const readings = await open("delete");
        await readings.insertMany([reading("d1"), reading("d2")]);
        await expect(readings.delete("d1", { expectedVersion: 5 })).rejects.toBeInstanceOf(
          VersionConflictError,
        );
        expect(await readings.get("d1")).toBeDefined();
        expect(await readings.delete("d1", { expectedVersion: 1 })).toBe(true);
        expect(await readings.delete("d1")).toBe(false);
        expect(await readings.delete("d1", { expectedVersion: 1 })).toBe(false);
        expect(await readings.delete("d2")).toBe(true);
        expect(await readings.count()).toBe(0);
      });

      it("an expected version must be a positive integer", async () => {
        const readings = await open("bad-version");
        await readings.insert(reading("v"));
        await expect(readings.update("v", { value: 2 }, { expectedVersion: 0 })).rejects.toThrow(
          StoreInputError,
        );
        await expect(readings.delete("v", { expectedVersion: 1.5 })).rejects.toThrow(StoreInputError);
      });
    });

    describe("unique indexes", () => {
      const openUnique = async (label: string) =>
        context
          .store()
          .collection<Reading>(context.freshName(label), { indexes: [{ fields: ["serial"], unique: true }] });

      it("a second document with the same unique value is refused; a redelivery is still a duplicate", async () => {
        const devices = await openUnique("unique");
        await devices.insert(reading("a", 1, { serial: "S-1" }));
        const refused = await devices.insert(reading("b", 1, { serial: "S-1" })).catch((e: unknown) => e);
        expect(refused).toBeInstanceOf(UniqueConstraintError);
        expect(refused).toMatchObject({ fields: ["serial"] });
        expect(await devices.get("b")).toBeUndefined();
        expect(await devices.insert(reading("a", 1, { serial: "S-1" }))).toBe("duplicate");
      });

      it("replace and update that would duplicate a unique value are refused and change nothing", async () => {
        const devices = await openUnique("unique-writes");
        await devices.insertMany([reading("a", 1, { serial: "S-1" }), reading("b", 1, { serial: "S-2" })]);
        await expect(devices.update("b", { serial: "S-1" })).rejects.toBeInstanceOf(UniqueConstraintError);
        await expect(devices.replace(reading("b", 5, { serial: "S-1" }))).rejects.toBeInstanceOf(
          UniqueConstraintError,
        );
        expect(await devices.get("b")).toMatchObject({ serial: "S-2", value: 1, version: 1 });
        expect((await devices.update("b", { serial: "S-3" }))?.version).toBe(2);
      });

      it("insertMany that would duplicate a unique value is refused without storing the offender", async () => {
        const devices = await openUnique("unique-many");
        await devices.insert(reading("a", 1, { serial: "S-1" }));
        const batch = [reading("b", 1, { serial: "S-2" }), reading("c", 1, { serial: "S-1" })];
        await expect(devices.insertMany(batch)).rejects.toBeInstanceOf(UniqueConstraintError);
        expect(await devices.get("c")).toBeUndefined();
      });

      it("documents must carry every unique field; values of different types are different", async () => {
        const devices = await openUnique("unique-types");
        await expect(devices.insert(reading("n"))).rejects.toThrow(/serial.*unique index/);
        await expect(devices.update("n", { serial: undefined })).rejects.toThrow(StoreInputError);
        await devices.insert({ ...reading("five-number"), serial: 5 } as unknown as Reading);
        expect(await devices.insert({ ...reading("five-string"), serial: "5" })).toBe("inserted");
      });

      it("declaring the same indexes again is harmless", async () => {
        const name = context.freshName("redeclare");
        const options = {
          indexes: [{ fields: ["serial"], unique: true }, { fields: ["deviceId", "value"] }],
        };
        const first = await context.store().collection<Reading>(name, options);
        await first.insert(reading("a", 1, { serial: "S-1" }));
        const second = await context.store().collection<Reading>(name, options);
        await expect(second.insert(reading("b", 1, { serial: "S-1" }))).rejects.toBeInstanceOf(
          UniqueConstraintError,
        );
        expect(await second.count()).toBe(1);
      });
    });

    queryContract(context);
    upsertContract(context);
    hostileInputContract(context);
  });
}
