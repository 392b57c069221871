/**
 * Child process used by sqlite-store.test.ts: writes to a store file and reports each commit
 * on stdout, so that the parent can kill it at any moment and check what survived.
 *
 *   node --import tsx sqlite-writer.ts <file> batches <prefix> <count> <batchSize>
 *     insertMany of <count> documents in batches; prints "committed <n>" after each batch,
 *     then "done" and waits to be killed.
 *   node --import tsx sqlite-writer.ts <file> increments <counterId> <times>
 *     increments a shared counter with get + update(expectedVersion), retrying on conflicts;
 *     prints "done <conflicts>" and exits.
 */
import { pino } from "pino";
import { VersionConflictError } from "../../../vnfs/runtime-kit/store/document-store.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";

interface Row {
  id: string;
  writer?: string;
  seq?: number;
  count?: number;
}

const [file, mode, ...args] = process.argv.slice(2);
if (!file || !mode) throw new Error("usage: sqlite-writer.ts <file> batches|increments ...");
const store = await SqliteStore.open({ path: file, logger: pino({ level: "silent" }) });
const rows = await store.collection<Row>("rows", { indexes: [{ fields: ["writer", "seq"] }] });

// With IVF_WAIT_FOR_GO=1 the writer reports "ready" and starts only when a line arrives on
// stdin, so that the parent can make several writers start at the same moment.
if (process.env.IVF_WAIT_FOR_GO === "1") {
  process.stdout.write("ready\n");
  await new Promise((resolve) => process.stdin.once("data", resolve));
  process.stdin.destroy();
}

if (mode === "batches") {
  const [prefix = "w", countText = "0", sizeText = "100"] = args;
  const count = Number(countText);
  const size = Number(sizeText);
  for (let start = 0; start < count; start += size) {
    const batch: Row[] = [];
    for (let seq = start; seq < Math.min(count, start + size); seq += 1)
      batch.push({ id: `${prefix}-${seq}`, writer: prefix, seq });
    await rows.insertMany(batch);
    process.stdout.write(`committed ${start + batch.length}\n`);
  }
  process.stdout.write("done\n");
  setInterval(() => undefined, 60_000);
} else if (mode === "increments") {
  const [counterId = "counter", timesText = "0"] = args;
  let conflicts = 0;
  for (let i = 0; i < Number(timesText); i += 1) {
    for (;;) {
      const current = await rows.get(counterId);
      if (!current) throw new Error(`counter ${counterId} does not exist`);
      try {
        await rows.update(
          counterId,
          { count: (current.count ?? 0) + 1 },
          { expectedVersion: current.version },
        );
        break;
      } catch (error) {
        if (!(error instanceof VersionConflictError)) throw error;
        conflicts += 1;
      }
    }
  }
  await store.close();
  process.stdout.write(`done ${conflicts}\n`);
} else {
  throw new Error(`unknown mode ${mode}`);
}
