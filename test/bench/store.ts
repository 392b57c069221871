/**
 * Embedded store throughput: idempotent insertMany of N measurement-like documents (batches
 * of 500, index on deviceId + ts), a redelivery pass of the same documents (all duplicates),
 * then latest-value and time-range queries served by the index. Baseline, in the same run:
 * raw better-sqlite3 with the same pragmas doing INSERT OR IGNORE of the same JSON into a
 * hand-written table with the equivalent expression index, and the equivalent raw SELECTs.
 * Run: `npm run bench:store` (BENCH_STORE_N to change N). Prints a table, then one line of JSON.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { pino } from "pino";
import type { Collection, StoredDocument } from "../../vnfs/runtime-kit/store/document-store.js";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";

const N = Number(process.env.BENCH_STORE_N ?? 100_000);
const BATCH = 500;
const DEVICES = 200;
const RANGE_MINUTES = 60;
/** Query rounds over all devices, after warm-up rounds that let the JIT compile the query path. */
const WARM_UP_ROUNDS = 5;
const LATEST_ROUNDS = 20;
const RANGE_ROUNDS = 5;
/** Documents inserted one per transaction, where synchronous=FULL pays one fsync each. */
const SINGLES = 2000;
const BASE = Date.parse("2026-01-01T00:00:00Z");
const logger = pino({ level: "warn" });
/** BENCH_STORE_DIR picks the disk to measure (default: the OS temporary directory). */
const scratch = mkdtempSync(join(process.env.BENCH_STORE_DIR ?? tmpdir(), "ivf-bench-store-"));

interface Measurement extends StoredDocument {
  deviceId: string;
  ts: string;
  quantity: string;
  value: number;
  unit: string;
  receivedAt: string;
}

/** The i-th reading: devices take turns, one reading per device per minute. */
function measurement(i: number): Measurement {
  const device = i % DEVICES;
  const minute = Math.floor(i / DEVICES);
  const ts = new Date(BASE + minute * 60_000).toISOString();
  return {
    id: `meter-${device}:${ts}`,
    deviceId: `meter-${device}`,
    ts,
    quantity: "energy.active.import",
    value: Math.round((minute * 0.25 + device) * 1000) / 1000,
    unit: "kWh",
    receivedAt: new Date(BASE + minute * 60_000 + 150).toISOString(),
  };
}

const batches: Measurement[][] = [];
for (let start = 0; start < N; start += BATCH) {
  batches.push(Array.from({ length: Math.min(BATCH, N - start) }, (_, k) => measurement(start + k)));
}
const minutes = Math.ceil(N / DEVICES);
const window = (device: number) => {
  const from = Math.floor((device * 37) % Math.max(1, minutes - RANGE_MINUTES));
  return [
    new Date(BASE + from * 60_000).toISOString(),
    new Date(BASE + (from + RANGE_MINUTES) * 60_000).toISOString(),
  ];
};

async function timed(work: () => Promise<number> | number): Promise<{ seconds: number; count: number }> {
  const started = performance.now();
  const count = await work();
  return { seconds: (performance.now() - started) / 1000, count };
}

async function adapterRun(synchronous: "NORMAL" | "FULL", withQueries: boolean) {
  const store = await SqliteStore.open({
    path: join(scratch, `adapter-${synchronous}.sqlite`),
    logger,
    synchronous,
  });
  const readings: Collection<Measurement> = await store.collection<Measurement>("measurements", {
    indexes: [{ fields: ["deviceId", "ts"] }],
  });
  const insertAll = async () => {
    let inserted = 0;
    for (const batch of batches) inserted += (await readings.insertMany(batch)).inserted;
    return inserted;
  };
  const insert = await timed(insertAll);
  const redeliver = await timed(insertAll);
  const singles = await timed(async () => {
    for (let i = 0; i < SINGLES; i += 1)
      await readings.insert({ ...measurement(i), id: `single-${i}`, deviceId: "meter-singles" });
    return SINGLES;
  });
  if (insert.count !== N || redeliver.count !== 0 || (await readings.count()) !== N + SINGLES) {
    throw new Error(`adapter stored ${insert.count} then ${redeliver.count} more; expected ${N} then 0`);
  }
  let latest, range;
  if (withQueries) {
    const latestOf = async (d: number) => {
      const where = { deviceId: `meter-${d}` };
      const [last] = await readings.find({ where, orderBy: [{ field: "ts", direction: "desc" }], limit: 1 });
      if (!last) throw new Error(`no latest value for meter-${d}`);
    };
    const rangeOf = async (d: number) => {
      const [from, to] = window(d);
      const where = { deviceId: `meter-${d}`, ts: { gte: from, lt: to } };
      return (await readings.find({ where, orderBy: [{ field: "ts" }] })).length;
    };
    for (let r = 0; r < WARM_UP_ROUNDS * DEVICES; r += 1) {
      await latestOf(r % DEVICES);
      await rangeOf(r % DEVICES);
    }
    latest = await timed(async () => {
      for (let r = 0; r < LATEST_ROUNDS; r += 1) for (let d = 0; d < DEVICES; d += 1) await latestOf(d);
      return LATEST_ROUNDS * DEVICES;
    });
    range = await timed(async () => {
      let rows = 0;
      for (let r = 0; r < RANGE_ROUNDS; r += 1) for (let d = 0; d < DEVICES; d += 1) rows += await rangeOf(d);
      return rows;
    });
  }
  await store.close();
  return { insert, redeliver, singles, latest, range };
}

