/**
 * The `ivf up` bring-up, step by step, and its reverse. Everything the platform runs is held
 * here so one `stop()` undoes it in reverse order: simulators, console, monitoring agent, VNF
 * instances (terminated GRACEFUL through the VNFM), VNFM, MQTT broker, state file.
 */
import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { buildPackages, listIvfModels, loadIvfModel } from "../../../descriptors/index.js";
import { monitorDefinition } from "../../../monitoring/monitor-process.js";
import { startIvf } from "../../runtime-kit/ivf-process.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { EmbeddedBroker } from "../../runtime-kit/mqtt/embedded-broker.js";
import { startPlatformBroker, type PlatformBroker } from "./platform-broker.js";
import type { ConsoleServer } from "../../console/console-server.js";
import { vnfmLocator } from "../../console/backend/ivf-endpoints.js";
import { startUpConsole } from "../../console/up-console.js";
import {
  DEMO_TENANT,
  demoCredentials,
  identityBootstrapEnv,
  provisionDemoTenant,
  writeProvisioning,
  type DemoCredentials,
} from "./demo-tenant.js";
import { createAndInstantiate, enableAutomation, terminateAll } from "./instances.js";
import { stopLeftovers } from "./leftovers.js";
import { onboardPackage } from "./onboard.js";
import type { Progress } from "./progress.js";
import { startServiceProxy, type ServiceProxy } from "./service-proxy.js";
import { oneMachineMonitorEnv } from "./monitor-tuning.js";
import { startMeters } from "./simulators.js";
import { pidAlive, readState, removeState, stateFile, writeState } from "./state-file.js";
import { VnfmClient } from "./vnfm-client.js";
import { startVnfmHost, type VnfmHost } from "./vnfm-host.js";

export interface UpOptions {
  home: string;
  vnfmPort: number;
  consolePort: number;
  simulators: boolean;
  meters: number;
  rate: number;
  monitor: boolean;
  graceSeconds: number;
  logger: Logger;
}

export interface InstanceSummary {
  ivf: string;
  vnfInstanceId?: string;
  error?: string;
}

export class Platform {
  credentials!: DemoCredentials;
  mqttUrl = "";
  host: VnfmHost | undefined;
  client: VnfmClient | undefined;
  instances: InstanceSummary[] = [];
  consoleServer: ConsoleServer | undefined;
  monitorUrl: string | undefined;
  private broker: EmbeddedBroker | undefined;
  private gatewayMqttEnv: PlatformBroker["gatewayEnv"] | undefined;
  private proxy: ServiceProxy | undefined;
  private stopMonitor: (() => Promise<void>) | undefined;
  private stopMeters: (() => Promise<void>) | undefined;
  private interrupted = false;

  constructor(
    readonly options: UpOptions,
    private readonly progress: Progress,
  ) {}

  /** Makes start() end at its next step (Ctrl-C during the bring-up). */
  interrupt(): void {
    this.interrupted = true;
  }

  private checkpoint(): void {
    if (this.interrupted) throw new Error("interrupted");
  }

  async start(): Promise<void> {
    const { home } = this.options;
    const previous = readState(home);
    if (previous && previous.pid !== process.pid && pidAlive(previous.pid))
      throw new Error(
        `the platform already runs (pid ${previous.pid}, ${previous.vnfmUrl}); stop it with \`ivf down\``,
      );
    mkdirSync(join(home, "data"), { recursive: true });
    this.credentials = demoCredentials(home);
    const csars = await this.progress.step("Build IVF packages from descriptors/", async (note) => {
      const outDir = join(home, "packages");
      rmSync(outDir, { recursive: true, force: true });
      let notice = "";
      const built = await buildPackages({
        formats: ["csar"],
        outDir,
        includeNetworkService: false,
        // A clone without ETSI's SOL001 type files still comes up: the CSARs import them by URL.
        missingTypes: "reference",
        onNotice: (text) => (notice = text),
      });
      if (notice) this.progress.line(`    notice: ${notice}`);
      note(`${built.length} CSARs in ${outDir}${notice ? " (SOL001 types imported by URL)" : ""}`);
      return built;
    });
    this.checkpoint();
    await this.progress.step("Start embedded MQTT broker", async (note) => {
      const started = await startPlatformBroker(this.options.logger);
      this.broker = started.broker;
      this.gatewayMqttEnv = started.gatewayEnv;
      this.mqttUrl = this.broker.url;
      note(this.mqttUrl);
    });
    this.checkpoint();
    await this.startVnfm(previous !== undefined);
    this.checkpoint();
    await this.onboardAndInstantiate(csars);
    this.checkpoint();
    await this.provisionConsoleLogin();
    this.checkpoint();
    if (this.options.monitor) await this.startMonitor();
    this.checkpoint();
    await this.progress.step("Start web console", async (note) => {
      this.consoleServer = await startUpConsole({
        port: this.options.consolePort,
        vnfmUrl: this.host!.url,
        credentials: this.credentials,
        ...(this.monitorUrl ? { monitorUrl: this.monitorUrl } : {}),
        dataDir: join(home, "data"),
        logger: this.options.logger,
      });
      note(this.consoleServer.url);
    });
    writeState(home, {
      pid: process.pid,
      startedAt: new Date().toISOString(),
      vnfmUrl: this.host!.url,
      consoleUrl: this.consoleServer!.url,
      clientId: this.credentials.vnfmClientId,
      clientSecret: this.credentials.vnfmClientSecret,
    });
    this.checkpoint();
    if (this.options.simulators)
      await this.progress.step("Start smart-meter simulator", async (note) => {
        this.stopMeters = await startMeters(
          this.mqttUrl,
          this.credentials,
          this.options.meters,
          this.options.rate,
        );
        note(`${this.options.meters} meters, ${this.options.rate} msg/s over MQTT`);
      });
  }

