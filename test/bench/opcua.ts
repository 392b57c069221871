/**
 * OPC UA benchmark (`npm run bench:opcua`): 10,000 monitored items changing every 100 ms,
 * pushed on change (sampling interval 0) by the PLC simulator running in its own child
 * process. In the same run and the same measurement window: (1) the ceiling, a raw node-opcua
 * client with one subscription and one ClientMonitoredItemGroup counting notifications; (2) the
 * adapter end to end, from the same server into the bus (embedded, durable, queue bound) as
 * request primitives. Both subscribe to the same items at the same time, so both see the same
 * server and the same machine load; the ratio compares like with like. Prints a table and one
 * JSON line.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import {
  AttributeIds,
  ClientMonitoredItemGroup,
  MessageSecurityMode,
  OPCUACertificateManager,
  OPCUAClient,
  SecurityPolicy,
  TimestampsToReturn,
} from "node-opcua";
import { startIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { REQUESTS_EXCHANGE } from "../../vnfs/runtime-kit/primitives/request-primitive.js";
import { adapterRegistry, opcuaAdapterDefinition } from "../../vnfs/opcua-adapter/definition.js";

const VARIABLES = Number(process.env.BENCH_OPCUA_VARIABLES ?? 10_000);
const RATE_MS = Number(process.env.BENCH_OPCUA_RATE_MS ?? 100);
const WARMUP_MS = Number(process.env.BENCH_OPCUA_WARMUP_MS ?? 4_000);
const MEASURE_MS = Number(process.env.BENCH_OPCUA_MEASURE_MS ?? 10_000);
const MACHINES = 10;
const PUBLISHING_INTERVAL_MS = 50;
const repo = join(dirname(fileURLToPath(import.meta.url)), "..", "..");

interface Simulator {
  child: ChildProcess;
  endpointUrl: string;
  sensorIds: string[];
}

async function startSimulator(pkiDir: string): Promise<Simulator> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      join(repo, "vnfs/simulators/plc/plc-process.ts"),
      ...["--variables", String(VARIABLES), "--rate-ms", String(RATE_MS), "--machines", String(MACHINES)],
      ...["--pki-dir", pkiDir, "--stats-ms", String(MEASURE_MS)],
    ],
    { cwd: repo, stdio: ["ignore", "pipe", "inherit"] },
  );
  // The summary is the first JSON line; anything else a library prints is skipped, not parsed.
  const line = await new Promise<string>((resolve, reject) => {
    const lines = createInterface({ input: child.stdout! });
    lines.on("line", (text) => {
      if (text.startsWith("{")) resolve(text);
      else process.stderr.write(`simulator: ${text}\n`);
    });
    child.once("exit", (code) =>
      reject(new Error(`simulator exited with ${code} before it printed its endpoint`)),
    );
  }).catch((error: Error) => {
    child.kill("SIGTERM");
    throw error;
  });
  const summary = JSON.parse(line) as { endpointUrl: string; namespaceIndex: number; machines: string[] };
  const sensorIds = Array.from({ length: VARIABLES }, (_, i) => {
    const machine = summary.machines[i % summary.machines.length]!;
    return `ns=${summary.namespaceIndex};s=Plant.${machine}.Sensors.S${String(i + 1).padStart(5, "0")}`;
  });
  return { child, endpointUrl: summary.endpointUrl, sensorIds };
}

function heapMb(): number {
  (globalThis as { gc?: () => void }).gc?.();
  const usage = process.memoryUsage();
  return (usage.heapUsed + usage.external + usage.arrayBuffers) / 1024 / 1024;
}

/** Rates of several counters over the same window, after a warm-up. */
async function sampleRates(counters: (() => number)[]): Promise<number[]> {
  await new Promise((resolve) => setTimeout(resolve, WARMUP_MS));
  const start = counters.map((count) => count());
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, MEASURE_MS));
  const seconds = (performance.now() - t0) / 1000;
  return counters.map((count, i) => (count() - start[i]!) / seconds);
}

interface RawClient {
  count: () => number;
  memoryPer1000: number;
  close: () => Promise<void>;
}