function rawRun() {
  const db = new BetterSqlite3(join(scratch, "raw.sqlite"));
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec("CREATE TABLE m (id TEXT PRIMARY KEY, doc TEXT NOT NULL)");
  db.exec("CREATE INDEX m_device_ts ON m (json_extract(doc, '$.deviceId'), json_extract(doc, '$.ts'))");
  const insert = db.prepare("INSERT OR IGNORE INTO m (id, doc) VALUES (?, ?)");
  const insertBatch = db.transaction((batch: Measurement[]) => {
    let inserted = 0;
    for (const doc of batch) inserted += insert.run(doc.id, JSON.stringify(doc)).changes;
    return inserted;
  });
  const insertAll = () => batches.reduce((sum, batch) => sum + insertBatch(batch), 0);
  const latestQuery = db.prepare(
    "SELECT doc FROM m WHERE json_extract(doc, '$.deviceId') = ? ORDER BY json_extract(doc, '$.ts') DESC LIMIT 1",
  );
  const rangeQuery = db.prepare(
    "SELECT doc FROM m WHERE json_extract(doc, '$.deviceId') = ? AND json_extract(doc, '$.ts') >= ? " +
      "AND json_extract(doc, '$.ts') < ? ORDER BY json_extract(doc, '$.ts')",
  );
  return (async () => {
    const first = await timed(insertAll);
    const again = await timed(insertAll);
    const latestOf = (d: number) =>
      JSON.parse((latestQuery.get(`meter-${d}`) as { doc: string }).doc) as Measurement;
    const rangeOf = (d: number) =>
      (rangeQuery.all(`meter-${d}`, ...window(d)) as { doc: string }[]).map(
        (r) => JSON.parse(r.doc) as Measurement,
      ).length;
    for (let r = 0; r < WARM_UP_ROUNDS * DEVICES; r += 1) {
      latestOf(r % DEVICES);
      rangeOf(r % DEVICES);
    }
    const latest = await timed(() => {
      for (let r = 0; r < LATEST_ROUNDS; r += 1) for (let d = 0; d < DEVICES; d += 1) latestOf(d);
      return LATEST_ROUNDS * DEVICES;
    });
    const range = await timed(() => {
      let rows = 0;
      for (let r = 0; r < RANGE_ROUNDS; r += 1) for (let d = 0; d < DEVICES; d += 1) rows += rangeOf(d);
      return rows;
    });
    db.close();
    return { insert: first, redeliver: again, latest, range };
  })();
}

const LATEST_QUERIES = LATEST_ROUNDS * DEVICES;
const RANGE_QUERIES = RANGE_ROUNDS * DEVICES;
const perSecond = (t: { seconds: number; count: number } | undefined, n: number) =>
  t ? Math.round(n / t.seconds) : 0;

try {
  const raw = await rawRun();
  const adapter = await adapterRun("NORMAL", true);
  const full = await adapterRun("FULL", false);
  const rangeRows = (adapter.range?.count ?? 0) / RANGE_ROUNDS;
  if (rangeRows !== (raw.range.count ?? 0) / RANGE_ROUNDS)
    throw new Error("adapter and raw range queries disagree");
  const rows = [
    ["insertMany (docs/s)", perSecond(adapter.insert, N), perSecond(raw.insert, N)],
    ["redelivery, all duplicates (docs/s)", perSecond(adapter.redeliver, N), perSecond(raw.redeliver, N)],
    ["insertMany, synchronous=FULL (docs/s)", perSecond(full.insert, N), 0],
    ["insert, one document per transaction (docs/s)", perSecond(adapter.singles, SINGLES), 0],
    ["insert, one per transaction, FULL (docs/s)", perSecond(full.singles, SINGLES), 0],
    [
      "latest value of a device (queries/s)",
      perSecond(adapter.latest, LATEST_QUERIES),
      perSecond(raw.latest, LATEST_QUERIES),
    ],
    [
      `${RANGE_MINUTES}-minute range of a device (queries/s)`,
      perSecond(adapter.range, RANGE_QUERIES),
      perSecond(raw.range, RANGE_QUERIES),
    ],
  ] as const;
  console.log(
    `store bench: N=${N}, batches of ${BATCH}, ${DEVICES} devices, index on (deviceId, ts); ${rangeRows} rows per range round`,
  );
  console.log(
    `${"operation".padEnd(44)} ${"adapter".padStart(10)} ${"raw".padStart(10)} ${"ratio".padStart(7)}`,
  );
  for (const [label, ours, baseline] of rows) {
    const ratio = baseline ? (ours / baseline).toFixed(2) : "-";
    console.log(
      `${label.padEnd(44)} ${String(ours).padStart(10)} ${String(baseline || "-").padStart(10)} ${ratio.padStart(7)}`,
    );
  }
  console.log(
    JSON.stringify({
      bench: "store",
      n: N,
      batch: BATCH,
      devices: DEVICES,
      adapter: {
        insertPerSecond: perSecond(adapter.insert, N),
        redeliveryPerSecond: perSecond(adapter.redeliver, N),
        insertFullSyncPerSecond: perSecond(full.insert, N),
        singleInsertPerSecond: perSecond(adapter.singles, SINGLES),
        singleInsertFullSyncPerSecond: perSecond(full.singles, SINGLES),
        latestPerSecond: perSecond(adapter.latest, LATEST_QUERIES),
        rangePerSecond: perSecond(adapter.range, RANGE_QUERIES),
      },
      raw: {
        insertPerSecond: perSecond(raw.insert, N),
        redeliveryPerSecond: perSecond(raw.redeliver, N),
        latestPerSecond: perSecond(raw.latest, LATEST_QUERIES),
        rangePerSecond: perSecond(raw.range, RANGE_QUERIES),
      },
      rangeRows,
    }),
  );
} finally {
  rmSync(scratch, { recursive: true, force: true });
}
