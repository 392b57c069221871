import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { OwnershipStore } from "../../../vnfs/opcua-adapter/ownership.js";
import { startPlcSimulator, type PlcSimulator } from "../../../vnfs/simulators/plc/plc-simulator.js";
import {
  collectTelemetry,
  server,
  startAdapter,
  tempDir,
  waitFor,
  writeServersFile,
  type AdapterHandle,
  type Collector,
} from "./opcua-fixtures.js";

/**
 * Heal: an adapter process is killed with SIGKILL (no hand-over). Its leases expire and the
 * surviving instance takes its servers with a higher fencing token and resumes publishing.
 */
describe("ownership after an instance crashes", { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let plc: PlcSimulator;
  let collector: Collector;
  let survivor: AdapterHandle | undefined;
  let victim: ChildProcess | undefined;
  let leases: OwnershipStore;
  let store: SqliteStore;
  const keys = ["acme.alpha", "acme.beta", "acme.gamma", "acme.delta"];

  beforeAll(async () => {
    dir = await tempDir("opcua-heal");
    plc = await startPlcSimulator({
      pkiDir: join(dir.path, "plc-pki"),
      machines: 1,
      variables: 0,
      rateMs: 100,
    });
    const entries = keys.map((key) =>
      server(key.split(".")[1]!, plc.endpointUrl, {
        mappings: [
          { nodeId: plc.nodeId("Machine01", "Counter"), deviceId: key.split(".")[1]!, attribute: "count" },
        ],
      }),
    );
    const dataDir = join(dir.path, "data");
    const serversFile = await writeServersFile(dir.path, entries);
    collector = await collectTelemetry(dataDir);
    const env = {
      ...process.env,
      IVF_DATA_DIR: dataDir,
      IVF_INSTANCE_ID: "victim",
      IVF_LOG_LEVEL: "silent",
      IVF_HTTP_PORT: "0",
      IVF_OPCUA_PKI_DIR: join(dir.path, "pki-victim"),
      IVF_OPCUA_SERVERS_FILE: serversFile,
      IVF_OPCUA_RECONCILE_INTERVAL: "300ms",
      IVF_OPCUA_LEASE_TTL: "3s",
      IVF_OPCUA_CHECKPOINT_INTERVAL: "500ms",
    };
    delete (env as Record<string, string | undefined>).IVF_AMQP_URL;
    delete (env as Record<string, string | undefined>).IVF_MONGODB_URL;
    victim = spawn(process.execPath, ["--import", "tsx", join(process.cwd(), "vnfs/opcua-adapter/main.ts")], {
      env,
      stdio: "ignore",
    });
    store = await SqliteStore.open({
      path: join(dataDir, "iot.sqlite"),
      logger: createLogger({ ivf: "t", instanceId: "t", level: "silent" }),
    });
    leases = await OwnershipStore.open(store, { instanceId: "observer", scope: "*", ttlMs: 3000 });
    await waitFor(
      async () => (await Promise.all(keys.map((key) => leases.get(key)))).every((l) => l?.owner === "victim"),
      60_000,
      "the child to own every server",
    );
    survivor = await startAdapter({
      dataDir,
      instanceId: "survivor",
      pkiDir: join(dir.path, "pki-survivor"),
      serversFile,
    });
  }, 120_000);

  afterAll(async () => {
    victim?.kill("SIGKILL");
    await survivor?.stop();
    await store?.close();
    await collector?.close();
    await plc?.stop();
    await dir?.remove();
  }, 120_000);

  it("moves a killed instance's servers to the survivor with a higher fencing token", async () => {
    await waitFor(
      async () =>
        (await Promise.all(keys.map((key) => leases.get(key)))).filter((l) => l?.owner === "victim").length >
          0 &&
        (await Promise.all(keys.map((key) => leases.get(key)))).every(
          (l) => l?.owner === "victim" || l?.owner === "survivor",
        ),
      30_000,
      "a stable split between the two instances",
    );
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const before = new Map(
      await Promise.all(keys.map(async (key) => [key, (await leases.get(key))!] as const)),
    );
    const orphaned = keys.filter((key) => before.get(key)!.owner === "victim");
    victim!.kill("SIGKILL");
    const killedAt = Date.now();
    await new Promise((resolve) => victim!.once("exit", resolve));
    await waitFor(
      async () =>
        (await Promise.all(keys.map((key) => leases.get(key)))).every((l) => l?.owner === "survivor"),
      30_000,
      "the survivor to own all",
    );
    const tookMs = Date.now() - killedAt;
    for (const key of orphaned)
      expect((await leases.get(key))!.token, key).toBeGreaterThan(before.get(key)!.token);
    expect(tookMs).toBeLessThan(15_000); // lease TTL (3 s) plus reconcile periods, with slack for a loaded CI host
    // Publishing resumes for every orphaned server, from the survivor.
    const resumedAt = Date.now();
    await waitFor(
      () =>
        orphaned.every((key) =>
          collector.primitives.some(
            (p) =>
              p.body.deviceId === key.split(".")[1] &&
              p.headers["opcua-owner"] === "survivor" &&
              Date.parse(p.body.receivedAt) > resumedAt,
          ),
        ),
      20_000,
      "values from the survivor for every orphaned server",
    );
    // Readings published by both (the victim's last, unsaved checkpoint) carry the same ids and values.
    for (const key of orphaned) {
      const byTimestamp = new Map<string, number>();
      for (const p of collector.primitives.filter((x) => x.body.deviceId === key.split(".")[1])) {
        for (const m of p.body.measurements) {
          expect(byTimestamp.get(m.timestamp) ?? m.value).toBe(m.value);
          byTimestamp.set(m.timestamp, m.value as number);
        }
      }
    }
  });
});
