/**
 * The console backend of `ivf up` against real services in-process: the VNFM host `ivf up`
 * runs, a real identity (login), device-manager (devices, commands), cloud-api (latest values,
 * measurements), monitoring agent (vnffm/v1 alarms) and the `faults` collection of the shared
 * store. Checks the session cookie, role checks, and what is refused before any upstream call.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackages } from "../../descriptors/index.js";
import { monitorDefinition } from "../../monitoring/monitor-process.js";
import { onboardPackage } from "../../vnfs/cli/up/onboard.js";
import { VnfmClient } from "../../vnfs/cli/up/vnfm-client.js";
import { startVnfmHost, type VnfmHost } from "../../vnfs/cli/up/vnfm-host.js";
import { definition as cloudApi } from "../../vnfs/cloud-api/definition.js";
import type { FaultRecord } from "../../vnfs/fault-detector/consumer/fault-events.js";
import { scaleEvents } from "../../vnfs/console/routes/lcm-routes.js";
import { storeFaultSource } from "../../vnfs/console/backend/fault-source.js";
import { fixedLocator } from "../../vnfs/console/backend/ivf-endpoints.js";
import { startConsole, type ConsoleServer } from "../../vnfs/console/console-server.js";
import { startIvf, type RunningIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { startPlatform, type PlatformFixture } from "../ivfs/device-manager/device-manager-fixture.js";
import { referenceAvailable } from "../support/reference.js";
import { TEST_OPERATOR } from "../support/identity-fixture.js";

const logger = createLogger({ ivf: "console-test", instanceId: "t", level: "silent" });
const dir = mkdtempSync(join(tmpdir(), "ivf-console-"));
const VNFM_CLIENT = { clientId: "demo-nfvo", clientSecret: "s3cret-for-test" };
const MONITOR_TOKEN = "monitor-api-token-for-test";
let host: VnfmHost;
let platform: PlatformFixture;
let cloud: RunningIvf<typeof cloudApi.settings>;
let monitor: RunningIvf<typeof monitorDefinition.settings>;
let consoleServer: ConsoleServer;
let bare: ConsoleServer;
const secrets: Record<string, string> = {};
let cookie = "";

const call = (path: string, init: RequestInit = {}, session: string | undefined = cookie) =>
  fetch(`${consoleServer.url}${path}`, {
    ...init,
    headers: { ...(session ? { cookie: session } : {}), ...(init.headers as Record<string, string>) },
  });
const postJson = (path: string, body: unknown, session: string | undefined = cookie) =>
  call(
    path,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    session,
  );

/** A client of `tenant` with `roles`, created through identity's API; returns its secret (it logs in as `<tenant>.<id>`). */
async function identityClient(tenant: string, id: string, roles: string[]): Promise<string> {
  const operator = await platform.identity.token(TEST_OPERATOR.id, TEST_OPERATOR.secret);
  const post = (path: string, body: unknown) =>
    fetch(`${platform.identity.url}${path}`, {
      method: "POST",
      headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
      body: JSON.stringify(body),
    });
  await post("/v1/tenants", { id: tenant });
  const created = await post(`/v1/tenants/${tenant}/clients`, { id, roles });
  expect(created.status).toBe(201);
  return ((await created.json()) as { secret: string }).secret;
}

async function login(clientId: string): Promise<string> {
  const response = await postJson("/api/login", { clientId, clientSecret: secrets[clientId] }, undefined);
  expect(response.status).toBe(200);
  return response.headers.get("set-cookie")!.split(";")[0]!;
}