  private async startVnfm(afterCrash: boolean): Promise<void> {
    const { home, logger } = this.options;
    const provisioning = writeProvisioning(home, this.credentials);
    const vnfcEnv: NodeJS.ProcessEnv = {
      ...process.env,
      IVF_UP_SHARED_DATA_DIR: join(home, "data"),
      IVF_MQTT_URL: this.mqttUrl,
      // aedes has no shared subscriptions: each gateway subscribes directly.
      IVF_MQTT_SHARED_SUBSCRIPTION: "false",
      ...this.gatewayMqttEnv,
      IVF_PROVISIONING_FILE: provisioning,
      IVF_CLOUD_API_KEYS: `${DEMO_TENANT}:${this.credentials.applicationKey}`,
      IVF_LOG_LEVEL: process.env.IVF_LOG_LEVEL ?? "warn",
      ...identityBootstrapEnv(this.credentials),
    };
    this.host = await this.progress.step("Start VNFM adapter (embedded store, local VIM)", async (note) => {
      const host = await startVnfmHost({
        dataDir: join(home, "vnfm"),
        port: this.options.vnfmPort,
        clientId: this.credentials.vnfmClientId,
        clientSecret: this.credentials.vnfmClientSecret,
        readyTimeoutMs: 60_000,
        graceMs: this.options.graceSeconds * 1000,
        logger,
        vnfcEnv,
      });
      note(host.url);
      return host;
    });
    this.client = new VnfmClient(this.host.url, {
      clientId: this.credentials.vnfmClientId,
      clientSecret: this.credentials.vnfmClientSecret,
    });
    // Set before any VNFC starts: the driver copies this environment at every VNFC start.
    this.proxy = await startServiceProxy(this.client);
    vnfcEnv.IVF_IDENTITY_JWKS_URL = `${this.proxy.url}/identity/.well-known/jwks.json`;
    await this.progress.step(
      afterCrash
        ? `Clean up what the previous run left (${stateFile(home)})`
        : "Check for leftover VNF instances",
      async (note) => {
        const count = await terminateAll(this.client!, this.options.graceSeconds, note);
        await deletePackages(this.client!);
        const stray = await stopLeftovers(join(home, "data"), this.options.graceSeconds * 1000);
        note(
          `${count} leftover instance(s) terminated${stray ? `, ${stray} stray VNFC process(es) stopped` : ""}`,
        );
      },
    );
  }

  private async onboardAndInstantiate(csars: string[]): Promise<void> {
    const client = this.client!;
    const vnfds = await this.progress.step("Onboard packages through vnfpkgm/v2", async (note) => {
      const result = new Map<string, string>();
      for (const csar of csars) {
        const ivf = csar.replace(/^.*[\\/]/, "").replace(/\.csar$/, "");
        result.set(ivf, (await onboardPackage(client, csar)).vnfdId);
        note(`${result.size}/${csars.length} ONBOARDED`);
      }
      return result;
    });
    // identity first: the others verify tokens against its JWKS (IVF_IDENTITY_JWKS_URL).
    this.checkpoint();
    const names = listIvfModels()
      .filter((name) => vnfds.has(name))
      .sort((a, b) => Number(b === "identity") - Number(a === "identity"));
    await this.progress.step("Instantiate every IVF through vnflcm/v2", async (note) => {
      let done = 0;
      const instantiate = async (ivf: string): Promise<InstanceSummary> => {
        const flavour = loadIvfModel(ivf).model.flavours[0]!;
        try {
          const id = await createAndInstantiate(client, {
            vnfdId: vnfds.get(ivf)!,
            name: ivf,
            flavourId: flavour.id,
          });
          await enableAutomation(client, id);
          note(`${++done}/${names.length} INSTANTIATED (${ivf})`);
          return { ivf, vnfInstanceId: id };
        } catch (error) {
          note(`${ivf} failed: ${(error as Error).message}`);
          return { ivf, error: (error as Error).message };
        }
      };
      const first = names[0] === "identity" ? [await instantiate("identity")] : [];
      const rest = await Promise.all(names.slice(first.length).map(instantiate));
      this.instances = [...first, ...rest];
      const failed = this.instances.filter((entry) => entry.error);
      if (failed.length === this.instances.length) throw new Error("no IVF could be instantiated");
    });
  }

