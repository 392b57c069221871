import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Consumer, Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import type { TelemetryPrimitive } from "../../../vnfs/runtime-kit/primitives/request-primitive.js";
import { eventually, startPlatform, type PlatformFixture } from "../device-manager/device-manager-fixture.js";

let platform: PlatformFixture;
let admin: string;
let writer: string;
let reader: string;
let meterKey: string;
let pollerKey: string;
let device: MqttClient;
let telemetryTap: Consumer;
const received: TelemetryPrimitive[] = [];
const onDevice: { topic: string; body: Record<string, unknown> }[] = [];

beforeAll(async () => {
  platform = await startPlatform({ gateway: true });
  admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
  writer = await platform.token("acme", "acme-writer", ["writer"]);
  reader = await platform.token("acme", "acme-reader", ["reader"]);
  meterKey = (
    await platform.api(admin, "POST", "/v1/tenants/acme/groups", {
      groupId: "meters",
      transport: "mqtt",
      explicitAttributes: true,
      attributes: [
        { name: "power", type: "number", unit: "kW", expression: "power_w / 1000" },
        { name: "voltage", type: "number" },
        { name: "probe", type: "number", expression: "voltage.constructor" },
      ],
    })
  ).body.apiKey;
  pollerKey = (
    await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "pollers", transport: "http" })
  ).body.apiKey;
  for (const [deviceId, groupId] of [
    ["meter-1", "meters"],
    ["meter-2", "meters"],
    ["poll-1", "pollers"],
  ]) {
    await platform.api(admin, "POST", "/v1/tenants/acme/devices", { deviceId, groupId });
  }
  telemetryTap = await platform.gateway!.context.bus.consume(
    { name: "test.telemetry", exchange: "iot.requests", bindings: ["telemetry.#"] },
    async (delivery: Delivery<Json>) => {
      received.push(delivery.body as unknown as TelemetryPrimitive);
    },
  );
  // A simulated MQTT device: executes every command it receives and reports on cmdexe.
  device = await mqtt.connectAsync(platform.mqttUrl, { clientId: "meter-1-device", clean: true });
  device.on("message", (topic, payload) => {
    const body = JSON.parse(payload.toString()) as Record<string, unknown>;
    onDevice.push({ topic, body });
    if (body.command === "ignore-me") return;
    const reply = { commandId: body.commandId, status: "executed", result: { echoed: body.value ?? null } };
    void device.publishAsync(`ivf/v1/${meterKey}/meter-1/cmdexe`, JSON.stringify(reply), { qos: 1 });
  });
  await device.subscribeAsync("ivf/v1/devices/acme/meter-1/cmd", { qos: 1 });
}, 60_000);

afterAll(async () => {
  await device?.endAsync();
  await telemetryTap?.stop();
  await platform?.stop();
});

async function commandState(deviceId: string, commandId: string, expected: string) {
  return eventually(async () => {
    const answer = await platform.api(
      reader,
      "GET",
      `/v1/tenants/acme/devices/${deviceId}/commands/${commandId}`,
    );
    return answer.body.state === expected ? answer.body : undefined;
  });
}

function postTelemetry(key: string, deviceId: string, body: unknown) {
  return fetch(`${platform.gatewayUrl}/v1/telemetry/${deviceId}`, {
    method: "POST",
    headers: { "x-api-key": key, "content-type": "application/json" },
    body: JSON.stringify(body),
  });
}

describe("commands to MQTT devices", () => {
  it("round-trips pending -> delivered -> executed through the gateway and the device", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/meter-1/commands", {
      command: "setpoint",
      value: 21.5,
    });
    expect(sent.status).toBe(202);
    const executed = await commandState("meter-1", sent.body.commandId, "executed");
    expect(executed.history.map((change: { state: string }) => change.state)).toEqual([
      "pending",
      "delivered",
      "executed",
    ]);
    expect(executed.result).toEqual({ echoed: 21.5 });
    const seen = onDevice.find((entry) => entry.body.commandId === sent.body.commandId)!;
    expect(seen.topic).toBe("ivf/v1/devices/acme/meter-1/cmd");
    // What the device receives never carries its group's API key, nor the bus envelope.
    expect(JSON.stringify(seen)).not.toContain(meterKey);
    expect(seen.body).toEqual({
      commandId: sent.body.commandId,
      command: "setpoint",
      value: 21.5,
      expiresAt: sent.body.expiresAt,
    });
  });

  it("accepts a reply only from the commanded device with its group's key", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/meter-1/commands", {
      command: "ignore-me",
    });
    await commandState("meter-1", sent.body.commandId, "delivered");
    const intruder = await mqtt.connectAsync(platform.mqttUrl, { clientId: "intruder", clean: true });
    const forged = JSON.stringify({ commandId: sent.body.commandId, status: "failed" });
    await intruder.publishAsync(`ivf/v1/${meterKey}/meter-2/cmdexe`, forged, { qos: 1 }); // sibling device
    await intruder.publishAsync(`ivf/v1/${pollerKey}/meter-1/cmdexe`, forged, { qos: 1 }); // other group's key
    await intruder.publishAsync("ivf/v1/wrong-key-0123456789/meter-1/cmdexe", forged, { qos: 1 });
    await intruder.publishAsync(`ivf/v1/${meterKey}/meter-1/cmdexe`, "{not json", { qos: 1 });
    await intruder.endAsync();
    await new Promise((resolve) => setTimeout(resolve, 500));
    const still = await platform.api(
      reader,
      "GET",
      `/v1/tenants/acme/devices/meter-1/commands/${sent.body.commandId}`,
    );
    expect(still.body.state).toBe("delivered");
    await device.publishAsync(
      `ivf/v1/${meterKey}/meter-1/cmdexe`,
      JSON.stringify({ commandId: sent.body.commandId, status: "failed", detail: "valve stuck" }),
      { qos: 1 },
    );
    const failed = await commandState("meter-1", sent.body.commandId, "failed");
    expect(failed.history.at(-1)).toMatchObject({ state: "failed", detail: "valve stuck" });
  });
});