beforeAll(async () => {
  host = await startVnfmHost({
    dataDir: join(dir, "vnfm"),
    port: 0,
    ...VNFM_CLIENT,
    vnfcEnv: {},
    readyTimeoutMs: 5000,
    graceMs: 1000,
    logger,
  });
  platform = await startPlatform();
  const iotDir = platform.manager.context.config.dataDir;
  cloud = await startIvf(cloudApi, {
    IVF_LOG_LEVEL: "silent",
    IVF_DATA_DIR: iotDir,
    IVF_CLOUD_API_KEYS: "acme:acme-application-key",
    IVF_IDENTITY_JWKS_URL: platform.identity.jwksUrl,
  });
  monitor = await startIvf(monitorDefinition, {
    IVF_LOG_LEVEL: "silent",
    IVF_DATA_DIR: join(dir, "monitor"),
    IVF_MONITOR_VNFM_URL: host.url,
    IVF_MONITOR_TOKEN_URL: `${host.url}/oauth2/token`,
    IVF_MONITOR_CLIENT_ID: VNFM_CLIENT.clientId,
    IVF_MONITOR_CLIENT_SECRET: VNFM_CLIENT.clientSecret,
    IVF_MONITOR_API_TOKEN: MONITOR_TOKEN,
  });
  const store = await SqliteStore.open({ path: join(iotDir, "iot.sqlite"), logger });
  const locator = fixedLocator({
    identity: platform.identity.url,
    "device-manager": platform.managerUrl,
    "cloud-api": cloud.server.url,
  });
  consoleServer = await startConsole({
    port: 0,
    vnfmUrl: host.url,
    vnfmCredentials: VNFM_CLIENT,
    locator,
    monitor: { url: monitor.server.url, token: MONITOR_TOKEN },
    applicationKeys: { acme: "acme-application-key" },
    faults: storeFaultSource(store),
    logger,
  });
  bare = await startConsole({ port: 0, vnfmUrl: host.url, vnfmCredentials: VNFM_CLIENT, locator, logger });
  secrets["acme.acme-admin"] = await identityClient("acme", "acme-admin", ["tenant-admin"]);
  secrets["acme.acme-reader"] = await identityClient("acme", "acme-reader", ["reader"]);
  const admin = await platform.identity.token("acme.acme-admin", secrets["acme.acme-admin"]);
  expect((await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "meters" })).status).toBe(
    201,
  );
  for (const deviceId of ["meter-0001", "meter-0002", "pump-7"])
    expect(
      (await platform.api(admin, "POST", "/v1/tenants/acme/devices", { deviceId, groupId: "meters" })).status,
    ).toBe(201);
  await (
    await store.collection<FaultRecord>("faults")
  ).insert({
    id: "fault-1",
    tenant: "acme",
    deviceId: "meter-0001",
    attribute: "voltage",
    kind: "spike",
    severity: "fail",
    qartodFlag: 4,
    transition: "raised",
    timestamp: new Date(Date.now() - 60_000).toISOString(),
    value: 412,
    detail: { sigmas: 14 },
    detectedAt: new Date().toISOString(),
  });
}, 60_000);

afterAll(async () => {
  await consoleServer?.close();
  await bare?.close();
  await monitor?.stop();
  await cloud?.stop();
  await platform?.stop();
  await host?.close(true);
  rmSync(dir, { recursive: true, force: true });
}, 30_000);

