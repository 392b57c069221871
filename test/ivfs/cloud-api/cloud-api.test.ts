import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { definition } from "../../../vnfs/cloud-api/definition.js";
import type { cloudApiSettings } from "../../../vnfs/cloud-api/settings.js";
import {
  APPLICATION_KEYS,
  hashKey,
  type ApplicationKeyRecord,
} from "../../../vnfs/cloud-api/auth/application-keys.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import { measurementId } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  latestValueId,
  sortKey,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../../../vnfs/request-processor/storage/measurement-records.js";
import type { components } from "../../../api-specs/types/cloud-api.js";

type Page = components["schemas"]["MeasurementPage"];
type Latest = components["schemas"]["LatestValues"];

const ACME_KEY = "acme-application-key-0123";
const GLOBEX_KEY = "globex-stored-key-0123456";
const FORGED_KEY = "globex-forged-operator-key-01";
let running: RunningIvf<typeof cloudApiSettings>;
let dir: string;
let url: string;

/** 30 readings of power and 30 of voltage for acme/m-1, some sharing a timestamp; one reading for globex/g-1. */
async function seed(): Promise<void> {
  const { store } = running.context;
  await seedRegistry(store, {
    deviceGroups: [
      { id: "meters", tenant: "acme", apiKey: "acme-device-key-0123456789" },
      { id: "meters", tenant: "globex", apiKey: "globex-device-key-0123456789" },
    ],
    devices: [
      { id: "m-1", tenant: "acme", group: "meters" },
      { id: "g-1", tenant: "globex", group: "meters" },
      { id: "shared-name", tenant: "globex", group: "meters" },
    ],
  });
  const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS);
  const latest = await store.collection<LatestValueRecord>(LATEST_VALUES);
  const records: MeasurementRecord[] = [];
  for (let second = 0; second < 30; second += 1) {
    for (const attribute of ["power", "voltage"]) {
      const timestamp = new Date(Date.UTC(2026, 0, 1, 0, 0, second)).toISOString();
      const id = measurementId("acme", "m-1", attribute, timestamp);
      records.push({
        id,
        tenant: "acme",
        deviceId: "m-1",
        attribute,
        value: second,
        timestamp,
        receivedAt: timestamp,
        sortKey: sortKey(timestamp, id),
      });
    }
  }
  const gTime = "2026-01-01T00:00:00.000Z";
  const gId = measurementId("globex", "g-1", "power", gTime);
  records.push({
    id: gId,
    tenant: "globex",
    deviceId: "g-1",
    attribute: "power",
    value: 99,
    timestamp: gTime,
    receivedAt: gTime,
    sortKey: sortKey(gTime, gId),
  });
  await measurements.insertMany(records);
  const last = records.filter((record) => record.tenant === "acme").slice(-2);
  for (const record of last) {
    await latest.replace({
      id: latestValueId("acme", "m-1", record.attribute),
      tenant: "acme",
      deviceId: "m-1",
      attribute: record.attribute,
      value: record.value,
      timestamp: record.timestamp,
      measurementId: record.id,
    });
  }
  const keys = await store.collection<ApplicationKeyRecord>(APPLICATION_KEYS);
  await keys.replace({ id: hashKey(GLOBEX_KEY), tenant: "globex", name: "dashboard" });
  // A role no application may hold, written straight into the store: the key must not work at all.
  await keys.replace({
    id: hashKey(FORGED_KEY),
    tenant: "globex",
    name: "forged",
    role: "operator" as unknown as ApplicationKeyRecord["role"],
  });
}

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-cloud-api-test-"));
  running = await startIvf(definition, {
    IVF_LOG_LEVEL: "silent",
    IVF_DATA_DIR: dir,
    IVF_CLOUD_API_KEYS: `acme:${ACME_KEY}`,
    IVF_API_RESPONSE_VALIDATION: "throw",
  });
  url = running.server.url;
  await seed();
}, 30_000);

afterAll(async () => {
  await running?.stop();
  rmSync(dir, { recursive: true, force: true });
});

function get(path: string, key: string | null = ACME_KEY): Promise<Response> {
  return fetch(`${url}${path}`, { headers: key === null ? {} : { "x-api-key": key } });
}

describe("cloud-api authentication and tenancy", () => {
  it("answers 401 with WWW-Authenticate when the key is missing or wrong, before looking at the request", async () => {
    const missing = await get("/v1/devices/m-1/latest", null);
    expect(missing.status).toBe(401);
    expect(missing.headers.get("www-authenticate")).toBe('Bearer realm="iot-platform", X-API-Key');
    expect((await get("/v1/devices/m-1/measurements?limit=0", "wrong-key-0000000000000")).status).toBe(401);
  });

  it("answers 404 for another tenant's device exactly as for a device that does not exist", async () => {
    const foreign = await get("/v1/devices/g-1/measurements");
    const absent = await get("/v1/devices/nothing/measurements");
    expect(foreign.status).toBe(404);
    expect(absent.status).toBe(404);
    const [a, b] = [(await foreign.json()) as { title: string }, (await absent.json()) as { title: string }];
    expect(a.title).toBe(b.title);
  });

  it("accepts stored application keys and scopes them to their tenant", async () => {
    const response = await get("/v1/devices/g-1/measurements", GLOBEX_KEY);
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    expect(page.items.map((item) => item.value)).toEqual([99]);
    expect((await get("/v1/devices/m-1/latest", GLOBEX_KEY)).status).toBe(404);
  });
});

