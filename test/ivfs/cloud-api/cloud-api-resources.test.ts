import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceValidator } from "../../support/openapi-conformance.js";
import { measurementId } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import {
  MEASUREMENTS,
  sortKey,
  type MeasurementRecord,
} from "../../../vnfs/request-processor/storage/measurement-records.js";
import {
  APPLICATION_KEYS,
  hashKey,
  type ApplicationKeyRecord,
} from "../../../vnfs/cloud-api/auth/application-keys.js";
import { eventually, startPlatform, type ApiAnswer, type Platform } from "./platform-fixture.js";
import { startWebhookReceiver, type WebhookReceiver } from "./webhook-receiver.js";

/**
 * The cloud-api against a running platform (identity, device-manager, field gateway, request
 * processor, subscription notifier on one embedded bus and store): every resource, every role,
 * and every answer checked against api-specs/cloud-api.yaml.
 */
const spec = ConformanceValidator.fromFile("api-specs/cloud-api.yaml");
let platform: Platform;
let webhook: WebhookReceiver;
const tokens: Record<"admin" | "writer" | "reader" | "operator", string> = {
  admin: "",
  writer: "",
  reader: "",
  operator: "",
};
const WRITER_KEY = "acme-writer-application-key-01";
let deviceKey = "";

/** Calls cloud-api and asserts that the answer conforms to the document, whatever its status. */
async function api(
  credential: string | null,
  method: string,
  path: string,
  body?: unknown,
): Promise<ApiAnswer> {
  const answer = await platform.call(platform.urls.cloudApi, credential, method, path, body);
  const violations = spec.checkResponse(path, method, answer.status, answer.body);
  expect(violations, `${method} ${path} -> ${answer.status} ${answer.text}`).toEqual([]);
  return answer;
}

beforeAll(async () => {
  platform = await startPlatform(["gateway", "processor", "notifier"]);
  webhook = await startWebhookReceiver();
  tokens.admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
  tokens.writer = await platform.token("acme", "acme-writer", ["writer"]);
  tokens.reader = await platform.token("acme", "acme-reader", ["reader"]);
  tokens.operator = await platform.identity.token("test-operator", "test-operator-secret-0123");
  const keys = await platform.cloudApi.context.store.collection<ApplicationKeyRecord>(APPLICATION_KEYS);
  await keys.replace({ id: hashKey(WRITER_KEY), tenant: "acme", name: "automation", role: "writer" });
}, 60_000);

afterAll(async () => {
  await webhook?.close();
  await platform?.stop();
});

