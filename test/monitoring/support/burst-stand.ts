import {
  DEFAULT_TELEMETRY_PARTITIONS,
  telemetryPartitionQueue,
} from "../../../vnfs/runtime-kit/primitives/telemetry-partitions.js";
/**
 * The burst scenario on the local VIM, for the end-to-end test and `npm run bench:autoscale`:
 * a real VNFM (createVnfm, local OAuth 2.0 issuer, local-process driver) whose VNFCs are real
 * `ivf run request-processor` child processes sharing one embedded bus and store directory (as
 * under `ivf up`), the monitoring agent hosted by the VNFM exactly as `ivf vnfm serve
 * --monitoring` hosts it (monitoringForVnfm, its APIs mounted on the VNFM's apiRoot), a package
 * built from the burst descriptors, and the bus load generator of vnfs/simulators/burst/.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { buildPackages } from "../../../descriptors/index.js";
import { monitoringForVnfm, type VnfmMonitoring } from "../../../monitoring/vnfm-monitoring.js";
import { LocalTokenIssuer, parseClients } from "../../../vnfm-adapter/auth/token-verifier.js";
import { LocalProcessDriver } from "../../../vnfm-adapter/infra-drivers/local-process/local-process-driver.js";
import { createVnfm, type Vnfm } from "../../../vnfm-adapter/server.js";
import { burstLcm, type BurstLcm } from "./burst-lcm.js";
import { createBus } from "../../../vnfs/runtime-kit/bus/create-bus.js";
import type { MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { createStore } from "../../../vnfs/runtime-kit/store/create-store.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { registerBurstDevices, type BurstDevices } from "../../../vnfs/simulators/burst/burst-devices.js";
import {
  defaultBurstTuning,
  writeBurstDescriptors,
  type BurstPolicyTuning,
} from "../../../vnfs/simulators/burst/burst-descriptors.js";
import { fetchToken, VnfmClient } from "../../../vnfs/cli/up/vnfm-client.js";

export const QUEUE = "request-processor.telemetry";

/** The request processors' partition queues (`<QUEUE>.p<k>`, docs/design/telemetry-path.md "Per-device order"). */
export const PARTITION_QUEUES = Array.from({ length: DEFAULT_TELEMETRY_PARTITIONS }, (_, partition) =>
  telemetryPartitionQueue(QUEUE, partition),
);

/** Ready and unacked summed over every partition queue (or their DLQs); the oldest ready age is the maximum. */
export async function telemetryQueueStats(
  bus: MessageBus,
  suffix = "",
): Promise<{ ready: number; unacked: number; oldestReadyAgeSeconds: number }> {
  const all = await Promise.all(PARTITION_QUEUES.map((queue) => bus.queueStats(`${queue}${suffix}`)));
  return {
    ready: all.reduce((sum, stats) => sum + stats.ready, 0),
    unacked: all.reduce((sum, stats) => sum + stats.unacked, 0),
    oldestReadyAgeSeconds: Math.max(0, ...all.map((stats) => stats.oldestReadyAgeSeconds)),
  };
}
const CLIENT = { clientId: "burst-nfvo", clientSecret: "burst-secret-0123456789" };

export const logger = createLogger({
  ivf: "burst-stand",
  instanceId: "test",
  level: (process.env.IVF_TEST_LOG as "info") ?? "silent",
});

export interface StandOptions {
  tuning?: BurstPolicyTuning;
  /** IVF_MONITOR_INTERVAL of the hosted agent (default 1s). */
  monitorInterval?: string;
  readyTimeoutMs?: number;
  /** VNFC entry point: from source through tsx (default) or from dist/ as `npm start` runs it. */
  vnfcEntry?: "source" | "dist";
}

export class BurstStand {
  readonly dir = mkdtempSync(join(tmpdir(), "ivf-burst-"));
  readonly sharedDataDir = join(this.dir, "data");
  readonly tuning: BurstPolicyTuning;
  client!: VnfmClient;
  url = "";
  vnfm!: Vnfm;
  monitoring!: VnfmMonitoring;
  bus!: MessageBus;
  /** The platform's store (iot.sqlite in the shared directory), read to count what was stored. */
  iotStore!: DocumentStore;
  devices!: BurstDevices;
  lcm!: BurstLcm;
  private server!: Server;
  private vnfmStore!: DocumentStore;
  private driver!: LocalProcessDriver;

  constructor(private readonly options: StandOptions = {}) {
    this.tuning = options.tuning ?? defaultBurstTuning;
  }