  /** The demo tenant and its console client in the identity IVF; without them only the login fails. */
  private async provisionConsoleLogin(): Promise<void> {
    await this.progress
      .step("Create the demo tenant and console client in identity", async (note) => {
        await provisionDemoTenant(vnfmLocator(this.client!), this.options.home, this.credentials);
        note(`tenant ${DEMO_TENANT}, client ${this.credentials.consoleClientId}`);
      })
      .catch(() => (this.credentials.consoleClientSecret = ""));
  }

  private async startMonitor(): Promise<void> {
    await this.progress.step("Start monitoring agent (auto-scale, auto-heal)", async (note) => {
      const running = await startIvf(monitorDefinition, {
        ...process.env,
        ...oneMachineMonitorEnv(process.env),
        IVF_INSTANCE_ID: `monitor-${process.pid}`,
        IVF_HTTP_HOST: "127.0.0.1",
        IVF_HTTP_PORT: "0",
        IVF_DATA_DIR: join(this.options.home, "monitor"),
        IVF_LOG_LEVEL: process.env.IVF_LOG_LEVEL ?? "warn",
        IVF_MONITOR_VNFM_URL: this.host!.url,
        IVF_MONITOR_TOKEN_URL: `${this.host!.url}/oauth2/token`,
        IVF_MONITOR_CLIENT_ID: this.credentials.vnfmClientId,
        IVF_MONITOR_CLIENT_SECRET: this.credentials.vnfmClientSecret,
        // Its SOL003 PM/FM APIs are for the operator, not for anyone on this machine.
        IVF_MONITOR_API_TOKEN: this.credentials.vnfmClientSecret,
      });
      this.monitorUrl = running.server.url;
      this.stopMonitor = () => running.stop("ivf up stopping");
      note(this.monitorUrl);
    });
  }

  /** Reverse of start; each part is stopped even if an earlier one fails. */
  async stop(): Promise<void> {
    const attempt = async (title: string, work: () => Promise<unknown>): Promise<void> => {
      await this.progress.step(title, async () => void (await work())).catch(() => undefined);
    };
    if (this.stopMeters) await attempt("Stop simulators", this.stopMeters);
    if (this.consoleServer) await attempt("Stop web console", () => this.consoleServer!.close());
    if (this.stopMonitor) await attempt("Stop monitoring agent", this.stopMonitor);
    if (this.client)
      await attempt("Terminate VNF instances through the VNFM (GRACEFUL)", () =>
        terminateAll(this.client!, this.options.graceSeconds, () => undefined),
      );
    if (this.proxy) await attempt("Stop service proxy", () => this.proxy!.close());
    if (this.host) {
      await attempt("Stop VNFM adapter", () => this.host!.close(true));
      await stopLeftovers(join(this.options.home, "data"), this.options.graceSeconds * 1000);
    }
    if (this.broker) await attempt("Stop MQTT broker", () => this.broker!.close());
    // Only our own state file: a refused second `ivf up` must not orphan the running one's.
    if (readState(this.options.home)?.pid === process.pid) removeState(this.options.home);
  }
}

async function deletePackages(client: VnfmClient): Promise<void> {
  const { body } = await client.request<{ id: string; operationalState: string }[]>(
    "pkgm",
    "GET",
    "/vnfpkgm/v2/vnf_packages",
  );
  for (const pkg of body) {
    if (pkg.operationalState === "ENABLED")
      await client.request("pkgm", "PATCH", `/vnfpkgm/v2/vnf_packages/${pkg.id}`, {
        json: { operationalState: "DISABLED" },
        contentType: "application/merge-patch+json",
      });
    await client.request("pkgm", "DELETE", `/vnfpkgm/v2/vnf_packages/${pkg.id}`, { expect: [204] });
  }
}
