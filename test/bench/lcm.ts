/**
 * VNFM LCM benchmark on the local-process VIM (real child processes: the test VNFC of
 * test/vnfm-adapter/support/test-vnfc.mjs, a one-VDU IVF stand-in that serves /readyz):
 *  1. time from POST instantiate to COMPLETED with the RESULT notification received (target < 2 s);
 *  2. latency of GET vnf_instances at 200 requests/s (open loop) while POST scale requests run
 *     concurrently against instantiated VNFs (target p99 < 20 ms).
 * Baseline in the same run: GET /healthz of the same server at the same rate (HTTP floor).
 * Run: `npm run bench:lcm` (BENCH_LCM_SECONDS, BENCH_LCM_RATE). Prints a table, then one line of JSON.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, createServer, request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pino } from "pino";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { LocalProcessDriver } from "../../vnfm-adapter/infra-drivers/local-process/local-process-driver.js";
import { createVnfm } from "../../vnfm-adapter/server.js";
import { buildCsar, gatewayVnfd } from "../vnfm-adapter/support/csar-builder.js";

const SECONDS = Number(process.env.BENCH_LCM_SECONDS ?? 5);
const RATE = Number(process.env.BENCH_LCM_RATE ?? 200);
const INSTANCES = 8;
const logger = pino({ level: "warn" });
const scratch = mkdtempSync(join(tmpdir(), "ivf-bench-lcm-"));
const V2 = { "Content-Type": "application/json", Accept: "application/json", Version: "2.0.0" };

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
};

async function listen(server: Server): Promise<string> {
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

const results: {
  vnfLcmOpOccId?: unknown;
  operationState?: unknown;
  notificationStatus?: unknown;
  at: number;
}[] = [];
const sink = createServer((req, res) => {
  const chunks: Buffer[] = [];
  req.on("data", (c: Buffer) => chunks.push(c));
  req.on("end", () => {
    if (req.method === "POST")
      results.push({ ...(JSON.parse(Buffer.concat(chunks).toString()) as object), at: performance.now() });
    res.writeHead(204).end();
  });
});
const sinkUrl = await listen(sink);

const store = await SqliteStore.open({ path: join(scratch, "vnfm.sqlite"), logger });
const driver = new LocalProcessDriver({
  command: [process.execPath, resolve("test/vnfm-adapter/support/test-vnfc.mjs"), "{function}"],
  cwd: process.cwd(),
  dataRoot: join(scratch, "vnfcs"),
  readyTimeoutMs: 20_000,
  baseEnv: { PATH: process.env.PATH, IVF_TEST_DRAIN_MS: "10" },
  logger,
});
// A crashed benchmark must not leave VNFC processes behind.
process.on("exit", () => driver.killAll());
const server = createServer({ keepAliveTimeout: 65_000 });
const apiRoot = await listen(server);
const vnfm = await createVnfm({
  store,
  driver,
  logger,
  apiRoot,
  defaultGraceMs: 1000,
  callbackTest: { v1: false, v2: true, timeoutMs: 2000 },
});
server.on("request", vnfm.app);

/** node:http with a keep-alive pool: far cheaper per request than fetch, so the generator is not the bottleneck. */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });
function call(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = V2,
): Promise<{ status: number; location: string | null; ms: number }> {
  const started = performance.now();
  const payload = body === undefined ? undefined : JSON.stringify(body);
  return new Promise((resolvePromise, reject) => {
    const req = request(
      `${apiRoot}${path}`,
      {
        method,
        headers: { ...headers, ...(payload ? { "Content-Length": String(Buffer.byteLength(payload)) } : {}) },
        agent,
      },
      (res) => {
        res.resume();
        res.on("end", () =>
          resolvePromise({
            status: res.statusCode ?? 0,
            location: (res.headers.location as string | undefined) ?? null,
            ms: performance.now() - started,
          }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

async function waitResult(occId: string): Promise<number> {
  for (;;) {
    const hit = results.find((r) => r.vnfLcmOpOccId === occId && r.notificationStatus === "RESULT");
    if (hit) {
      if (hit.operationState !== "COMPLETED")
        throw new Error(`operation ${occId} ended ${String(hit.operationState)}`);
      return hit.at;
    }
    await new Promise((r) => setTimeout(r, 2));
  }
}

const pkg = await call("POST", "/vnfpkgm/v2/vnf_packages", {}, { ...V2, Version: "2.1.0" });
const pkgId = pkg.location!.split("/").pop()!;
const upload = await fetch(`${apiRoot}/vnfpkgm/v2/vnf_packages/${pkgId}/package_content`, {
  method: "PUT",
  headers: { Version: "2.1.0", "Content-Type": "application/zip" },
  body: await buildCsar(gatewayVnfd()),
});
if (upload.status !== 202) throw new Error(`onboarding failed: ${await upload.text()}`);
await call("POST", "/vnflcm/v2/subscriptions", {
  callbackUri: `${sinkUrl}/lcn`,
  filter: { notificationTypes: ["VnfLcmOperationOccurrenceNotification"] },
});

// 1. instantiate -> COMPLETED + RESULT notification, one VNFC each
const instantiateMs: number[] = [];
const instances: string[] = [];
for (let i = 0; i < INSTANCES; i += 1) {
  const created = await call("POST", "/vnflcm/v2/vnf_instances", { vnfdId: gatewayVnfd().vnfdId });
  const id = created.location!.split("/").pop()!;
  instances.push(id);
  const started = performance.now();
  const accepted = await call("POST", `/vnflcm/v2/vnf_instances/${id}/instantiate`, { flavourId: "default" });
  instantiateMs.push((await waitResult(accepted.location!.split("/").pop()!)) - started);
}

// 2. open-loop load: GETs at RATE/s, POST scale at RATE/10 per second across the instances
async function openLoop(
  rate: number,
  seconds: number,
  fire: (i: number) => Promise<{ status: number; ms: number }>,
) {
  const latencies: number[] = [];
  const statuses = new Map<number, number>();
  const pending: Promise<void>[] = [];
  const start = performance.now();
  for (let i = 0; i < rate * seconds; i += 1) {
    const due = start + (i * 1000) / rate;
    const wait = due - performance.now();
    if (wait > 0) await new Promise((r) => setTimeout(r, wait));
    pending.push(
      fire(i).then(
        (r) => {
          latencies.push(r.ms);
          statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
        },
        () => {
          statuses.set(0, (statuses.get(0) ?? 0) + 1);
        },
      ),
    );
  }
  await Promise.all(pending);
  return { latencies, statuses };
}

// Service time without queueing: one request at a time.
const sequential: number[] = [];
for (let i = 0; i < 200; i += 1) sequential.push((await call("GET", "/vnflcm/v2/vnf_instances")).ms);
const baseline = await openLoop(RATE, SECONDS, () => call("GET", "/healthz"));
const [gets, scales] = await Promise.all([
  openLoop(RATE, SECONDS, () => call("GET", "/vnflcm/v2/vnf_instances")),
  openLoop(RATE / 10, SECONDS, (i) =>
    call("POST", `/vnflcm/v2/vnf_instances/${instances[i % INSTANCES]}/scale`, {
      type: Math.floor(i / INSTANCES) % 2 === 0 ? "SCALE_OUT" : "SCALE_IN",
      aspectId: "gw_aspect",
    }),
  ),
]);

await vnfm.conductor.idle();
const row = (name: string, l: number[]) =>
  `${name.padEnd(34)} ${String(l.length).padStart(6)} ${percentile(l, 50).toFixed(2).padStart(9)} ${percentile(l, 99).toFixed(2).padStart(9)}`;
console.log(
  `LCM benchmark: ${INSTANCES} one-VDU VNFs on the local-process VIM, ${SECONDS}s at ${RATE} GET/s + ${RATE / 10} scale/s`,
);
console.log(`${"measure".padEnd(34)} ${"count".padStart(6)} ${"p50 ms".padStart(9)} ${"p99 ms".padStart(9)}`);
console.log(row("instantiate -> RESULT COMPLETED", instantiateMs));
console.log(row("GET vnf_instances, one at a time", sequential));
console.log(row("baseline GET /healthz", baseline.latencies));
console.log(row("GET /vnflcm/v2/vnf_instances", gets.latencies));
console.log(row("POST scale (202 or 409)", scales.latencies));
console.log(
  `POST scale outcomes: ${[...scales.statuses].map(([s, n]) => `${s}x${n}`).join(", ")}; GET outcomes: ${[...gets.statuses].map(([s, n]) => `${s}x${n}`).join(", ")}`,
);

for (const id of instances) {
  await call("POST", `/vnflcm/v2/vnf_instances/${id}/terminate`, { terminationType: "FORCEFUL" });
}
await vnfm.conductor.idle();
await vnfm.close();
agent.destroy();
await driver.close({ stopVnfcs: true });
server.close();
sink.close();
await store.close();
rmSync(scratch, { recursive: true, force: true });
console.log(
  JSON.stringify({
    bench: "lcm",
    instantiate_to_completed_ms: Math.round(percentile(instantiateMs, 50)),
    instantiate_to_completed_max_ms: Math.round(Math.max(...instantiateMs)),
    get_p50_ms: +percentile(gets.latencies, 50).toFixed(2),
    get_p99_ms: +percentile(gets.latencies, 99).toFixed(2),
    scale_post_p50_ms: +percentile(scales.latencies, 50).toFixed(2),
    scale_post_p99_ms: +percentile(scales.latencies, 99).toFixed(2),
    baseline_healthz_p99_ms: +percentile(baseline.latencies, 99).toFixed(2),
    get_sequential_p50_ms: +percentile(sequential, 50).toFixed(2),
    get_sequential_p99_ms: +percentile(sequential, 99).toFixed(2),
    rate_per_s: RATE,
  }),
);
process.exit(0);
