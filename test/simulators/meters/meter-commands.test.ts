import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { answerMeterCommands, executeMeterCommand } from "../../../vnfs/simulators/meters/meter-commands.js";
import { MeterModel } from "../../../vnfs/simulators/meters/meter-model.js";
import { eventually, startPlatform, type Platform } from "../../ivfs/cloud-api/platform-fixture.js";

/**
 * Simulated meters answer device commands: the decision on its own, then the whole round trip
 * through a running platform (cloud-api -> bus -> field gateway -> embedded MQTT broker -> meter
 * -> cmdexe -> device-manager status), as `ivf up` runs it.
 */
describe("meter command execution", () => {
  const at = Date.parse("2026-06-01T19:00:00Z");

  it("opens the relay so the meter reports no power, and closes it again", () => {
    const meter = new MeterModel("meter-0001");
    expect(meter.read(at).power).toBeGreaterThan(0);
    expect(executeMeterCommand(meter, { commandId: "c1", command: "relay", value: "open" }, at)).toEqual({
      status: "executed",
      result: { relay: "off" },
    });
    const off = meter.read(at + 60_000);
    expect(off.power).toBe(0);
    expect(off.current).toBe(0);
    expect(executeMeterCommand(meter, { commandId: "c2", command: "relay", value: "on" }, at).status).toBe(
      "executed",
    );
    expect(meter.read(at + 120_000).power).toBeGreaterThan(0);
  });

  it("refuses unknown commands, bad relay values, expired commands and non-objects with a reason", () => {
    const meter = new MeterModel("meter-0001");
    const unknown = executeMeterCommand(meter, { commandId: "c", command: "selfDestruct" }, at);
    expect(unknown).toMatchObject({ status: "failed" });
    expect(unknown.detail).toContain("ping and relay");
    expect(executeMeterCommand(meter, { commandId: "c", command: "relay", value: 3 }, at).detail).toContain(
      "relay needs",
    );
    const expired = executeMeterCommand(
      meter,
      { commandId: "c", command: "ping", expiresAt: new Date(at - 1000).toISOString() },
      at,
    );
    expect(expired).toMatchObject({ status: "failed" });
    expect(expired.detail).toContain("expired");
    expect(executeMeterCommand(meter, [1, 2], at).status).toBe("failed");
    expect(meter.relayOn).toBe(true);
  });
});

describe("meters answering commands through the platform", () => {
  let platform: Platform;
  let writer = "";
  let deviceKey = "";
  const meters = new Map([["meter-07", new MeterModel("meter-07")]]);
  let stopMeters: (() => Promise<void>) | undefined;

  beforeAll(async () => {
    platform = await startPlatform(["gateway"]);
    const admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
    writer = await platform.token("acme", "acme-writer", ["writer"]);
    const group = await platform.call(platform.urls.cloudApi, admin, "POST", "/v1/groups", {
      groupId: "meters",
      autoprovision: true,
    });
    expect(group.status, group.text).toBe(201);
    deviceKey = group.body.apiKey as string;
    const device = await platform.call(platform.urls.cloudApi, admin, "POST", "/v1/devices", {
      deviceId: "meter-07",
      groupId: "meters",
    });
    expect(device.status, device.text).toBe(201);
    stopMeters = await answerMeterCommands({
      url: platform.mqttUrl,
      tenant: "acme",
      apiKey: deviceKey,
      meters,
    });
  }, 60_000);

  afterAll(async () => {
    await stopMeters?.();
    await platform?.stop();
  });

  async function sendAndWait(body: Record<string, unknown>) {
    const sent = await platform.call(
      platform.urls.cloudApi,
      writer,
      "POST",
      "/v1/devices/meter-07/commands",
      {
        timeoutSeconds: 60,
        ...body,
      },
    );
    expect(sent.status, sent.text).toBe(202);
    const location = sent.headers.get("location")!;
    return eventually(async () => {
      const answer = await platform.call(platform.urls.cloudApi, writer, "GET", location);
      return ["executed", "failed"].includes(answer.body.state as string) ? answer.body : undefined;
    }, 30_000);
  }

  it("executes relay off on the meter that the command names, reported back as executed", async () => {
    const done = await sendAndWait({ command: "relay", kind: "write", value: "off" });
    expect(done.state).toBe("executed");
    expect(done.result).toEqual({ relay: "off" });
    expect(meters.get("meter-07")!.relayOn).toBe(false);
    expect(meters.get("meter-07")!.read(Date.now()).power).toBe(0);
  });

  it("reports an unknown command as failed with the meter's reason", async () => {
    const done = await sendAndWait({ command: "selfDestruct", kind: "call" });
    expect(done.state).toBe("failed");
    expect(JSON.stringify(done)).toContain("ping and relay");
  });
});
