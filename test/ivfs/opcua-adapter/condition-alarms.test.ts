import { execFile } from "node:child_process";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import express from "express";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { MonitoringAgent } from "../../../monitoring/agent.js";
import { staticToken } from "../../../monitoring/autoscaling/access-token.js";
import { Sol003Scaler } from "../../../monitoring/autoscaling/sol003-scaler.js";
import { Sol003InstanceSource } from "../../../monitoring/discovery/sol003-instance-source.js";
import { staticProfileSource } from "../../../monitoring/discovery/monitoring-profile.js";
import { parseExposition } from "../../../monitoring/scrape/exposition-parser.js";
import { createMonitoringApis, type MonitoringApis } from "../../../monitoring/sol003/monitoring-apis.js";
import { listen, type StartedServer } from "../../../vnfs/runtime-kit/http/http-server.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { describeCertificate } from "../../../vnfs/opcua-adapter/pki.js";
import { startPlcSimulator, type PlcSimulator } from "../../../vnfs/simulators/plc/plc-simulator.js";
import { VnfmStandIn } from "../../monitoring/support/vnfm-stand-in.js";
import { server, startAdapter, tempDir, writeServersFile, type AdapterHandle } from "./opcua-fixtures.js";

/**
 * End to end: a real PLC simulator, the adapter (SignAndEncrypt, server certificate not trusted),
 * the monitoring agent scraping the adapter's VNFC as the VNFM lists it, and the SOL003 vnffm/v1
 * alarm list. The operator runs the command the alarm names, the adapter connects, the alarm clears.
 */

const VNF_ID = "vnf-opcua-1";
const repo = join(import.meta.dirname, "..", "..", "..");

interface ApiAlarm {
  id: string;
  managedObjectId: string;
  vnfcInstanceIds?: string[];
  perceivedSeverity: string;
  eventType: string;
  faultType?: string;
  probableCause: string;
  faultDetails?: string[];
  alarmClearedTime?: string;
}