async function rawClient(sim: Simulator, pkiDir: string): Promise<RawClient> {
  const before = heapMb();
  const manager = new OPCUACertificateManager({
    rootFolder: pkiDir,
    automaticallyAcceptUnknownCertificate: true,
    disableFileWatchers: true,
  });
  const client = OPCUAClient.create({
    endpointMustExist: false,
    securityMode: MessageSecurityMode.None,
    securityPolicy: SecurityPolicy.None,
    clientCertificateManager: manager,
  });
  await client.connect(sim.endpointUrl);
  const session = await client.createSession();
  const subscription = await session.createSubscription2({
    requestedPublishingInterval: PUBLISHING_INTERVAL_MS,
    requestedLifetimeCount: 600,
    requestedMaxKeepAliveCount: 20,
    maxNotificationsPerPublish: 0,
    publishingEnabled: true,
    priority: 0,
  });
  let notifications = 0;
  const group = ClientMonitoredItemGroup.create(
    subscription,
    sim.sensorIds.map((nodeId) => ({ nodeId, attributeId: AttributeIds.Value })),
    { samplingInterval: 0, queueSize: 10, discardOldest: true },
    TimestampsToReturn.Both,
  );
  group.on("changed", () => void notifications++);
  await new Promise<void>((resolve, reject) => {
    group.once("initialized", () => resolve());
    group.once("terminated", reject);
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  return {
    count: () => notifications,
    memoryPer1000: (heapMb() - before) / (VARIABLES / 1000),
    close: async () => {
      await subscription.terminate();
      await session.close();
      await client.disconnect();
    },
  };
}

interface AdapterRun {
  count: () => number;
  memoryPer1000: number;
  queued: () => Promise<number>;
  close: () => Promise<void>;
}

async function adapterEndToEnd(sim: Simulator, dir: string): Promise<AdapterRun> {
  const mappings = sim.sensorIds.map((nodeId, i) => ({
    nodeId,
    deviceId: `machine-${i % MACHINES}`,
    attribute: `s${i}`,
  }));
  const serversFile = join(dir, "servers.json");
  await writeFile(
    serversFile,
    JSON.stringify({
      servers: [
        {
          id: "bench",
          tenant: "bench",
          endpointUrl: sim.endpointUrl,
          securityMode: "None",
          securityPolicy: "None",
          subscription: {
            publishingIntervalMs: PUBLISHING_INTERVAL_MS,
            keepAliveCount: 20,
            lifetimeCount: 600,
            maxNotificationsPerPublish: 0,
          },
          monitoring: { samplingIntervalMs: 0, queueSize: 10 },
          mappings,
        },
      ],
    }),
  );
  const before = heapMb();
  const env = {
    IVF_DATA_DIR: join(dir, "data"),
    IVF_INSTANCE_ID: "bench-adapter",
    IVF_LOG_LEVEL: "warn",
    IVF_OPCUA_PKI_DIR: join(dir, "adapter-pki"),
    IVF_OPCUA_SERVERS_FILE: serversFile,
    IVF_HTTP_PORT: "0",
  };
  const running = await startIvf(opcuaAdapterDefinition, env);
  // A durable queue bound to the telemetry routing keys, as the request processor declares it:
  // without one the bus would drop the messages and the hop would cost nothing.
  const queue = { name: "bench.requests", exchange: REQUESTS_EXCHANGE, bindings: ["telemetry.#"] };
  await running.context.bus.declareQueue(queue);
  const adapter = adapterRegistry.get("bench-adapter")!;
  const published = () =>
    [...adapter.workers().values()].reduce((sum, entry) => sum + entry.worker.published, 0);
  const deadline = Date.now() + 60_000;
  while (published() === 0 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 100));
  await new Promise((resolve) => setTimeout(resolve, 2000));
  return {
    count: published,
    memoryPer1000: (heapMb() - before) / (VARIABLES / 1000),
    queued: async () => {
      const stats = await running.context.bus.queueStats(queue.name);
      return stats.ready + stats.unacked;
    },
    close: () => running.stop("benchmark done"),
  };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), "iotvf-bench-opcua-"));
  const sim = await startSimulator(join(dir, "plc-pki")).catch(async (error: Error) => {
    await rm(dir, { recursive: true, force: true });
    throw error;
  });
  try {
    const adapter = await adapterEndToEnd(sim, dir);
    const raw = await rawClient(sim, join(dir, "raw-pki"));
    const [rawRate, adapterRate] = (await sampleRates([raw.count, adapter.count])) as [number, number];
    const published = adapter.count();
    const queued = await adapter.queued();
    await raw.close();
    await adapter.close();
    const ratio = adapterRate / rawRate;
    const offered = (VARIABLES * 1000) / RATE_MS;
    console.log(
      `\nOPC UA: ${VARIABLES} items, change every ${RATE_MS} ms (offered ${offered.toFixed(0)} changes/s), sampling 0, publishing ${PUBLISHING_INTERVAL_MS} ms`,
    );
    console.log("path                               notifications/s   MB per 1,000 items");
    console.log(
      `raw node-opcua client (ceiling)    ${rawRate.toFixed(0).padStart(15)}   ${raw.memoryPer1000.toFixed(2).padStart(18)}`,
    );
    console.log(
      `adapter -> bus (embedded, durable) ${adapterRate.toFixed(0).padStart(15)}   ${adapter.memoryPer1000.toFixed(2).padStart(18)}`,
    );
    console.log(
      `ratio adapter / raw: ${(ratio * 100).toFixed(1)} % (target >= 80 %); measurements published ${published}, primitives queued ${queued}`,
    );
    console.log(
      JSON.stringify({
        bench: "opcua",
        items: VARIABLES,
        change_interval_ms: RATE_MS,
        offered_changes_per_s: offered,
        raw_notifications_per_s: Math.round(rawRate),
        adapter_notifications_per_s: Math.round(adapterRate),
        ratio_vs_raw: Number(ratio.toFixed(3)),
        memory_mb_per_1000_items: Number(adapter.memoryPer1000.toFixed(3)),
        raw_memory_mb_per_1000_items: Number(raw.memoryPer1000.toFixed(3)),
      }),
    );
  } finally {
    const exited = new Promise((resolve) => sim.child.once("exit", resolve));
    sim.child.kill("SIGTERM");
    await exited;
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