describe("commands to HTTP devices", () => {
  const poll = (key: string, deviceId = "poll-1") =>
    fetch(`${platform.gatewayUrl}/v1/commands/${deviceId}`, { headers: { "x-api-key": key } });
  const result = (key: string, commandId: string, body: unknown) =>
    fetch(`${platform.gatewayUrl}/v1/commands/poll-1/${commandId}/result`, {
      method: "POST",
      headers: { "x-api-key": key, "content-type": "application/json" },
      body: JSON.stringify(body),
    });

  it("hands queued commands out once on poll (delivered) and takes the result (executed)", async () => {
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/poll-1/commands", {
      command: "reset",
      kind: "call",
      arguments: [1, "soft"],
    });
    const polled = await eventually(async () => {
      const answer = (await (await poll(pollerKey)).json()) as { commands: { commandId: string }[] };
      return answer.commands.length > 0 ? answer.commands : undefined;
    });
    expect(polled).toEqual([
      {
        commandId: sent.body.commandId,
        command: "reset",
        kind: "call",
        arguments: [1, "soft"],
        expiresAt: sent.body.expiresAt,
      },
    ]);
    await commandState("poll-1", sent.body.commandId, "delivered");
    expect(((await (await poll(pollerKey)).json()) as { commands: unknown[] }).commands).toEqual([]);
    expect((await result(pollerKey, sent.body.commandId, { status: "executed", result: 7 })).status).toBe(
      204,
    );
    const executed = await commandState("poll-1", sent.body.commandId, "executed");
    expect(executed.result).toBe(7);
    expect((await result(pollerKey, sent.body.commandId, { status: "failed" })).status).toBe(404);
  });

  it("refuses polls and results with a wrong key, another group's key or a bad body", async () => {
    expect((await poll("no-such-key-0123456789")).status).toBe(401);
    expect((await poll(meterKey)).status).toBe(401);
    expect((await fetch(`${platform.gatewayUrl}/v1/commands/poll-1`)).status).toBe(401);
    expect((await poll(pollerKey, "$SYS")).status).toBe(400);
    const sent = await platform.api(writer, "POST", "/v1/tenants/acme/devices/poll-1/commands", {
      command: "x",
    });
    await eventually(async () =>
      ((await (await poll(pollerKey)).json()) as { commands: unknown[] }).commands.length ? true : undefined,
    );
    expect((await result(meterKey, sent.body.commandId, { status: "executed" })).status).toBe(401);
    const bad = await result(pollerKey, sent.body.commandId, { status: "done", extra: 1 });
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { detail: string }).detail).toMatch(/status.*extra|extra.*status/s);
    expect((await result(pollerKey, "unknown-command", { status: "executed" })).status).toBe(404);
  });
});

describe("command polling limits", () => {
  it("answers a device polling in a tight loop with 429 and Retry-After", async () => {
    const answers = await Promise.all(
      Array.from({ length: 40 }, () =>
        fetch(`${platform.gatewayUrl}/v1/commands/meter-2`, { headers: { "x-api-key": meterKey } }),
      ),
    );
    const limited = answers.filter((answer) => answer.status === 429);
    expect(limited.length).toBeGreaterThan(0);
    expect(Number(limited[0]!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(answers.every((answer) => answer.status === 200 || answer.status === 429)).toBe(true);
  });
});

describe("group settings at the gateway", () => {
  it("applies transformations: computed attributes forwarded, inputs consumed, unreachable internals absent", async () => {
    const answer = await postTelemetry(meterKey, "meter-2", { power_w: 1500, voltage: 230 });
    expect(answer.status).toBe(202);
    const primitive = await eventually(async () => received.find((entry) => entry.deviceId === "meter-2"));
    const byName = Object.fromEntries(primitive.measurements.map((m) => [m.attribute, m.value]));
    expect(byName).toEqual({ voltage: 230, power: 1.5 });
  });

  it("stops accepting the old API key within the registry cache TTL after rotation", async () => {
    const group = await platform.api(admin, "POST", "/v1/tenants/acme/groups", {
      groupId: "rotors",
      autoprovision: true,
    });
    const oldKey = group.body.apiKey as string;
    expect((await postTelemetry(oldKey, "rotor-1", { rpm: 1 })).status).toBe(202);
    const rotated = await platform.api(admin, "POST", "/v1/tenants/acme/groups/rotors/apikey");
    await new Promise((resolve) => setTimeout(resolve, 400)); // IVF_FIELD_GATEWAY_REGISTRY_CACHE_TTL=300 ms
    expect((await postTelemetry(oldKey, "rotor-1", { rpm: 2 })).status).toBe(401);
    expect((await postTelemetry(rotated.body.apiKey, "rotor-1", { rpm: 3 })).status).toBe(202);
    // The autoprovisioned device shows in the registry.
    const listed = await platform.api(reader, "GET", "/v1/tenants/acme/devices?groupId=rotors");
    expect(listed.body.items).toMatchObject([{ deviceId: "rotor-1", provisionedBy: "autoprovision" }]);
  });
});