describe("console backend: login with the identity IVF", () => {
  it("serves the pages without a session but no API data", async () => {
    expect((await call("/", {}, undefined)).headers.get("content-type")).toContain("text/html");
    expect((await call("/pages/devices.js", {}, undefined)).headers.get("content-type")).toContain(
      "javascript",
    );
    expect((await call("/api/overview", {}, undefined)).status).toBe(401);
  });

  it("refuses credentials identity refuses, and the VNFM client, without a cookie", async () => {
    const wrong = await postJson(
      "/api/login",
      { clientId: "acme.acme-admin", clientSecret: "wrong" },
      undefined,
    );
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const vnfmClient = await postJson(
      "/api/login",
      { clientId: VNFM_CLIENT.clientId, clientSecret: VNFM_CLIENT.clientSecret },
      undefined,
    );
    expect(vnfmClient.status).toBe(401);
    expect((await postJson("/api/login", { clientId: 7 }, undefined)).status).toBe(400);
  });

  it("logs in with a tenant's identity client into an HttpOnly, SameSite=Strict session and never returns a token", async () => {
    const response = await postJson(
      "/api/login",
      { clientId: "acme.acme-admin", clientSecret: secrets["acme.acme-admin"] },
      undefined,
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^ivf_console_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    const text = await response.text();
    expect(text).toBe('{"ok":true}');
    cookie = setCookie.split(";")[0]!;
    expect(await (await call("/api/session")).json()).toEqual({
      clientId: "acme.acme-admin",
      tenant: "acme",
      roles: ["tenant-admin"],
    });
    const overview = await call("/api/overview");
    expect(overview.status).toBe(200);
    expect(await overview.json()).toEqual([]);
  });
});

describe("console backend: lifecycle routes", () => {
  it("passes the VNFM's answer through for an unknown instance", async () => {
    expect((await call("/api/instances/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("refuses form posts, malformed ids and operations other than retry/rollback before calling the VNFM", async () => {
    const form = await call("/api/instances/abc/heal", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    expect(form.status).toBe(415);
    expect((await postJson("/api/instances/a%2F..%2Fb/heal", {})).status).toBe(400);
    expect((await postJson("/api/op-occs/abc/fail", {})).status).toBe(400);
    expect((await postJson("/api/instances/abc/scale", { type: "SCALE_UP", aspectId: "x" })).status).toBe(
      400,
    );
  });

  it("refuses scale and heal to a reader with 403 naming the role", async () => {
    const reader = await login("acme.acme-reader");
    const response = await postJson("/api/instances/abc/scale", { type: "SCALE_OUT", aspectId: "x" }, reader);
    expect(response.status).toBe(403);
    expect(((await response.json()) as { detail: string }).detail).toContain("tenant-admin");
    expect((await call("/api/overview", {}, reader)).status).toBe(200);
  });
});

describe("console backend: scale events for the KPI charts", () => {
  it("keeps the SCALE occurrences of the instance, oldest first, with direction and who started them", () => {
    const occ = (
      id: string,
      instance: string,
      operation: string,
      type: string | undefined,
      startTime: string,
      auto?: boolean,
    ) => ({
      id,
      vnfInstanceId: instance,
      operation,
      operationState: "COMPLETED",
      startTime,
      ...(type ? { operationParams: { type } } : {}),
      ...(auto !== undefined ? { isAutomaticInvocation: auto } : {}),
    });
    const events = scaleEvents(
      [
        occ("3", "a", "SCALE", "SCALE_IN", "2026-01-01T00:03:00Z", true),
        occ("1", "a", "SCALE", "SCALE_OUT", "2026-01-01T00:01:00Z", false),
        occ("2", "a", "HEAL", undefined, "2026-01-01T00:02:00Z"),
        occ("4", "b", "SCALE", "SCALE_OUT", "2026-01-01T00:04:00Z"),
      ],
      "a",
    );
    expect(events).toEqual([
      {
        id: "1",
        at: Date.parse("2026-01-01T00:01:00Z"),
        direction: "out",
        automatic: false,
        state: "COMPLETED",
      },
      {
        id: "3",
        at: Date.parse("2026-01-01T00:03:00Z"),
        direction: "in",
        automatic: true,
        state: "COMPLETED",
      },
    ]);
  });
});

describe("console backend: devices, commands and fault detections of the session's tenant", () => {
  it("searches the tenant's devices through the device-manager", async () => {
    const all = (await (await call("/api/devices")).json()) as {
      total: number;
      items: { deviceId: string }[];
    };
    expect(all.total).toBe(3);
    const meters = (await (await call("/api/devices?q=METER")).json()) as { items: { deviceId: string }[] };
    expect(meters.items.map((device) => device.deviceId)).toEqual(["meter-0001", "meter-0002"]);
    expect((await call("/api/devices?q=%3Cscript%3E")).status).toBe(400);
  });

  it("shows a device with no measurement yet with empty latest values", async () => {
    const response = await call("/api/devices/meter-0001");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      device: { deviceId: "meter-0001", groupId: "meters" },
      latest: [],
      commands: [],
    });
    expect((await call("/api/devices/nope")).status).toBe(404);
  });

  it("sends a command through the device-manager and reads its status", async () => {
    const sent = await postJson("/api/devices/meter-0002/commands", { command: "reboot", value: 1 });
    expect(sent.status).toBe(202);
    const command = (await sent.json()) as { commandId: string; state: string };
    expect(command.state).toBe("pending");
    const read = (await (await call(`/api/devices/meter-0002/commands/${command.commandId}`)).json()) as {
      command: string;
    };
    expect(read.command).toBe("reboot");
    const device = (await (await call("/api/devices/meter-0002")).json()) as {
      commands: { commandId: string }[];
    };
    expect(device.commands.map((entry) => entry.commandId)).toContain(command.commandId);
    expect((await postJson("/api/devices/meter-0002/commands", { command: "a b" })).status).toBe(400);
  });

  it("lets identity's roles decide: a reader cannot send commands", async () => {
    const reader = await login("acme.acme-reader");
    expect((await postJson("/api/devices/meter-0002/commands", { command: "reboot" }, reader)).status).toBe(
      403,
    );
  });

  it("returns the fault detector's findings of the chosen device attribute with its measurements", async () => {
    const response = await call("/api/devices/meter-0001/series?attribute=voltage&minutes=10");
    expect(response.status).toBe(200);
    const series = (await response.json()) as {
      points: unknown[];
      faults: { kind: string; value: number }[];
    };
    expect(series.points).toEqual([]);
    expect(series.faults).toMatchObject([{ kind: "spike", value: 412, severity: "fail" }]);
    const other = (await (await call("/api/devices/meter-0002/series?attribute=voltage")).json()) as {
      faults: unknown[];
    };
    expect(other.faults).toEqual([]);
    expect((await call("/api/devices/meter-0001/series")).status).toBe(400);
  });
});

describe("console backend: alarms of the monitoring agent", () => {
  it("lists vnffm/v1 alarms with the agent's token and answers 404 for acknowledging an unknown alarm", async () => {
    const alarms = await call("/api/alarms");
    expect(alarms.status).toBe(200);
    expect(await alarms.json()).toEqual([]);
    expect((await postJson("/api/alarms/no-such-alarm/ack", {})).status).toBe(404);
  });

  it("says the agent is not running when the console has none", async () => {
    const session = (await (
      await fetch(`${bare.url}/api/login`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ clientId: "acme.acme-admin", clientSecret: secrets["acme.acme-admin"] }),
      })
    ).headers.get("set-cookie"))!.split(";")[0]!;
    const response = await fetch(`${bare.url}/api/alarms`, { headers: { cookie: session } });
    expect(response.status).toBe(503);
    expect(((await response.json()) as { detail: string }).detail).toContain("monitoring agent");
  });
});

describe.skipIf(!referenceAvailable())("console backend: packages", () => {
  it("lists an onboarded package with the validator's findings", async () => {
    const [csar] = await buildPackages({
      ivfs: ["identity"],
      formats: ["csar"],
      outDir: join(dir, "packages"),
      includeNetworkService: false,
    });
    const { pkgId: id } = await onboardPackage(new VnfmClient(host.url, VNFM_CLIENT), csar!);
    const packages = (await (await call("/api/packages")).json()) as {
      id: string;
      onboardingState: string;
    }[];
    expect(packages).toMatchObject([{ id, onboardingState: "ONBOARDED" }]);
    const report = (await (await call(`/api/packages/${id}/findings`)).json()) as {
      valid: boolean;
      findings: { severity: string }[];
    };
    expect(report.valid).toBe(true);
    expect(report.findings.filter((finding) => finding.severity === "error")).toEqual([]);
  }, 60_000);
});
