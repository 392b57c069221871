import mqtt from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { eventually } from "../ivfs/cloud-api/platform-fixture.js";
import {
  cloud,
  deviceKeys,
  iso,
  latestValue,
  mqttNotifications,
  publish,
  setUpIsolationWorld,
  tearDownIsolationWorld,
} from "./tenant-isolation-world.js";

/**
 * Tenant isolation on the device and bus paths: device traffic is attributed by its key, whatever
 * device id it names; subscriptions see their tenant's events only; commands reach only their
 * tenant's device topic; a device cannot complete another tenant's command.
 */
beforeAll(setUpIsolationWorld, 120_000);
afterAll(tearDownIsolationWorld);

describe("tenant isolation on the device and bus paths", () => {
  it("attributes a device's telemetry to the tenant of its key, whatever device id it names (MQTT and HTTP)", async () => {
    await publish(deviceKeys.alpha, "b-bus-device", { power: 555.5 });
    const viaHttp = await fetch(`${iso.platform.urls.gateway}/v1/telemetry/b-bus-device`, {
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
      iso.hooks.received.some((entry) => entry.path === "/alpha-meter") ? true : undefined,
    );
    await eventually(async () =>
      iso.hooks.received.some((entry) => entry.path === "/bravo-secret-hook") ? true : undefined,
    );
    await new Promise((resolve) => setTimeout(resolve, 1000)); // let anything misrouted arrive
    const alpha = iso.hooks.received.filter((entry) => entry.path.startsWith("/alpha"));
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
    const listener = await mqtt.connectAsync(iso.platform.mqttUrl, { clientId: `listener-${Date.now()}` });
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
    const forger = await mqtt.connectAsync(iso.platform.mqttUrl, { clientId: `forger-${Date.now()}` });
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