  async start(): Promise<this> {
    const root = writeBurstDescriptors(join(this.dir, "descriptors"), this.tuning);
    const [csar] = await buildPackages({
      root,
      ivfs: ["request-processor"],
      formats: ["csar"],
      outDir: join(this.dir, "packages"),
    });
    this.server = createServer({ keepAliveTimeout: 65_000 });
    await new Promise<void>((done) => this.server.listen(0, "127.0.0.1", done));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    this.vnfmStore = await SqliteStore.open({ path: join(this.dir, "vnfm.sqlite"), logger });
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const name of ["IVF_AMQP_URL", "IVF_MONGODB_URL", "IVF_MQTT_URL", "IVF_DATA_DIR", "IVF_HTTP_PORT"])
      delete env[name];
    this.driver = new LocalProcessDriver({
      // The entry `ivf up` gives its VNFCs: one shared data directory, so one embedded bus and store.
      command:
        this.options.vnfcEntry === "dist"
          ? [process.execPath, resolve("dist/vnfs/cli/up/vnfc-entry.js"), "run", "{function}"]
          : [process.execPath, "--import", "tsx", resolve("vnfs/cli/up/vnfc-entry.ts"), "run", "{function}"],
      cwd: process.cwd(),
      dataRoot: join(this.dir, "vnfcs"),
      readyTimeoutMs: this.options.readyTimeoutMs ?? 120_000,
      baseEnv: { ...env, IVF_UP_SHARED_DATA_DIR: this.sharedDataDir, IVF_LOG_LEVEL: "warn" },
      logger,
    });
    const issuer = new LocalTokenIssuer(parseClients(`${CLIENT.clientId}:${CLIENT.clientSecret}`), {
      ttlMs: 3_600_000,
      audience: "ivf-vnfm",
      issuer: this.url,
    });
    this.monitoring = await monitoringForVnfm({
      env: {
        IVF_MONITOR_INTERVAL: this.options.monitorInterval ?? "1s",
        IVF_MONITOR_SCRAPE_TIMEOUT: "2s",
        IVF_MONITOR_WINDOW: "5s",
        IVF_MONITOR_HEAL_AFTER: "20",
        IVF_MONITOR_DESCRIPTORS_DIR: root,
      },
      auth: {
        mode: "local",
        verify: (token) => issuer.verify(token),
        issue: (id) => issuer.issue(id),
      },
      vnfmUrl: this.url,
      apiRoot: this.url,
      store: this.vnfmStore,
      logger,
    });
    this.vnfm = await createVnfm({
      store: this.vnfmStore,
      driver: this.driver,
      logger,
      apiRoot: this.url,
      defaultGraceMs: 20_000,
      auth: { verifier: issuer, issuer },
      extraApis: [this.monitoring.router],
    });
    this.server.on("request", this.vnfm.app);
    this.monitoring.start();
    this.client = new VnfmClient(this.url, CLIENT);
    this.lcm = burstLcm(this.client);
    await this.lcm.onboard(csar!);
    this.bus = await createBus({ dataDir: this.sharedDataDir, instanceId: "burst-generator", logger });
    this.iotStore = await createStore({
      dataDir: this.sharedDataDir,
      fileName: "iot.sqlite",
      mongodbDatabase: "iot",
      logger,
    });
    this.devices = await registerBurstDevices(this.iotStore, { tenant: "burst", count: 200 });
    return this;
  }

  /** A bearer token of the VNFM's own issuer (what an NFVO gets from /oauth2/token). */
  token(): Promise<string> {
    return fetchToken(this.url, CLIENT);
  }

  /** Every VNFC this stand's VNFM started is stopped; the temporary directory goes. */
  async close(): Promise<void> {
    await this.monitoring?.close();
    for (const instance of (await this.vnfm?.repos.instances.find({})) ?? [])
      for (const vnfc of instance.vnfcs)
        await this.driver
          .stop({ vnfcId: vnfc.id, resourceId: vnfc.resourceId, metadata: vnfc.metadata }, 5000)
          .catch(() => undefined);
    await this.vnfm?.close();
    await this.driver?.close({ stopVnfcs: true });
    this.server?.closeAllConnections();
    await new Promise<void>((done) => (this.server ? this.server.close(() => done()) : done()));
    await this.bus?.close();
    await this.iotStore?.close();
    await this.vnfmStore?.close();
    rmSync(this.dir, { recursive: true, force: true });
  }
}
