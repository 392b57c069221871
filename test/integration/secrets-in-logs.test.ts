import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import mqtt from "mqtt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithServices, serviceAddresses } from "../support/services.js";

/**
 * Secrets come from configuration and are never logged (issue "Security"). IVFs run as real
 * processes at debug level with secrets in their environment: identity's bootstrap client secret,
 * cloud-api's application keys, the field gateway's device API key (in its provisioning file)
 * and MQTT broker password, the OPC UA adapter's server passwords (in its servers file and in an
 * environment variable it names), and a MongoDB URL with a password. The test drives the success and
 * the failure path of every credential (right and wrong secrets, valid and tampered tokens, a
 * device key in an MQTT topic, a store that cannot be reached) and then searches every line the
 * processes wrote, stdout and stderr, for each secret, including the wrong ones a user might
 * have mistyped from a real one and the tokens and client secrets identity issued.
 */
const ROOT = resolve(import.meta.dirname, "../..");
const unique = (label: string) => `${label}-${randomBytes(12).toString("hex")}`;
const SECRETS = {
  bootstrapSecret: unique("Bootstrap-Secret"),
  wrongClientSecret: unique("Wrong-Client-Secret"),
  applicationKey: unique("App-Key"),
  wrongApplicationKey: unique("Wrong-App-Key"),
  deviceKey: unique("Device-Key"),
  wrongDeviceKey: unique("Wrong-Device-Key"),
  mqttPassword: unique("Mqtt-Password"),
  databasePassword: unique("Db-Password"),
  opcuaPassword: unique("Opcua-Password"),
  opcuaPasswordFromEnv: unique("Opcua-Env-Password"),
};
/** Secrets identity hands out during the run. */
const issued: string[] = [];

interface IvfChild {
  url: string;
  logs: () => string;
  stop: () => Promise<void>;
}

const children: ChildProcess[] = [];
const allLogs: { name: string; logs: () => string }[] = [];

