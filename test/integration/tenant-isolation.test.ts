import { readFileSync } from "node:fs";
import yaml from "js-yaml";
import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  eventually,
  startPlatform,
  type ApiBody,
  type Platform,
} from "../ivfs/cloud-api/platform-fixture.js";
import { startWebhookReceiver, type WebhookReceiver } from "../ivfs/cloud-api/webhook-receiver.js";
import { documents, matrix, type Api, type Probe, type Role, type World } from "./tenant-isolation-matrix.js";

/**
 * Tenant isolation across every API and the device/bus paths: tenant alpha, holding every role of
 * its tenant, tries to read, list, count, change, command, subscribe to and infer tenant bravo's
 * data. Both tenants use the same group and device ids where that is the natural trap (meters,
 * meter-1). The table is in tenant-isolation-matrix.ts; this file runs it and the bus checks.
 */
let platform: Platform;
let hooks: WebhookReceiver;
let notificationListener: mqtt.MqttClient;
/** MQTT notifications of alpha's MQTT subscription (topic and parsed body). */
const mqttNotifications: { topic: string; body: Record<string, unknown> }[] = [];
const tokens = { alpha: {} as Record<Role, string>, bravo: {} as Record<Role, string> };
const deviceKeys = { alpha: "", bravo: "" };
const world: World = { bravoCommandId: "", bravoJobId: "", alphaApp: { clientId: "alpha-app", secret: "" } };

/** Strings only bravo knows: none may appear in an answer to alpha unless alpha sent it. */
const bravoSecrets = (): string[] => [
  "BRAVO-SECRET-NAME",
  "BRAVO-GROUP-SECRET",
  "777777.5",
  "888888.5",
  "bravo-secret-hook",
  "bravo-secret-command",
  "bravo-secret-fw",
  "b-sub-secret",
  "bravo-admin",
  "bravo-writer",
  "bravo-reader",
  world.bravoCommandId,
  world.bravoJobId,
];

function base(api: Api): string {
  const { urls } = platform;
  return {
    "cloud-api": urls.cloudApi,
    "device-manager": urls.deviceManager,
    "data-store": urls.dataStore,
    identity: urls.identity,
  }[api];
}

async function cloud(tenant: "alpha" | "bravo", role: Role, method: string, path: string, body?: unknown) {
  return platform.call(platform.urls.cloudApi, tokens[tenant][role], method, path, body);
}

