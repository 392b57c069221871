import { randomBytes } from "node:crypto";
import amqp from "amqplib";
import mqtt, { type MqttClient } from "mqtt";
import { commandsQueue } from "../../../vnfs/field-gateway/commands/start-command-delivery.js";
import { statusQueue } from "../../../vnfs/device-manager/commands/status-consumer.js";
import { afterAll, beforeAll, expect, it } from "vitest";
import { describeWithServices, serviceAddresses } from "../../support/services.js";
import { eventually, startPlatform, type PlatformFixture } from "../device-manager/device-manager-fixture.js";

/**
 * The MQTT command round trip over the production adapters: RabbitMQ carries commands and
 * statuses between device-manager and field gateway, Mosquitto carries them to and from the
 * device. A per-run topic prefix and commands exchange keep parallel runs on the shared brokers apart.
 */
await describeWithServices(["rabbitmq", "mosquitto"], "device commands over RabbitMQ and Mosquitto", () => {
  const prefix = `ivftest-${randomBytes(4).toString("hex")}/v1`;
  const exchange = `ivftest.commands.${randomBytes(4).toString("hex")}`;
  let platform: PlatformFixture;
  let device: MqttClient;
  let apiKey: string;
  let writer: string;
  let reader: string;

  beforeAll(async () => {
    platform = await startPlatform({
      gateway: true,
      env: {
        IVF_AMQP_URL: serviceAddresses.rabbitmq.url,
        IVF_MQTT_URL: serviceAddresses.mosquitto.url,
        IVF_MQTT_TOPIC_PREFIX: prefix,
        // Own exchange (and so own queues): gateways and device-managers of other runs on the shared
        // RabbitMQ would otherwise compete for these commands and statuses without knowing the devices.
        IVF_BUS_COMMANDS_EXCHANGE: exchange,
      },
    });
    const admin = await platform.token("acme", "acme-admin", ["tenant-admin"]);
    writer = await platform.token("acme", "acme-writer", ["writer"]);
    reader = await platform.token("acme", "acme-reader", ["reader"]);
    apiKey = (
      await platform.api(admin, "POST", "/v1/tenants/acme/groups", { groupId: "pumps", transport: "mqtt" })
    ).body.apiKey;
    await platform.api(admin, "POST", "/v1/tenants/acme/devices", { deviceId: "pump-1", groupId: "pumps" });
    device = await mqtt.connectAsync(serviceAddresses.mosquitto.url, {
      clientId: `pump-1-${randomBytes(4).toString("hex")}`,
      clean: true,
    });
    device.on("message", (_topic, payload) => {
      const command = JSON.parse(payload.toString()) as { commandId: string; value?: unknown };
      const reply = { commandId: command.commandId, status: "executed", result: { speed: command.value } };
      void device.publishAsync(`${prefix}/${apiKey}/pump-1/cmdexe`, JSON.stringify(reply), { qos: 1 });
    });
    await device.subscribeAsync(`${prefix}/devices/acme/pump-1/cmd`, { qos: 1 });
  }, 60_000);

  afterAll(async () => {
    await device?.endAsync();
    await platform?.stop();
    // Leave nothing behind on the shared RabbitMQ.
    const connection = await amqp.connect(serviceAddresses.rabbitmq.url);
    const channel = await connection.createChannel();
    for (const queue of [commandsQueue(exchange), statusQueue(exchange)]) {
      await channel.deleteQueue(queue);
      await channel.deleteQueue(`${queue}.dlq`);
    }
    await channel.deleteExchange(exchange);
    await connection.close();
  });

  it("takes ten commands from pending through delivered to executed", async () => {
    const sent = [];
    for (let index = 0; index < 10; index++) {
      const answer = await platform.api(writer, "POST", "/v1/tenants/acme/devices/pump-1/commands", {
        command: "speed",
        value: index * 100,
      });
      expect(answer.status).toBe(202);
      sent.push(answer.body as { commandId: string });
    }
    for (const [index, command] of sent.entries()) {
      const executed = await eventually(async () => {
        const answer = await platform.api(
          reader,
          "GET",
          `/v1/tenants/acme/devices/pump-1/commands/${command.commandId}`,
        );
        return answer.body.state === "executed" ? answer.body : undefined;
      }, 45_000);
      expect(executed.history.map((change: { state: string }) => change.state)).toEqual([
        "pending",
        "delivered",
        "executed",
      ]);
      expect(executed.result).toEqual({ speed: index * 100 });
    }
  }, 120_000);
});
