import { randomBytes } from "node:crypto";
import { MongoClient } from "mongodb";
import { pino } from "pino";
import { describe, it } from "vitest";
import { MongoStore } from "../../../vnfs/runtime-kit/store/mongodb/mongo-store.js";
import { storeContract } from "./store-contract.js";

/**
 * The store contract against a real MongoDB. No MongoDB server can be installed on the build
 * machine, so the suite runs only when IVF_MONGODB_URL points at one (also under CI=true, where
 * it is reported as not run rather than failed):
 *   IVF_MONGODB_URL=mongodb://127.0.0.1:27017 npx vitest run test/runtime-kit/store
 * Each run works in a database of its own and drops it at the end.
 */
const url = process.env.IVF_MONGODB_URL;
const logger = pino({ level: "silent" });

if (url) {
  storeContract("mongodb", async () => {
    const database = `ivf_contract_${Date.now().toString(36)}_${randomBytes(3).toString("hex")}`;
    const store = await MongoStore.connect({ url, database, logger });
    return {
      store,
      dispose: async () => {
        await store.close();
        const admin = new MongoClient(url);
        try {
          await admin.db(database).dropDatabase();
        } finally {
          await admin.close();
        }
      },
    };
  });
} else {
  console.warn(
    "NOTICE: MongoDB store contract NOT RUN: IVF_MONGODB_URL is not set (e.g. IVF_MONGODB_URL=mongodb://127.0.0.1:27017)",
  );
  describe.skip("MongoDB contract: NOT RUN — set IVF_MONGODB_URL", () => {
    it("passes the store contract against MongoDB", () => undefined);
  });
}