async function publish(key: string, deviceId: string, values: Record<string, number>): Promise<void> {
  const client = await mqtt.connectAsync(platform.mqttUrl, { clientId: `pub-${deviceId}-${Date.now()}` });
  try {
    await client.publishAsync(`ivf/v1/${key}/${deviceId}/attrs`, JSON.stringify(values), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

async function latestValue(tenant: "alpha" | "bravo", deviceId: string): Promise<number[]> {
  const answer = await cloud(tenant, "reader", "GET", `/v1/devices/${deviceId}/measurements?attribute=power`);
  return answer.status === 200 ? answer.body.items.map((item: { value: number }) => item.value) : [];
}

async function setUpTenant(tenant: "alpha" | "bravo"): Promise<void> {
  for (const role of ["admin", "writer", "reader"] as const)
    tokens[tenant][role] = await platform.token(tenant, `${tenant}-${role}`, [
      role === "admin" ? "tenant-admin" : role,
    ]);
  const group = await cloud(tenant, "admin", "POST", "/v1/groups", {
    groupId: "meters",
    autoprovision: tenant === "alpha",
    ...(tenant === "bravo" ? { description: "BRAVO-GROUP-SECRET" } : {}),
  });
  expect(group.status).toBe(201);
  deviceKeys[tenant] = group.body.apiKey;
  const devices = tenant === "alpha" ? ["meter-1"] : ["meter-1", "b-secret-device", "b-bus-device"];
  for (const deviceId of devices) {
    const created = await cloud(tenant, "admin", "POST", "/v1/devices", {
      deviceId,
      groupId: "meters",
      ...(tenant === "bravo" ? { name: "BRAVO-SECRET-NAME" } : {}),
    });
    expect(created.status).toBe(201);
  }
  if (tenant === "bravo") {
    expect(
      (
        await cloud("bravo", "admin", "POST", "/v1/groups", {
          groupId: "bravo-group",
          description: "BRAVO-GROUP-SECRET",
        })
      ).status,
    ).toBe(201);
  }
}

beforeAll(async () => {
  platform = await startPlatform(["gateway", "processor", "dataStore", "notifier"]);
  hooks = await startWebhookReceiver();
  await setUpTenant("alpha");
  await setUpTenant("bravo");
  // Subscriptions first, so both tenants' telemetry below is matched against them.
  const subscribe = (tenant: "alpha" | "bravo", body: unknown) =>
    cloud(tenant, "writer", "POST", "/v1/subscriptions", body);
  expect(
    (
      await subscribe("bravo", {
        subscriptionId: "b-sub-secret",
        target: { kind: "webhook", url: `${hooks.url}/bravo-secret-hook` },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await subscribe("alpha", {
        subscriptionId: "alpha-all",
        target: { kind: "webhook", url: `${hooks.url}/alpha-all` },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await subscribe("alpha", {
        subscriptionId: "alpha-meter",
        deviceIds: ["meter-1"],
        target: { kind: "webhook", url: `${hooks.url}/alpha-meter` },
      })
    ).status,
  ).toBe(201);
  expect((await subscribe("alpha", { subscriptionId: "alpha-mqtt", target: { kind: "mqtt" } })).status).toBe(
    201,
  );
  notificationListener = await mqtt.connectAsync(platform.mqttUrl, {
    clientId: `notifications-${Date.now()}`,
  });
  notificationListener.on("message", (topic, payload) =>
    mqttNotifications.push({ topic, body: JSON.parse(payload.toString("utf8")) as Record<string, unknown> }),
  );
  // The gateway's embedded broker lets applications subscribe to exact topics only.
  await notificationListener.subscribeAsync("ivf/v1/notifications/alpha/alpha-mqtt", { qos: 1 });
  await new Promise((resolve) => setTimeout(resolve, 500)); // notifier refresh is 100 ms
  await publish(deviceKeys.bravo, "meter-1", { power: 777777.5 });
  await publish(deviceKeys.bravo, "b-secret-device", { power: 777777.5 });
  await publish(deviceKeys.bravo, "b-bus-device", { power: 888888.5 });
  await publish(deviceKeys.alpha, "meter-1", { power: 1.5 });
  await eventually(async () => ((await latestValue("bravo", "b-bus-device")).length > 0 ? true : undefined));
  await eventually(async () => ((await latestValue("alpha", "meter-1")).length > 0 ? true : undefined));
  const command = await cloud("bravo", "writer", "POST", "/v1/devices/b-secret-device/commands", {
    command: "bravo-secret-command",
  });
  expect(command.status).toBe(202);
  world.bravoCommandId = command.body.commandId;
  const job = await platform.call(
    platform.urls.deviceManager,
    tokens.bravo.admin,
    "POST",
    "/v1/tenants/bravo/jobs",
    {
      target: { deviceIds: ["b-secret-device"] },
      firmware: { url: "https://firmware.example/bravo-secret-fw.bin", version: "2" },
    },
  );
  expect(job.status).toBe(202);
  world.bravoJobId = job.body.jobId;
  const app = await platform.call(
    platform.urls.identity,
    tokens.alpha.admin,
    "POST",
    "/v1/tenants/alpha/clients",
    { id: "alpha-app", roles: ["reader"] },
  );
  expect(app.status).toBe(201);
  world.alphaApp.secret = app.body.secret;
}, 120_000);

afterAll(async () => {
  await notificationListener?.endAsync();
  await hooks?.close();
  await platform?.stop();
});

async function send(api: Api, probe: Probe, path: string, body: unknown) {
  if (!probe.form)
    return platform.call(base(api), tokens.alpha[probe.as ?? "admin"], probe.method, path, body);
  const response = await fetch(`${base(api)}${path}`, {
    method: probe.method,
    headers: {
      authorization: `Basic ${Buffer.from(`${probe.form.clientId}:${probe.form.secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: probe.form.body,
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: JSON.parse(text) as ApiBody, text };
}

/** Every `tenant` property anywhere in the answer. */
function tenantsIn(value: unknown, found: string[] = []): string[] {
  if (Array.isArray(value)) value.forEach((item) => tenantsIn(item, found));
  else if (value && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      if (key === "tenant" && typeof child === "string") found.push(child);
      else tenantsIn(child, found);
    }
  }
  return found;
}

function tokenTenant(jwt: string): string {
  return (JSON.parse(Buffer.from(jwt.split(".")[1]!, "base64url").toString("utf8")) as { tenant: string })
    .tenant;
}

describe("tenant isolation matrix: alpha against bravo through every API operation", () => {
  it("covers every operation of every tenant-facing API document (a new operation must be added here)", () => {
    for (const [api, file] of Object.entries(documents) as [Api, string][]) {
      const document = yaml.load(readFileSync(file, "utf8")) as {
        paths: Record<string, Record<string, { operationId?: string }>>;
      };
      const declared = Object.values(document.paths).flatMap((item) =>
        Object.values(item).flatMap((operation) =>
          operation && typeof operation === "object" && operation.operationId ? [operation.operationId] : [],
        ),
      );
      const covered = matrix.filter((entry) => entry.api === api).map((entry) => entry.operationId);
      expect(covered.sort(), `${file}: operations missing from or unknown to the matrix`).toEqual(
        [...declared].sort(),
      );
    }
  });

  for (const entry of matrix) {
    it(`${entry.api} ${entry.operationId}: no data, count or existence of bravo's leaks`, async () => {
      for (const probe of entry.probes(world)) {
        const answer = await send(entry.api, probe, probe.path, probe.body);
        const request = `${probe.path} ${JSON.stringify(probe.body ?? "")}`;
        const where = `${probe.method} ${probe.path} -> ${answer.status} ${answer.text.slice(0, 300)}`;
        for (const secret of bravoSecrets().filter((value) => value && !request.includes(value)))
          expect(answer.text, `${where}: contains ${secret}`).not.toContain(secret);
        switch (probe.expect) {
          case "hidden": {
            const ghost = await send(entry.api, probe, probe.ghost!.path, probe.ghost!.body);
            expect([404, 422], where).toContain(answer.status);
            expect(
              { status: answer.status, type: answer.body?.type, title: answer.body?.title },
              where,
            ).toEqual({
              status: ghost.status,
              type: ghost.body?.type,
              title: ghost.body?.title,
            });
            break;
          }
          case "own": {
            expect(answer.status, where).toBeGreaterThanOrEqual(200);
            expect(answer.status, where).toBeLessThan(300);
            expect(
              tenantsIn(answer.body).filter((tenant) => tenant !== "alpha"),
              where,
            ).toEqual([]);
            if (answer.body && typeof answer.body.total === "number")
              expect(answer.body.total, `${where}: total counts another tenant`).toBe(
                answer.body.items.length,
              );
            break;
          }
          case "forbidden":
            expect(answer.status, where).toBe(403);
            break;
          case "public":
            expect(answer.status, where).toBe(200);
            if (answer.body.access_token) expect(tokenTenant(answer.body.access_token)).toBe("alpha");
            break;
          case "taken":
            // OAuth client_ids are global (the token endpoint knows no tenant): the id is in use, nothing more.
            expect(answer.status, where).toBe(409);
            expect(answer.text, where).not.toContain('bravo"');
            break;
        }
      }
    });
  }

  it("left every resource of bravo as it was", async () => {
    for (const path of [
      "/v1/devices/b-secret-device",
      "/v1/groups/bravo-group",
      "/v1/subscriptions/b-sub-secret",
    ])
      expect((await cloud("bravo", "reader", "GET", path)).status, path).toBe(200);
    expect((await cloud("bravo", "reader", "GET", "/v1/devices")).body.total).toBe(3);
    const command = await cloud(
      "bravo",
      "reader",
      "GET",
      `/v1/devices/b-secret-device/commands/${world.bravoCommandId}`,
    );
    expect(command.body.command).toBe("bravo-secret-command");
    const retention = await platform.call(
      platform.urls.dataStore,
      tokens.bravo.admin,
      "GET",
      "/v1/tenants/bravo/retention",
    );
    expect(retention.body.source).toBe("default");
    const job = await platform.call(
      platform.urls.deviceManager,
      tokens.bravo.reader,
      "GET",
      `/v1/tenants/bravo/jobs/${world.bravoJobId}`,
    );
    expect(job.body.state).not.toBe("cancelled");
    // bravo's clients still hold valid tokens: nothing was revoked or rotated.
    expect((await cloud("bravo", "admin", "GET", "/v1/groups")).status).toBe(200);
  });
});

describe("tenant isolation on the device and bus paths", () => {
  it("attributes a device's telemetry to the tenant of its key, whatever device id it names (MQTT and HTTP)", async () => {
    await publish(deviceKeys.alpha, "b-bus-device", { power: 555.5 });
    const viaHttp = await fetch(`${platform.urls.gateway}/v1/telemetry/b-bus-device`, {
      method: "POST",
      headers: { "content-type": "application/json", "x-api-key": deviceKeys.alpha },
      body: JSON.stringify({ power: 556.5 }),
    });
    expect(viaHttp.status).toBeLessThan(300);
    // alpha's group autoprovisions: the readings create alpha's own b-bus-device.
    const alphaValues = await eventually(async () => {
      const values = await latestValue("alpha", "b-bus-device");
      return values.length === 2 ? values : undefined;
    });
    expect(alphaValues.sort()).toEqual([555.5, 556.5]);
    expect(await latestValue("bravo", "b-bus-device")).toEqual([888888.5]);
  });

  it("never notifies alpha's subscriptions of bravo's events, even for a device id both tenants use", async () => {
    await eventually(async () =>
      hooks.received.some((entry) => entry.path === "/alpha-meter") ? true : undefined,
    );
    await eventually(async () =>
      hooks.received.some((entry) => entry.path === "/bravo-secret-hook") ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let anything misrouted arrive
    const alpha = hooks.received.filter((entry) => entry.path.startsWith("/alpha"));
    expect(alpha.length).toBeGreaterThanOrEqual(2);
    for (const notification of alpha) {
      expect(notification.body.tenant).toBe("alpha");
      expect(JSON.stringify(notification.body)).not.toMatch(/777777|888888|bravo/);
    }
  });

  it("publishes alpha's MQTT notifications with alpha's events only", async () => {
    await eventually(async () =>
      mqttNotifications.some((entry) => entry.topic === "ivf/v1/notifications/alpha/alpha-mqtt")
        ? true
        : undefined,
    );
    for (const notification of mqttNotifications) {
      expect(notification.body.tenant).toBe("alpha");
      expect(JSON.stringify(notification.body)).not.toMatch(/777777|888888|bravo/);
    }
  });

  it("sends alpha's command only to alpha's device topic, never to bravo's device with the same id", async () => {
    const listener = await mqtt.connectAsync(platform.mqttUrl, { clientId: `listener-${Date.now()}` });
    const topics: string[] = [];
    listener.on("message", (topic) => topics.push(topic));
    await listener.subscribeAsync(["ivf/v1/devices/alpha/meter-1/cmd", "ivf/v1/devices/bravo/meter-1/cmd"], {
      qos: 1,
    });
    try {
      const sent = await cloud("alpha", "writer", "POST", "/v1/devices/meter-1/commands", {
        command: "open",
      });
      expect(sent.status).toBe(202);
      await eventually(async () => (topics.length > 0 ? true : undefined));
      await new Promise((resolve) => setTimeout(resolve, 500));
      expect(topics).toEqual(["ivf/v1/devices/alpha/meter-1/cmd"]);
    } finally {
      await listener.endAsync();
    }
  });

  it("ignores a result for bravo's command sent by alpha's device; bravo's own device completes it", async () => {
    const sent = await cloud("bravo", "writer", "POST", "/v1/devices/meter-1/commands", {
      command: "close",
      timeoutSeconds: 60,
    });
    const commandId = sent.body.commandId as string;
    const status = async () =>
      (await cloud("bravo", "reader", "GET", `/v1/devices/meter-1/commands/${commandId}`)).body
        .state as string;
    await eventually(async () => ((await status()) === "delivered" ? true : undefined));
    const forger = await mqtt.connectAsync(platform.mqttUrl, { clientId: `forger-${Date.now()}` });
    const forged = JSON.stringify({ commandId, status: "executed", result: "forged" });
    await forger.publishAsync(`ivf/v1/${deviceKeys.alpha}/meter-1/cmdexe`, forged, { qos: 1 });
    await new Promise((resolve) => setTimeout(resolve, 1500));
    expect(await status()).toBe("delivered");
    await forger.publishAsync(
      `ivf/v1/${deviceKeys.bravo}/meter-1/cmdexe`,
      JSON.stringify({ commandId, status: "executed", result: "ok" }),
      { qos: 1 },
    );
    await forger.endAsync();
    await eventually(async () => ((await status()) === "executed" ? true : undefined));
    const command = await cloud("bravo", "reader", "GET", `/v1/devices/meter-1/commands/${commandId}`);
    expect(command.body.result).toBe("ok");
  });
});
