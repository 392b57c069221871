/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked against the OpenAPI documents; tests read them dynamically */
/**
 * Starts a real VNFM for a test: SQLite store in a temporary file, the local-process VIM driver
 * (wrapped for failure injection) running test VNFC processes, a notification sink, and the
 * conformance-checking client. `restart()` replaces the VNFM process state (conductor, driver,
 * store handle) while VNFC processes live on, as after a crash of the VNFM.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import { createVnfm, type Vnfm, type VnfmOptions } from "../../../vnfm-adapter/server.js";
import { LocalProcessDriver } from "../../../vnfm-adapter/infra-drivers/local-process/local-process-driver.js";
import { ApiClient } from "./api-client.js";
import { Conformance } from "./conformance.js";
import { FaultyDriver } from "./faulty-driver.js";
import { NotificationSink } from "./notification-sink.js";
import { buildCsar, gatewayVnfd, type TestVnfd } from "./csar-builder.js";

const conformance = new Conformance();
export const logger = createLogger({
  ivf: "vnfm-test",
  instanceId: "test",
  level: (process.env.IVF_TEST_LOG as "info") ?? "silent",
});

export interface HarnessOptions extends Partial<
  Omit<VnfmOptions, "store" | "driver" | "logger" | "apiRoot">
> {
  drainMs?: number;
  /** VNFC command (default: the test VNFC script); `{function}` is the Vdu.Compute name. */
  vnfcCommand?: string[];
  readyTimeoutMs?: number;
}

export class Harness {
  readonly dir = mkdtempSync(join(tmpdir(), "ivf-vnfm-test-"));
  readonly eventLog = join(this.dir, "vnfc-events.log");
  readonly sink = new NotificationSink(conformance);
  client!: ApiClient;
  vnfm!: Vnfm;
  driver!: FaultyDriver;
  private store!: DocumentStore;
  private server!: Server;
  private port = 0;

  constructor(private readonly options: HarnessOptions = {}) {}

  async start(): Promise<this> {
    await this.sink.start();
    await this.boot();
    return this;
  }

  private async boot(): Promise<void> {
    this.store = await SqliteStore.open({ path: join(this.dir, "vnfm.sqlite"), logger });
    const inner = new LocalProcessDriver({
      command: this.options.vnfcCommand ?? [
        process.execPath,
        resolve("test/vnfm-adapter/support/test-vnfc.mjs"),
        "{function}",
      ],
      cwd: process.cwd(),
      dataRoot: join(this.dir, "vnfcs"),
      readyTimeoutMs: this.options.readyTimeoutMs ?? 10_000,
      baseEnv: {
        PATH: process.env.PATH,
        IVF_TEST_EVENT_LOG: this.eventLog,
        IVF_TEST_DRAIN_MS: String(this.options.drainMs ?? 30),
      },
      logger,
    });
    this.driver = new FaultyDriver(inner);
    const { createServer } = await import("node:http");
    this.server = createServer();
    await new Promise<void>((done) => this.server.listen(this.port, "127.0.0.1", done));
    this.port = (this.server.address() as AddressInfo).port;
    const apiRoot = `http://127.0.0.1:${this.port}`;
    this.vnfm = await createVnfm({
      defaultGraceMs: 2000,
      callbackTest: { v1: false, v2: true, timeoutMs: 2000 },
      delivery: { baseBackoffMs: 50, maxBackoffMs: 200 },
      ...this.options,
      store: this.store,
      driver: this.driver,
      logger,
      apiRoot,
    });
    this.server.on("request", this.vnfm.app);
    const token = this.client?.token;
    this.client = new ApiClient(apiRoot, conformance);
    this.client.token = token;
  }

  /** Stops this VNFM like a crash (nothing more recorded) and boots a new one on the same store and port. */
  async restart(): Promise<void> {
    await this.driver.close();
    await this.vnfm.close();
    await new Promise<void>((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
    await this.store.close();
    await this.boot();
  }

  async onboard(vnfd: TestVnfd = gatewayVnfd()): Promise<string> {
    const created = await this.client.post("/vnfpkgm/v2/vnf_packages", {});
    const uploaded = await this.client.call(
      "PUT",
      `/vnfpkgm/v2/vnf_packages/${created.body.id}/package_content`,
      { rawBody: await buildCsar(vnfd) },
    );
    if (uploaded.status !== 202) throw new Error(`onboarding failed: ${JSON.stringify(uploaded.body)}`);
    return created.body.id as string;
  }

  async subscribe(major: "v1" | "v2" = "v2", filter?: Record<string, unknown>): Promise<string> {
    const response = await this.client.post(`/vnflcm/${major}/subscriptions`, {
      callbackUri: `${this.sink.url}/${major}/lcn`,
      ...(filter ? { filter } : {}),
    });
    if (response.status !== 201)
      throw new Error(`subscription failed: ${response.status} ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }

  async createInstance(vnfdId = gatewayVnfd().vnfdId, major: "v1" | "v2" = "v2"): Promise<string> {
    const response = await this.client.post(`/vnflcm/${major}/vnf_instances`, {
      vnfdId,
      vnfInstanceName: "gw-1",
    });
    if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
    return response.body.id as string;
  }

  /** POSTs a task and returns the op occ id from Location. */
  async task(instanceId: string, task: string, body: unknown, major: "v1" | "v2" = "v2"): Promise<string> {
    const response = await this.client.post(`/vnflcm/${major}/vnf_instances/${instanceId}/${task}`, body);
    if (response.status !== 202)
      throw new Error(`${task} answered ${response.status}: ${JSON.stringify(response.body)}`);
    return response.headers.get("location")!.split("/").pop()!;
  }

  async waitOcc(
    occId: string,
    states: string[],
    major: "v1" | "v2" = "v2",
    timeoutMs = 20_000,
  ): Promise<any> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const response = await this.client.get(`/vnflcm/${major}/vnf_lcm_op_occs/${occId}`);
      if (states.includes(response.body.operationState)) return response.body;
      if (Date.now() > deadline)
        throw new Error(
          `op occ ${occId} is ${response.body.operationState}, expected ${states.join("|")}: ${JSON.stringify(response.body.error)}`,
        );
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  async instance(id: string, major: "v1" | "v2" = "v2"): Promise<any> {
    return (await this.client.get(`/vnflcm/${major}/vnf_instances/${id}`)).body;
  }

  async close(): Promise<void> {
    for (const instance of await this.vnfm.repos.instances.find({})) {
      for (const v of instance.vnfcs)
        await this.driver.stop({ vnfcId: v.id, resourceId: v.resourceId, metadata: v.metadata }, 0);
    }
    await this.vnfm.close();
    await this.driver.close({ stopVnfcs: true });
    await new Promise<void>((done) => {
      this.server.close(() => done());
      this.server.closeAllConnections();
    });
    await this.store.close();
    await this.sink.close();
    if (this.sink.violations.length)
      throw new Error(`notification conformance violations:\n${this.sink.violations.join("\n")}`);
    rmSync(this.dir, { recursive: true, force: true });
  }
}
