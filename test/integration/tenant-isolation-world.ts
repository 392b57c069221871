import mqtt from "mqtt";
import { expect } from "vitest";
import { eventually, startPlatform, type Platform } from "../ivfs/cloud-api/platform-fixture.js";
import { startWebhookReceiver, type WebhookReceiver } from "../ivfs/cloud-api/webhook-receiver.js";
import type { Api, Role, World } from "./tenant-isolation-probes.js";

/**
 * The world of the tenant-isolation tests: tenants alpha and bravo on one running platform
 * (identity, device-manager, cloud-api, field gateway, request processor, data store,
 * subscription notifier), with the same group and device ids where that is the natural trap
 * (meters, meter-1), bravo's data, subscriptions of both, a command and a job of bravo, and
 * secrets only bravo knows.
 */

/** The running platform and receivers of one test file (each file runs in its own process). */
export const iso = {
  platform: undefined as unknown as Platform,
  hooks: undefined as unknown as WebhookReceiver,
  notificationListener: undefined as mqtt.MqttClient | undefined,
};
/** MQTT notifications of alpha's MQTT subscription (topic and parsed body). */
export const mqttNotifications: { topic: string; body: Record<string, unknown> }[] = [];
export const tokens = { alpha: {} as Record<Role, string>, bravo: {} as Record<Role, string> };
export const deviceKeys = { alpha: "", bravo: "" };
export const world: World = {
  bravoCommandId: "",
  bravoJobId: "",
  alphaApp: { clientId: "alpha.alpha-app", secret: "" },
};

/** Strings only bravo knows: none may appear in an answer to alpha unless alpha sent it. */
export const bravoSecrets = (): string[] => [
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

export function base(api: Api): string {
  const { urls } = iso.platform;
  return {
    "cloud-api": urls.cloudApi,
    "device-manager": urls.deviceManager,
    "data-store": urls.dataStore,
    identity: urls.identity,
  }[api];
}

export async function cloud(
  tenant: "alpha" | "bravo",
  role: Role,
  method: string,
  path: string,
  body?: unknown,
) {
  return iso.platform.call(iso.platform.urls.cloudApi, tokens[tenant][role], method, path, body);
}

export async function publish(key: string, deviceId: string, values: Record<string, number>): Promise<void> {
  const client = await mqtt.connectAsync(iso.platform.mqttUrl, { clientId: `pub-${deviceId}-${Date.now()}` });
  try {
    await client.publishAsync(`ivf/v1/${key}/${deviceId}/attrs`, JSON.stringify(values), { qos: 1 });
  } finally {
    await client.endAsync();
  }
}

export async function latestValue(tenant: "alpha" | "bravo", deviceId: string): Promise<number[]> {
  const answer = await cloud(tenant, "reader", "GET", `/v1/devices/${deviceId}/measurements?attribute=power`);
  return answer.status === 200 ? answer.body.items.map((item: { value: number }) => item.value) : [];
}

async function setUpTenant(tenant: "alpha" | "bravo"): Promise<void> {
  for (const role of ["admin", "writer", "reader"] as const)
    tokens[tenant][role] = await iso.platform.token(tenant, `${tenant}-${role}`, [
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

/** Both tenants with their devices, data, subscriptions, a command and a job of bravo. */
export async function setUpIsolationWorld(): Promise<void> {
  iso.platform = await startPlatform(["gateway", "processor", "dataStore", "notifier"]);
  iso.hooks = await startWebhookReceiver();
  await setUpTenant("alpha");
  await setUpTenant("bravo");
  // Subscriptions first, so both tenants' telemetry below is matched against them.
  const subscribe = (tenant: "alpha" | "bravo", body: unknown) =>
    cloud(tenant, "writer", "POST", "/v1/subscriptions", body);
  expect(
    (
      await subscribe("bravo", {
        subscriptionId: "b-sub-secret",
        target: { kind: "webhook", url: `${iso.hooks.url}/bravo-secret-hook` },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await subscribe("alpha", {
        subscriptionId: "alpha-all",
        target: { kind: "webhook", url: `${iso.hooks.url}/alpha-all` },
      })
    ).status,
  ).toBe(201);
  expect(
    (
      await subscribe("alpha", {
        subscriptionId: "alpha-meter",
        deviceIds: ["meter-1"],
        target: { kind: "webhook", url: `${iso.hooks.url}/alpha-meter` },
      })
    ).status,
  ).toBe(201);
  expect((await subscribe("alpha", { subscriptionId: "alpha-mqtt", target: { kind: "mqtt" } })).status).toBe(
    201,
  );
  const listener = await mqtt.connectAsync(iso.platform.mqttUrl, {
    clientId: `notifications-${Date.now()}`,
  });
  iso.notificationListener = listener;
  listener.on("message", (topic, payload) =>
    mqttNotifications.push({ topic, body: JSON.parse(payload.toString("utf8")) as Record<string, unknown> }),
  );
  // The gateway's embedded broker lets applications subscribe to exact topics only.
  await listener.subscribeAsync("ivf/v1/notifications/alpha/alpha-mqtt", { qos: 1 });
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
  const job = await iso.platform.call(
    iso.platform.urls.deviceManager,
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
  const app = await iso.platform.call(
    iso.platform.urls.identity,
    tokens.alpha.admin,
    "POST",
    "/v1/tenants/alpha/clients",
    { id: "alpha-app", roles: ["reader"] },
  );
  expect(app.status).toBe(201);
  expect(app.body.clientId).toBe(world.alphaApp.clientId);
  world.alphaApp.secret = app.body.secret;
}

export async function tearDownIsolationWorld(): Promise<void> {
  await iso.notificationListener?.endAsync();
  await iso.hooks?.close();
  await iso.platform?.stop();
}