describe("cloud-api groups and devices", () => {
  it("lets a tenant-admin create a group, answering its device key once and a Location without the tenant", async () => {
    const created = await api(tokens.admin, "POST", "/v1/groups", {
      groupId: "meters",
      description: "smart meters",
      autoprovision: true,
      staticAttributes: { site: "north" },
      attributes: [{ name: "power", type: "number", unit: "kW" }],
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/v1/groups/meters");
    expect(created.body.tenant).toBe("acme");
    expect(created.body.apiKey).toMatch(/^[A-Za-z0-9_-]{32}$/);
    deviceKey = created.body.apiKey;
    const read = await api(tokens.reader, "GET", "/v1/groups/meters");
    expect(read.status).toBe(200);
    expect(read.body.apiKey).toBeUndefined();
    expect((await api(tokens.admin, "POST", "/v1/groups", { groupId: "meters" })).status).toBe(409);
  });

  it("refuses group management to writers and readers with 403", async () => {
    expect((await api(tokens.writer, "POST", "/v1/groups", { groupId: "other" })).status).toBe(403);
    expect((await api(tokens.reader, "PUT", "/v1/groups/meters", {})).status).toBe(403);
    expect((await api(tokens.writer, "DELETE", "/v1/groups/meters")).status).toBe(403);
  });

  it("registers devices, lists them by prefix and page with a tenant-only total, and merges group defaults", async () => {
    for (const deviceId of ["meter-01", "meter-02", "meter-03", "valve-01"]) {
      const created = await api(tokens.admin, "POST", "/v1/devices", {
        deviceId,
        groupId: "meters",
        ...(deviceId === "meter-01" ? { name: "Main meter", staticAttributes: { floor: 2 } } : {}),
      });
      expect(created.status).toBe(201);
      expect(created.headers.get("location")).toBe(`/v1/devices/${deviceId}`);
    }
    const page = await api(tokens.reader, "GET", "/v1/devices?search=meter-&limit=2");
    expect(page.body.total).toBe(3);
    expect(page.body.items.map((device: { deviceId: string }) => device.deviceId)).toEqual([
      "meter-01",
      "meter-02",
    ]);
    const next = await api(tokens.reader, "GET", "/v1/devices?search=meter-&limit=2&offset=2");
    expect(next.body.items.map((device: { deviceId: string }) => device.deviceId)).toEqual(["meter-03"]);
    const all = await api(tokens.reader, "GET", "/v1/devices");
    expect(all.body.total).toBe(4);
    const one = await api(tokens.reader, "GET", "/v1/devices/meter-01");
    expect(one.body).toMatchObject({ name: "Main meter", staticAttributes: { site: "north", floor: 2 } });
  });

  it("updates and deletes devices (tenant-admin only) and refuses unknown groups with 422", async () => {
    expect((await api(tokens.admin, "PUT", "/v1/devices/valve-01", { groupId: "nowhere" })).status).toBe(422);
    expect((await api(tokens.writer, "PUT", "/v1/devices/valve-01", { groupId: "meters" })).status).toBe(403);
    const updated = await api(tokens.admin, "PUT", "/v1/devices/valve-01", {
      groupId: "meters",
      name: "Valve",
    });
    expect(updated.status).toBe(200);
    expect(updated.body.name).toBe("Valve");
    expect((await api(tokens.admin, "DELETE", "/v1/devices/valve-01")).status).toBe(204);
    expect((await api(tokens.reader, "GET", "/v1/devices/valve-01")).status).toBe(404);
    expect((await api(tokens.admin, "DELETE", "/v1/groups/meters")).status).toBe(409);
  });

  it("refuses malformed bodies with every violation located", async () => {
    const answer = await api(tokens.admin, "POST", "/v1/devices", { deviceId: "bad/id", extra: 1 });
    expect(answer.status).toBe(400);
    const pointers = answer.body.errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(expect.arrayContaining(["/body/deviceId", "/body/groupId"]));
  });
});

describe("cloud-api authentication", () => {
  it("answers 401 without credentials, with a bad token, and with an operator token (no tenant to act in)", async () => {
    const none = await api(null, "GET", "/v1/devices");
    expect(none.status).toBe(401);
    expect(none.headers.get("www-authenticate")).toContain("Bearer");
    expect((await api("not.a.token", "GET", "/v1/devices")).status).toBe(401);
    const operator = await api(tokens.operator, "GET", "/v1/devices");
    expect(operator.status).toBe(401);
    expect(operator.body.detail).toContain("operator");
  });

  it("takes the role of a stored application key: a writer key sends commands, a reader token may not", async () => {
    const byKey = await api(`key:${WRITER_KEY}`, "POST", "/v1/devices/meter-02/commands", {
      command: "ping",
    });
    expect(byKey.status).toBe(202);
    const byReader = await api(tokens.reader, "POST", "/v1/devices/meter-02/commands", { command: "ping" });
    expect(byReader.status).toBe(403);
  });
});

describe("cloud-api measurements and commands through the running platform", () => {
  it("returns latest values and the time range of readings a device sent over MQTT", async () => {
    const device = await mqtt.connectAsync(platform.mqttUrl, { clientId: "meter-01-test" });
    try {
      await device.publishAsync(`ivf/v1/${deviceKey}/meter-01/attrs`, JSON.stringify({ power: 4.5 }), {
        qos: 1,
      });
    } finally {
      await device.endAsync();
    }
    const latest = await eventually(async () => {
      const answer = await api(tokens.reader, "GET", "/v1/devices/meter-01/latest");
      return answer.body.values.length > 0 ? answer.body : undefined;
    });
    expect(latest.values).toMatchObject([{ attribute: "power", value: 4.5 }]);
    const range = await api(tokens.reader, "GET", "/v1/devices/meter-01/measurements?attribute=power");
    expect(range.body.items.map((item: { value: number }) => item.value)).toEqual([4.5]);
  });

  it("aggregates readings per interval with the data store's aggregation (count, min, max, avg, sum)", async () => {
    const measurements = await platform.cloudApi.context.store.collection<MeasurementRecord>(MEASUREMENTS);
    const values = [1, 5, 3, "n/a", 10, 20];
    await measurements.insertMany(
      values.map((value, index) => {
        const timestamp = new Date(Date.UTC(2026, 0, 1, 0, index < 4 ? index : 60 + index)).toISOString();
        const id = measurementId("acme", "meter-02", "energy", timestamp);
        return {
          id,
          tenant: "acme",
          deviceId: "meter-02",
          attribute: "energy",
          value,
          timestamp,
          receivedAt: timestamp,
          sortKey: sortKey(timestamp, id),
        };
      }),
    );
    const answer = await api(
      tokens.reader,
      "GET",
      "/v1/devices/meter-02/attributes/energy/aggregates?from=2026-01-01T00:00:00Z&to=2026-01-01T02:00:00Z&interval=1h",
    );
    expect(answer.status).toBe(200);
    expect(answer.body.skippedNonNumeric).toBe(1);
    expect(answer.body.buckets).toEqual([
      { start: "2026-01-01T00:00:00.000Z", count: 3, min: 1, max: 5, avg: 3, sum: 9, first: 1, last: 3 },
      {
        start: "2026-01-01T01:00:00.000Z",
        count: 2,
        min: 10,
        max: 20,
        avg: 15,
        sum: 30,
        first: 10,
        last: 20,
      },
    ]);
    const backwards = await api(
      tokens.reader,
      "GET",
      "/v1/devices/meter-02/attributes/energy/aggregates?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z",
    );
    expect(backwards.status).toBe(400);
    expect(
      (
        await api(
          tokens.reader,
          "GET",
          "/v1/devices/nothing/attributes/energy/aggregates?from=2026-01-01T00:00:00Z&to=2026-01-02T00:00:00Z",
        )
      ).status,
    ).toBe(404);
  });

  it("sends a command over the bus to the MQTT device and tracks it to executed with the device's result", async () => {
    const device = await mqtt.connectAsync(platform.mqttUrl, { clientId: "meter-03-test" });
    try {
      device.on("message", (_topic, payload) => {
        const command = JSON.parse(payload.toString("utf8")) as { commandId: string };
        void device.publishAsync(
          `ivf/v1/${deviceKey}/meter-03/cmdexe`,
          JSON.stringify({ commandId: command.commandId, status: "executed", result: { relay: "open" } }),
          { qos: 1 },
        );
      });
      await device.subscribeAsync("ivf/v1/devices/acme/meter-03/cmd", { qos: 1 });
      const sent = await api(tokens.writer, "POST", "/v1/devices/meter-03/commands", {
        command: "relay",
        kind: "write",
        value: "open",
        timeoutSeconds: 60,
      });
      expect(sent.status).toBe(202);
      expect(sent.body.state).toBe("pending");
      const location = sent.headers.get("location")!;
      expect(location).toBe(`/v1/devices/meter-03/commands/${sent.body.commandId}`);
      const executed = await eventually(async () => {
        const answer = await api(tokens.reader, "GET", location);
        return answer.body.state === "executed" ? answer.body : undefined;
      }, 20_000);
      expect(executed.result).toEqual({ relay: "open" });
      expect(executed.history.map((change: { state: string }) => change.state)).toContain("pending");
      const listed = await api(tokens.reader, "GET", "/v1/devices/meter-03/commands?state=executed");
      expect(listed.body.items.map((command: { commandId: string }) => command.commandId)).toEqual([
        sent.body.commandId,
      ]);
      expect((await api(tokens.reader, "GET", "/v1/devices/nothing/commands")).status).toBe(404);
    } finally {
      await device.endAsync();
    }
  });
});

describe("cloud-api subscriptions", () => {
  it("creates a webhook subscription with criteria, never shows its secret, and the notifier delivers to it", async () => {
    const created = await api(tokens.writer, "POST", "/v1/subscriptions", {
      subscriptionId: "high-power",
      deviceIds: ["meter-01"],
      attributes: ["power"],
      criteria: [{ attribute: "power", operator: "gt", value: 100 }],
      target: { kind: "webhook", url: `${webhook.url}/hook`, secret: "webhook-secret-0123456789" },
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("location")).toBe("/v1/subscriptions/high-power");
    expect(created.body.target).toEqual({ kind: "webhook", url: `${webhook.url}/hook`, signed: true });
    expect(created.text).not.toContain("webhook-secret");
    expect((await api(tokens.reader, "GET", "/v1/subscriptions/high-power")).body.status).toBe("active");
    await new Promise((resolve) => setTimeout(resolve, 400)); // the notifier reloads every 100 ms
    const device = await mqtt.connectAsync(platform.mqttUrl, { clientId: "meter-01-sub" });
    try {
      await device.publishAsync(`ivf/v1/${deviceKey}/meter-01/attrs`, JSON.stringify({ power: 50 }), {
        qos: 1,
      });
      await device.publishAsync(`ivf/v1/${deviceKey}/meter-01/attrs`, JSON.stringify({ power: 150 }), {
        qos: 1,
      });
    } finally {
      await device.endAsync();
    }
    const notification = await eventually(async () =>
      webhook.received.find((entry) => entry.path === "/hook"),
    );
    expect(notification.body).toMatchObject({
      subscriptionId: "high-power",
      tenant: "acme",
      deviceId: "meter-01",
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const values = webhook.received
      .filter((entry) => entry.path === "/hook")
      .flatMap((entry) =>
        (entry.body.measurements as { value: number }[]).map((measurement) => measurement.value),
      );
    expect(values).toEqual([150]);
  });

  it("lists only the tenant's subscriptions, refuses readers, unknown devices and bad targets, and deletes", async () => {
    expect((await api(tokens.reader, "POST", "/v1/subscriptions", { target: { kind: "mqtt" } })).status).toBe(
      403,
    );
    const unknown = await api(tokens.writer, "POST", "/v1/subscriptions", {
      deviceIds: ["ghost"],
      target: { kind: "mqtt" },
    });
    expect(unknown.status).toBe(422);
    expect(unknown.body.errors[0].pointer).toBe("/body/deviceIds/0");
    const badTarget = await api(tokens.writer, "POST", "/v1/subscriptions", {
      target: { kind: "webhook", url: "ftp://x" },
    });
    expect(badTarget.status).toBe(400);
    const mqttSub = await api(tokens.writer, "POST", "/v1/subscriptions", {
      target: { kind: "mqtt", topicSuffix: "all" },
    });
    expect(mqttSub.status).toBe(201);
    expect(mqttSub.body.subscriptionId).toMatch(/^[0-9a-f-]{36}$/);
    const list = await api(tokens.reader, "GET", "/v1/subscriptions");
    expect(list.body.total).toBe(2);
    expect(
      (await api(tokens.reader, "DELETE", `/v1/subscriptions/${mqttSub.body.subscriptionId}`)).status,
    ).toBe(403);
    expect(
      (await api(tokens.writer, "DELETE", `/v1/subscriptions/${mqttSub.body.subscriptionId}`)).status,
    ).toBe(204);
    expect((await api(tokens.reader, "GET", `/v1/subscriptions/${mqttSub.body.subscriptionId}`)).status).toBe(
      404,
    );
  });
});