/** Runs `vnfs/<name>/main.ts` in its own process and keeps everything it writes. */
function run(name: string, env: Record<string, string>): { child: ChildProcess; logs: () => string } {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !key.startsWith("IVF_")),
  );
  const child = spawn(process.execPath, ["--import", "tsx", `vnfs/${name}/main.ts`], {
    cwd: ROOT,
    env: { ...inherited, IVF_LOG_LEVEL: "debug", IVF_HTTP_HOST: "127.0.0.1", IVF_HTTP_PORT: "0", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  children.push(child);
  let text = "";
  child.stdout!.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  child.stderr!.on("data", (chunk: Buffer) => (text += chunk.toString("utf8")));
  const logs = () => text;
  allLogs.push({ name, logs });
  return { child, logs };
}

async function startIvfProcess(name: string, env: Record<string, string>): Promise<IvfChild> {
  const { child, logs } = run(name, env);
  const deadline = Date.now() + 90_000;
  for (;;) {
    const listening = logs()
      .split("\n")
      .map((line) => {
        try {
          return JSON.parse(line) as { event?: string; url?: string };
        } catch {
          return {};
        }
      })
      .find((entry) => entry.event === "listening");
    if (listening?.url) {
      return {
        url: listening.url,
        logs,
        stop: () =>
          new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once("exit", () => done());
            child.kill("SIGTERM");
          }),
      };
    }
    if (child.exitCode !== null || Date.now() > deadline)
      throw new Error(`${name} did not start (exit ${child.exitCode}):\n${logs().slice(-3000)}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((wait) => setTimeout(wait, 100));
  }
}

function basic(id: string, secret: string): string {
  return `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}`;
}

async function tokenFor(identityUrl: string, id: string, secret: string): Promise<Response> {
  return fetch(`${identityUrl}/oauth2/token`, {
    method: "POST",
    headers: { authorization: basic(id, secret), "content-type": "application/x-www-form-urlencoded" },
    body: "grant_type=client_credentials",
  });
}

await describeWithServices(["mosquitto"], "secrets in configuration never reach the logs", () => {
  let dir: string;
  let identity: IvfChild;
  let cloudApi: IvfChild;
  let gateway: IvfChild;
  const prefix = `secrets-${randomBytes(4).toString("hex")}`;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "ivf-secrets-in-logs-"));
    const provisioning = join(dir, "provisioning.yaml");
    writeFileSync(
      provisioning,
      [
        "deviceGroups:",
        "  - id: meters",
        "    tenant: acme",
        `    apiKey: ${SECRETS.deviceKey}`,
        "    autoprovision: true",
        "",
      ].join("\n"),
    );
    identity = await startIvfProcess("identity", {
      IVF_DATA_DIR: join(dir, "identity"),
      IVF_IDENTITY_BOOTSTRAP_CLIENT_ID: "ops-root",
      IVF_IDENTITY_BOOTSTRAP_CLIENT_SECRET: SECRETS.bootstrapSecret,
      IVF_IDENTITY_TOKEN_RATE: "1000",
    });
    [cloudApi, gateway] = await Promise.all([
      startIvfProcess("cloud-api", {
        IVF_DATA_DIR: join(dir, "cloud"),
        IVF_IDENTITY_JWKS_URL: `${identity.url}/.well-known/jwks.json`,
        IVF_CLOUD_API_KEYS: `acme:${SECRETS.applicationKey}`,
      }),
      startIvfProcess("field-gateway", {
        IVF_DATA_DIR: join(dir, "gateway"),
        IVF_PROVISIONING_FILE: provisioning,
        IVF_MQTT_URL: serviceAddresses.mosquitto.url,
        IVF_MQTT_USERNAME: "ivf-gateway",
        IVF_MQTT_PASSWORD: SECRETS.mqttPassword,
        IVF_MQTT_TOPIC_PREFIX: prefix,
        IVF_MQTT_SHARED_SUBSCRIPTION: "false",
      }),
    ]);
  }, 180_000);

  afterAll(async () => {
    await Promise.all([identity?.stop(), cloudApi?.stop(), gateway?.stop()]);
    for (const child of children) if (child.exitCode === null) child.kill("SIGKILL");
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it("identity: bootstrap secret, issued client secrets and tokens, right and wrong", async () => {
    const operatorAnswer = await tokenFor(identity.url, "ops-root", SECRETS.bootstrapSecret);
    expect(operatorAnswer.status).toBe(200);
    const operator = ((await operatorAnswer.json()) as { access_token: string }).access_token;
    issued.push(operator);
    expect((await tokenFor(identity.url, "ops-root", SECRETS.wrongClientSecret)).status).toBe(401);
    const admin = (path: string, body?: unknown) =>
      fetch(`${identity.url}${path}`, {
        method: "POST",
        headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
        body: JSON.stringify(body ?? {}),
      });
    expect((await admin("/v1/tenants", { id: "acme" })).status).toBe(201);
    const created = await admin("/v1/tenants/acme/clients", { id: "dashboard", roles: ["reader"] });
    expect(created.status).toBe(201);
    const client = (await created.json()) as { clientId: string; secret: string };
    issued.push(client.secret);
    const rotated = (await (await admin("/v1/tenants/acme/clients/dashboard/secret")).json()) as {
      secret: string;
    };
    issued.push(rotated.secret);
    expect((await tokenFor(identity.url, client.clientId, client.secret)).status).toBe(401);
    const reader = await tokenFor(identity.url, client.clientId, rotated.secret);
    expect(reader.status).toBe(200);
    issued.push(((await reader.json()) as { access_token: string }).access_token);
    const refused = await fetch(`${identity.url}/v1/tenants`, {
      headers: { authorization: `Bearer ${operator.slice(0, -6)}AAAAAA` },
    });
    expect(refused.status).toBe(401);
  });

  it("cloud-api: application keys and bearer tokens, accepted and refused", async () => {
    const get = (headers: Record<string, string>) => fetch(`${cloudApi.url}/v1/devices`, { headers });
    expect((await get({ "x-api-key": SECRETS.applicationKey })).status).toBe(200);
    expect((await get({ "x-api-key": SECRETS.wrongApplicationKey })).status).toBe(401);
    const token = issued[issued.length - 1]!;
    expect((await get({ authorization: `Bearer ${token}` })).status).toBe(200);
    expect((await get({ authorization: `Bearer ${token.slice(0, -6)}AAAAAA` })).status).toBe(401);
  });

  it("field gateway: the device key over HTTP and in MQTT topics, and the broker password", async () => {
    const post = (key: string) =>
      fetch(`${gateway.url}/v1/telemetry/meter-1`, {
        method: "POST",
        headers: { "x-api-key": key, "content-type": "application/json" },
        body: JSON.stringify({ power: 1.5 }),
      });
    expect((await post(SECRETS.deviceKey)).status).toBe(202);
    expect((await post(SECRETS.wrongDeviceKey)).status).toBe(401);
    const device = await mqtt.connectAsync(serviceAddresses.mosquitto.url, { clientId: `${prefix}-meter` });
    const refusalsBefore = gateway.logs().split("MQTT message refused").length;
    await device.publishAsync(`${prefix}/${SECRETS.wrongDeviceKey}/meter-2/attrs`, '{"power":2}', { qos: 1 });
    await device.publishAsync(`${prefix}/${SECRETS.deviceKey}/meter-2/attrs`, '{"power":3}', { qos: 1 });
    await device.endAsync();
    await until(
      () => gateway.logs().split("MQTT message refused").length > refusalsBefore,
      "the gateway to log the refused MQTT message",
    );
  });

  it("opcua-adapter: server passwords, inline and from the environment, on the failing connection path", async () => {
    const serversFile = join(dir, "servers.json");
    const server = (id: string, identity: Record<string, string>) => ({
      id,
      tenant: "acme",
      endpointUrl: "opc.tcp://127.0.0.1:9",
      securityMode: "None",
      securityPolicy: "None",
      identity: { type: "username", userName: "plc-reader", ...identity },
      connection: { initialDelayMs: 200, maxDelayMs: 500 },
      mappings: [{ nodeId: "ns=1;s=Counter", deviceId: id, attribute: "count" }],
    });
    writeFileSync(
      serversFile,
      JSON.stringify({
        servers: [
          server("press", { password: SECRETS.opcuaPassword }),
          server("lathe", { passwordEnv: "PLC_LATHE_PASSWORD" }),
        ],
      }),
    );
    const adapter = await startIvfProcess("opcua-adapter", {
      IVF_DATA_DIR: join(dir, "opcua"),
      IVF_OPCUA_SERVERS_FILE: serversFile,
      IVF_OPCUA_PKI_DIR: join(dir, "opcua-pki"),
      PLC_LATHE_PASSWORD: SECRETS.opcuaPasswordFromEnv,
    });
    await until(
      () => ["acme.press", "acme.lathe"].every((server) => adapter.logs().includes(`serving ${server}`)),
      "the adapter to serve both servers",
      60_000,
    );
    // node-opcua keeps retrying the connection; the failure is reported when the worker stops.
    await adapter.stop();
    expect(adapter.logs()).toContain("opcua_connect_failed");
  }, 120_000);

  it("a store URL with a password: the start-up failure is logged without it", async () => {
    const { child, logs } = run("identity", {
      IVF_DATA_DIR: join(dir, "unreachable-store"),
      IVF_MONGODB_URL: `mongodb://ivf-user:${SECRETS.databasePassword}@127.0.0.1:9/identity?serverSelectionTimeoutMS=1000`,
    });
    const exitCode = await new Promise<number | null>((done) => {
      if (child.exitCode !== null) return done(child.exitCode);
      child.once("exit", (code) => done(code));
    });
    expect(exitCode).toBe(1);
    expect(logs()).toContain("failed to start");
  }, 60_000);

  it("wrote debug logs, and none of them holds a secret", () => {
    const secrets: [string, string][] = [
      ...Object.entries(SECRETS),
      ...issued.map((value, index): [string, string] => [`issued secret or token #${index}`, value]),
    ];
    // Tokens are also looked for by their signature alone (a log could cut the header off).
    for (const [index, token] of issued.entries())
      if (token.split(".").length === 3) secrets.push([`signature of token #${index}`, token.split(".")[2]!]);
    expect(secrets.length).toBeGreaterThanOrEqual(13);
    for (const { name, logs } of allLogs) {
      const text = logs();
      expect(text, `${name} wrote debug lines`).toMatch(/"level":"debug"|"level":"info"/);
      for (const [label, secret] of secrets)
        expect(text.includes(secret), `${name} logged the ${label}`).toBe(false);
    }
    expect(identity.logs()).toContain('"config"');
  });
});
