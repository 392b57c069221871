import type { IvfContext } from "../../runtime-kit/ivf-process.js";
import type { fieldGatewaySettings } from "../settings.js";
import { openDeviceCollections } from "../registry/device-records.js";
import { CommandDelivery } from "./command-delivery.js";
import { openOutbox } from "./command-outbox.js";
import { DeviceCredentials } from "./device-credentials.js";
import { mountHttpCommands } from "./http-commands.js";
import { startMqttCommands, type MqttCommands } from "./mqtt-commands.js";
import type { MqttSessionOptions } from "../mqtt/mqtt-session-options.js";

/** The gateways' shared work queue, named after the exchange so separate deployments never share it. */
export function commandsQueue(exchange: string): string {
  return `${exchange}.field-gateway`;
}
const PURGE_INTERVAL_MS = 60_000;

type Context = IvfContext<typeof fieldGatewaySettings>;

/** Where the gateway's MQTT sessions connect (the configured broker or the embedded one). */
export interface MqttTarget {
  url: string;
  shared: boolean;
  /** Protocol version, credentials and TLS of the gateway's sessions to that broker. */
  session: MqttSessionOptions;
  /** The broker enforces certificate identities on `<prefix>/x509/...` (the embedded broker). */
  certificateTopics: boolean;
}

/**
 * Wires command delivery into the gateway: HTTP poll/result routes now, the bus consumer at
 * once, and the MQTT session when `connectMqtt` is called with the broker the telemetry ingress
 * uses. Gateway instances compete on one durable queue, so each command is handled once.
 */
export async function startCommandDelivery(
  context: Context,
): Promise<{ connectMqtt(target: MqttTarget): Promise<void> }> {
  const { config, bus, store, logger, shutdown } = context;
  const { groups, devices } = await openDeviceCollections(store);
  const credentials = new DeviceCredentials(groups, devices, config.registryCacheTtl);
  let mqttCommands: MqttCommands | undefined;
  const delivery = new CommandDelivery({
    bus,
    exchange: config.commandsExchange,
    outbox: await openOutbox(store),
    credentials,
    mqtt: () => (mqttCommands?.connected ? mqttCommands.send : undefined),
    logger,
    metrics: context.metrics,
  });
  mountHttpCommands(context.app, delivery, credentials, { maxPayloadBytes: config.maxPayloadBytes, logger });

  await bus.declareExchange(config.commandsExchange);
  const consumer = await bus.consume(
    {
      name: commandsQueue(config.commandsExchange),
      exchange: config.commandsExchange,
      bindings: ["command.#"],
      maxDeliveries: 20,
    },
    (message) => delivery.handle(message),
    { prefetch: 20, consumerTag: `field-gateway-commands-${context.instanceId}` },
  );
  const purge = setInterval(() => {
    delivery
      .purgeExpired()
      .catch((error: unknown) => logger.warn({ err: error }, "command outbox purge failed"));
  }, PURGE_INTERVAL_MS);
  purge.unref();
  shutdown.add("stop command delivery", async () => {
    clearInterval(purge);
    await consumer.stop(config.shutdownGrace / 2);
    await mqttCommands?.close();
  });

  return {
    async connectMqtt(target) {
      mqttCommands = await startMqttCommands(delivery, credentials, {
        url: target.url,
        clientId: `ivf-fg-cmd-${context.instanceId}`.slice(0, 128),
        topicPrefix: config.mqttTopicPrefix,
        sharedSubscription: target.shared,
        maxPayloadBytes: config.maxPayloadBytes,
        publishTimeoutMs: config.publishTimeout,
        certificateTopics: target.certificateTopics,
        logger,
        ...target.session,
      });
      context.readiness.add("mqtt-commands", () => mqttCommands?.connected ?? false);
    },
  };
}
