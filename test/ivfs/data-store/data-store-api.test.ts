import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/data-store/definition.js";
import { createStore } from "../../../vnfs/runtime-kit/store/create-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { MeasurementRecord } from "../../../vnfs/request-processor/storage/measurement-records.js";
import { startIdentity, type IdentityFixture } from "../../support/identity-fixture.js";

let dataDir: string;
let identity: IdentityFixture;
let dataStore: RunningIvf<typeof definition.settings>;
let store: DocumentStore;
let readerA: string;
let adminA: string;
let readerB: string;
const start = Date.UTC(2026, 10, 27, 8);

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), "data-store-"));
  identity = await startIdentity(dataDir);
  dataStore = await startIvf(definition, {
    IVF_DATA_DIR: dataDir,
    IVF_LOG_LEVEL: "silent",
    IVF_IDENTITY_JWKS_URL: identity.jwksUrl,
    IVF_API_RESPONSE_VALIDATION: "throw",
    IVF_DATA_STORE_MAX_SCAN: "1000",
  });
  store = await createStore({
    dataDir,
    fileName: "iot.sqlite",
    mongodbDatabase: "iot",
    logger: createLogger({ ivf: "t", instanceId: "t", level: "silent" }),
  });
  const measurements = await store.collection<MeasurementRecord>("measurements");
  const docs: MeasurementRecord[] = [];
  for (let minute = 0; minute < 1200; minute++) {
    const timestamp = new Date(start + minute * 60_000).toISOString();
    const id = `m-${minute}`;
    docs.push({
      id,
      tenant: "tenant-a",
      deviceId: "meter-1",
      attribute: "power_w",
      value: minute % 60,
      timestamp,
      receivedAt: timestamp,
      sortKey: `${timestamp}|${id}`,
    });
  }
  await measurements.insertMany(docs);
  readerA = await identity.clientToken("tenant-a", "reader-a", ["reader"]);
  adminA = await identity.clientToken("tenant-a", "admin-a", ["tenant-admin"]);
  readerB = await identity.clientToken("tenant-b", "reader-b", ["reader"]);
});

afterAll(async () => {
  await store?.close();
  await dataStore?.stop();
  await identity?.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

const get = (path: string, token: string) =>
  fetch(`${dataStore.server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
const aggregatesPath = (tenant: string, from: number, to: number, bucket = "1h") =>
  `/v1/tenants/${tenant}/devices/meter-1/attributes/power_w/aggregates?from=${new Date(from).toISOString()}&to=${new Date(to).toISOString()}&bucket=${bucket}`;

describe("data-store API", () => {
  it("answers hourly aggregates of a device attribute", async () => {
    const response = await get(aggregatesPath("tenant-a", start, start + 3 * 3_600_000), readerA);
    expect(response.status).toBe(200);
    const body = (await response.json()) as {
      buckets: { count: number; min: number; max: number; mean: number }[];
    };
    expect(body.buckets).toHaveLength(3);
    expect(body.buckets[0]).toMatchObject({ count: 60, min: 0, max: 59, mean: 29.5, first: 0, last: 59 });
  });

  it("refuses a range larger than the scan limit with 422 and a way out", async () => {
    const response = await get(aggregatesPath("tenant-a", start, start + 20 * 3_600_000), readerA);
    expect(response.status).toBe(422);
    expect(((await response.json()) as { detail: string }).detail).toMatch(
      /more than 1000 readings; narrow from\/to/,
    );
  });

  it("hides one tenant's data from another tenant's token (404, as if absent)", async () => {
    expect((await get(aggregatesPath("tenant-a", start, start + 3_600_000), readerB)).status).toBe(404);
    expect((await get("/v1/tenants/tenant-a/retention", readerB)).status).toBe(404);
  });

  it("lets a tenant-admin set retention, not a reader", async () => {
    const put = (token: string, days: number) =>
      fetch(`${dataStore.server.url}/v1/tenants/tenant-a/retention`, {
        method: "PUT",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        body: JSON.stringify({ measurementsDays: days }),
      });
    expect((await put(readerA, 10)).status).toBe(403);
    expect((await put(adminA, 10)).status).toBe(200);
    expect(await (await get("/v1/tenants/tenant-a/retention", readerA)).json()).toEqual({
      tenant: "tenant-a",
      measurementsDays: 10,
      source: "tenant",
    });
    expect(await (await get("/v1/tenants/tenant-b/retention", readerB)).json()).toEqual({
      tenant: "tenant-b",
      measurementsDays: 90,
      source: "default",
    });
  });

  it("refuses requests without a valid token", async () => {
    expect((await fetch(`${dataStore.server.url}/v1/tenants/tenant-a/retention`)).status).toBe(401);
    expect((await get("/v1/tenants/tenant-a/retention", "x.y.z")).status).toBe(401);
  });
});