describe("OPC UA conditions raised as SOL003 alarms", { timeout: 120_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let plc: PlcSimulator;
  let adapter: AdapterHandle;
  let vnfm: VnfmStandIn;
  let store: SqliteStore;
  let agent: MonitoringAgent;
  let apis: MonitoringApis;
  let fm: StartedServer;
  let pkiDir: string;
  let thumbprint: string;

  beforeAll(async () => {
    dir = await tempDir("opcua-alarms");
    plc = await startPlcSimulator({ pkiDir: join(dir.path, "plc-pki"), machines: 1, variables: 0 });
    thumbprint = describeCertificate(await readFile(plc.serverCertificateFile)).thumbprint;
    pkiDir = join(dir.path, "adapter-pki");
    const entry = server("line1", plc.endpointUrl, {
      securityMode: "SignAndEncrypt",
      securityPolicy: "Basic256Sha256",
      mappings: [{ nodeId: plc.nodeId("Machine01", "Counter"), deviceId: "press-1", attribute: "count" }],
    });
    adapter = await startAdapter({
      dataDir: join(dir.path, "data"),
      instanceId: "adapter-alarms",
      pkiDir,
      serversFile: await writeServersFile(dir.path, [entry]),
    });
    vnfm = await new VnfmStandIn(VNF_ID, "vnfd-opcua-adapter", "adapter-aspect").start();
    vnfm.autoheal = false;
    vnfm.vnfcs = [{ id: "vnfc-0", vduId: "opcua-adapter", port: adapter.running.server.port }];
    const logger = pino({ level: "silent" });
    store = await SqliteStore.open({ path: join(dir.path, "monitor.sqlite"), logger });
    const tokens = staticToken("agent-token");
    agent = await MonitoringAgent.create({
      source: new Sol003InstanceSource({ vnfmUrl: vnfm.url, tokens }),
      profiles: staticProfileSource([]),
      scaler: new Sol003Scaler({ vnfmUrl: vnfm.url, tokens }),
      store,
      logger,
      metrics: new Registry(),
      intervalMs: 300,
      scrapeTimeoutMs: 2000,
      windowMs: 3000,
      healAfterFailures: 3,
      backlogAgeLimitSeconds: 60,
    });
    const app = express();
    const router = express.Router();
    app.use((req, res, next) => router(req, res, next));
    fm = await listen(app, "127.0.0.1", 0);
    apis = await createMonitoringApis({
      store,
      hub: agent.hub,
      alarms: agent.alarms,
      logger,
      apiRoot: fm.url,
    });
    router.use(apis);
    agent.start();
  }, 120_000);

  afterAll(async () => {
    await agent?.stop();
    apis?.close();
    await fm?.close();
    await vnfm?.close();
    await adapter?.stop();
    await store?.close();
    await plc?.stop();
    await dir?.remove();
  }, 120_000);

  async function alarmList(): Promise<ApiAlarm[]> {
    const response = await fetch(`${fm.url}/vnffm/v1/alarms`, {
      headers: { version: "1.3.0", accept: "application/json" },
    });
    expect(response.status).toBe(200);
    return (await response.json()) as ApiAlarm[];
  }

  async function untrustedAlarm(): Promise<ApiAlarm | undefined> {
    return (await alarmList()).find((alarm) => alarm.faultType === "OPCUA_CERTIFICATE_UNTRUSTED");
  }

  async function poll<T>(read: () => Promise<T>, done: (value: T) => boolean, what: string): Promise<T> {
    const deadline = Date.now() + 60_000;
    for (;;) {
      const value = await read();
      if (done(value)) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }

  it("raises an alarm that names the server, the certificate and the command that trusts it", async () => {
    const alarm = await poll(
      untrustedAlarm,
      (found) => found !== undefined,
      "the untrusted-certificate alarm",
    );
    expect(alarm).toMatchObject({
      managedObjectId: VNF_ID,
      vnfcInstanceIds: ["vnfc-0"],
      perceivedSeverity: "MAJOR",
      eventType: "COMMUNICATIONS_ALARM",
    });
    expect(alarm!.alarmClearedTime).toBeUndefined();
    expect(alarm!.probableCause).toContain(`OPC UA server acme.line1 (${plc.endpointUrl})`);
    expect(alarm!.probableCause).toContain(`thumbprint ${thumbprint}`);
    expect(alarm!.probableCause).toContain(`ivf opcua pki trust ${thumbprint} --pki-dir ${pkiDir}`);
    expect(alarm!.faultDetails).toContain(`thumbprint: ${thumbprint}`);

    // The adapter's KPIs carry the condition with bounded labels (server, endpoint, condition).
    const metrics = parseExposition(await (await fetch(`${adapter.running.server.url}/metrics`)).text());
    const condition = metrics
      .get("iotvf_opcua_server_condition")!
      .samples.find((sample) => sample.labels.condition === "certificate_untrusted")!;
    expect(condition.labels).toMatchObject({ server: "acme.line1", endpoint: plc.endpointUrl });
    expect(condition.value).toBe(1);

    // One alarm however many cycles see the fault.
    await new Promise((resolve) => setTimeout(resolve, 1000));
    const again = (await alarmList()).filter((entry) => entry.faultType === "OPCUA_CERTIFICATE_UNTRUSTED");
    expect(again.map((entry) => entry.id)).toEqual([alarm!.id]);
  });

  it("clears the alarm once the operator runs the command it names", async () => {
    const alarm = (await untrustedAlarm())!;
    const command = /ivf (opcua pki trust \S+ --pki-dir \S+)/.exec(alarm.probableCause)![1]!.split(" ");
    const cli = await promisify(execFile)(
      process.execPath,
      ["--import", "tsx", join(repo, "vnfs/cli/main.ts"), ...command],
      { cwd: repo, env: { ...process.env, IVF_LOG_LEVEL: "silent" } },
    );
    expect(cli.stdout).toContain(`trusted ${thumbprint}`);

    const cleared = await poll(
      async () => (await alarmList()).find((entry) => entry.id === alarm.id),
      (found) => found?.perceivedSeverity === "CLEARED",
      "the alarm to clear",
    );
    expect(cleared!.alarmClearedTime).toBeDefined();
    const metrics = parseExposition(await (await fetch(`${adapter.running.server.url}/metrics`)).text());
    expect(metrics.get("iotvf_opcua_untrusted_certificate_info")?.samples ?? []).toEqual([]);
    expect(
      metrics
        .get("iotvf_opcua_server_condition")!
        .samples.find((sample) => sample.labels.condition === "certificate_untrusted")!.value,
    ).toBe(0);
  });
});
