import mqtt, { type MqttClient } from "mqtt";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatformBroker, type PlatformBroker } from "../../vnfs/cli/up/platform-broker.js";

/**
 * The broker `ivf up` runs for the platform: devices cannot harvest other devices' topics (which
 * carry API keys) with wildcards, nobody publishes to `$` topics, and the gateways' credential
 * (handed to field-gateway VNFCs) may subscribe as the gateways need.
 */
let platform: PlatformBroker;
const clients: MqttClient[] = [];

async function connect(options: mqtt.IClientOptions = {}): Promise<MqttClient> {
  const client = await mqtt.connectAsync(platform.broker.url, { reconnectPeriod: 0, ...options });
  clients.push(client);
  return client;
}

beforeAll(async () => {
  platform = await startPlatformBroker(pino({ level: "silent" }));
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.endAsync(true)));
  await platform?.broker.close();
});

describe("ivf up's platform MQTT broker", () => {
  it("refuses wildcard subscriptions of devices and grants them to the gateways' credential", async () => {
    const device = await connect();
    await expect(device.subscribeAsync("ivf/v1/+/+/attrs", { qos: 1 })).rejects.toThrow(/Subscribe error/);
    const [exact] = await device.subscribeAsync("ivf/v1/devices/demo/meter-0001/cmd", { qos: 1 });
    expect(exact?.qos).toBe(1);

    const gateway = await connect({
      username: platform.gatewayEnv.IVF_MQTT_USERNAME,
      password: platform.gatewayEnv.IVF_MQTT_PASSWORD,
    });
    const [granted] = await gateway.subscribeAsync("ivf/v1/+/+/attrs", { qos: 1 });
    expect(granted?.qos).toBe(1);
    const received = new Promise<string>((resolve) => gateway.once("message", (topic) => resolve(topic)));
    await device.publishAsync("ivf/v1/some-key/meter-0001/attrs", '{"power":1}', { qos: 1 });
    expect(await received).toBe("ivf/v1/some-key/meter-0001/attrs");
  });

  it("refuses a session that claims the gateways' user name with another password", async () => {
    await expect(
      connect({ username: platform.gatewayEnv.IVF_MQTT_USERNAME, password: "guessed-password" }),
    ).rejects.toThrow(/authori[sz]ed|Not authorized/i);
  });

  it("never forwards a device's publication to a $ topic", async () => {
    const gateway = await connect({
      username: platform.gatewayEnv.IVF_MQTT_USERNAME,
      password: platform.gatewayEnv.IVF_MQTT_PASSWORD,
    });
    await gateway.subscribeAsync("$forged/topic", { qos: 1 });
    let forwarded = false;
    gateway.on("message", (topic) => (forwarded ||= topic === "$forged/topic"));
    const device = await connect();
    // The broker refuses the publication (and drops the session); the promise may never settle.
    void device.publishAsync("$forged/topic", "x", { qos: 1 }).catch(() => undefined);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(forwarded).toBe(false);
  });
});