describe("cloud-api application key roles", () => {
  it("gives configured and stored keys without a role the reader role: reads pass, writes answer 403", async () => {
    expect((await get("/v1/devices")).status).toBe(200);
    const send = await fetch(`${url}/v1/devices/m-1/commands`, {
      method: "POST",
      headers: { "x-api-key": ACME_KEY, "content-type": "application/json" },
      body: JSON.stringify({ command: "reboot" }),
    });
    expect(send.status).toBe(403);
    const subscribe = await fetch(`${url}/v1/subscriptions`, {
      method: "POST",
      headers: { "x-api-key": GLOBEX_KEY, "content-type": "application/json" },
      body: JSON.stringify({ target: { kind: "mqtt" } }),
    });
    expect(subscribe.status).toBe(403);
  });

  it("refuses a stored key that names a role applications cannot hold", async () => {
    expect((await get("/v1/devices", FORGED_KEY)).status).toBe(401);
  });

  it("refuses a malformed Authorization header with 401 instead of falling back to the key", async () => {
    const response = await fetch(`${url}/v1/devices`, {
      headers: { authorization: "Basic YTpi", "x-api-key": ACME_KEY },
    });
    expect(response.status).toBe(401);
  });
});

describe("cloud-api rate limit", () => {
  it("answers 429 with Retry-After once an application exceeds its rate, other applications unaffected", async () => {
    const limitedDir = mkdtempSync(join(tmpdir(), "ivf-cloud-api-rate-"));
    const limited = await startIvf(definition, {
      IVF_LOG_LEVEL: "silent",
      IVF_DATA_DIR: limitedDir,
      IVF_CLOUD_API_KEYS: `acme:${ACME_KEY},globex:${GLOBEX_KEY}`,
      IVF_CLOUD_API_RATE: "1",
      IVF_API_RESPONSE_VALIDATION: "throw",
    });
    try {
      const call = (key: string) =>
        fetch(`${limited.server.url}/v1/groups`, { headers: { "x-api-key": key } });
      const statuses = [];
      for (let attempt = 0; attempt < 4; attempt++) statuses.push((await call(ACME_KEY)).status);
      expect(statuses.slice(0, 2)).toEqual([200, 200]);
      expect(statuses.at(-1)).toBe(429);
      const refused = await call(ACME_KEY);
      expect(refused.headers.get("retry-after")).toMatch(/^[1-9]\d*$/);
      expect((await call(GLOBEX_KEY)).status).toBe(200);
    } finally {
      await limited.stop();
      rmSync(limitedDir, { recursive: true, force: true });
    }
  });
});

describe("cloud-api measurements", () => {
  it("returns the latest value of each attribute, or of the attributes asked for", async () => {
    const all = (await (await get("/v1/devices/m-1/latest")).json()) as Latest;
    expect(all.values.map((value) => [value.attribute, value.value])).toEqual([
      ["power", 29],
      ["voltage", 29],
    ]);
    const one = (await (await get("/v1/devices/m-1/latest?attribute=voltage")).json()) as Latest;
    expect(one.values.map((value) => value.attribute)).toEqual(["voltage"]);
  });

  it("returns a time range oldest first, filtered by attribute, from inclusive and to exclusive", async () => {
    const response = await get(
      "/v1/devices/m-1/measurements?attribute=power&from=2026-01-01T00:00:10Z&to=2026-01-01T00:00:15Z",
    );
    expect(response.status).toBe(200);
    const page = (await response.json()) as Page;
    expect(page.items.map((item) => item.value)).toEqual([10, 11, 12, 13, 14]);
    expect(page.nextCursor).toBeUndefined();
  });

  it("pages through everything with cursors, never repeating or skipping, even across equal timestamps", async () => {
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = (await (
        await get(`/v1/devices/m-1/measurements?limit=7${cursor ? `&cursor=${cursor}` : ""}`)
      ).json()) as Page;
      seen.push(...page.items.map((item) => `${item.attribute}@${item.timestamp}`));
      cursor = page.nextCursor;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(9);
    expect(seen).toHaveLength(60);
    expect(new Set(seen).size).toBe(60);
  });

  it("refuses invalid parameters with every violation located", async () => {
    const response = await get("/v1/devices/m-1/measurements?limit=0&from=yesterday&sort=desc");
    expect(response.status).toBe(400);
    const problem = (await response.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual([
      "/query/from",
      "/query/limit",
      "/query/sort",
    ]);
    const badCursor = await get(
      `/v1/devices/m-1/measurements?cursor=${Buffer.from("whatever").toString("base64url")}`,
    );
    expect(badCursor.status).toBe(400);
    const backwards = await get(
      "/v1/devices/m-1/measurements?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
    );
    expect(backwards.status).toBe(400);
    expect((await get("/v1/devices/bad.id/latest")).status).toBe(400);
  });
});
