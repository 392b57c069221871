import mqtt, { type MqttClient } from "mqtt";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { decodeJson } from "../ingest/normalise-payload.js";
import { IngestError } from "../ingest/ingest-errors.js";
import type { CommandDelivery, MqttCommandSender } from "./command-delivery.js";
import { InvalidResultError, parseDeviceResult } from "./command-results.js";
import { commandTopic, parseResultTopic, resultFilters } from "./command-topics.js";
import { groupAccepts } from "../registry/device-records.js";
import type { DeviceCredentials } from "./device-credentials.js";
import { sessionClientOptions, type MqttSessionOptions } from "../mqtt/mqtt-session-options.js";

export interface MqttCommandsOptions extends MqttSessionOptions {
  url: string;
  clientId: string;
  topicPrefix: string;
  sharedSubscription: boolean;
  maxPayloadBytes: number;
  publishTimeoutMs: number;
  /** Also take replies on `<prefix>/x509/<tenant>/<deviceId>/cmdexe` (the broker enforces certificates). */
  certificateTopics?: boolean;
  logger: Logger;
}

export interface MqttCommands {
  send: MqttCommandSender;
  readonly connected: boolean;
  close(): Promise<void>;
}

/**
 * The MQTT side of commands: its own persistent session (so replies published while the gateway
 * restarts are kept by the broker), QoS 1 both ways. A reply that cannot be attributed or parsed
 * cannot be answered over MQTT; it is logged with the reason and dropped.
 */
export async function startMqttCommands(
  delivery: CommandDelivery,
  credentials: DeviceCredentials,
  options: MqttCommandsOptions,
): Promise<MqttCommands> {
  const client: MqttClient = await mqtt.connectAsync(options.url, {
    ...sessionClientOptions(options),
    clientId: options.clientId,
    clean: false,
    keepalive: 30,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    ...(options.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
  });
  client.on("error", (error) => options.logger.warn({ err: error }, "MQTT command session error"));
  client.on("message", (topic, payload) => {
    void onReply(topic, payload).catch((error: unknown) =>
      options.logger.error(
        { err: error, topic: redact(topic) },
        "command reply failed; the device may resend",
      ),
    );
  });
  await client.subscribeAsync(
    resultFilters(options.topicPrefix, options.sharedSubscription, options.certificateTopics),
    { qos: 1 },
  );

  async function onReply(topic: string, payload: Buffer): Promise<void> {
    const parsed = parseResultTopic(options.topicPrefix, topic, options.certificateTopics);
    const reject = (reason: string) =>
      options.logger.warn({ topic: redact(topic), reason }, "command reply dropped");
    if (!parsed) return reject("topic does not follow <prefix>/<apiKey>/<deviceId>/cmdexe");
    if (payload.length > options.maxPayloadBytes)
      return reject(`payload over ${options.maxPayloadBytes} bytes`);
    const device =
      "apiKey" in parsed
        ? await credentials.authenticate(parsed.apiKey, parsed.deviceId)
        : await certifiedDevice(credentials, parsed.tenant, parsed.deviceId);
    if (!device) return reject("unknown credentials or device, or device of another group");
    try {
      const result = parseDeviceResult(decodeJson(payload));
      if (!(await delivery.report(device, result)))
        reject(`no open command ${result.commandId} for this device`);
    } catch (error) {
      if (error instanceof InvalidResultError || error instanceof IngestError) return reject(error.message);
      throw error;
    }
  }

  return {
    get connected() {
      return client.connected;
    },
    async send(tenant, deviceId, payload) {
      if (!client.connected) throw new Error("MQTT command session is not connected");
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<never>((_, reject) => {
        timer = setTimeout(
          () => reject(new Error(`no PUBACK within ${options.publishTimeoutMs} ms`)),
          options.publishTimeoutMs,
        );
      });
      try {
        await Promise.race([
          client.publishAsync(commandTopic(options.topicPrefix, tenant, deviceId), payload, { qos: 1 }),
          timeout,
        ]);
      } finally {
        clearTimeout(timer);
      }
    },
    close: () => client.endAsync(),
  };
}

/** A certificate reply: the broker let only that device's certificate publish on its topic. */
async function certifiedDevice(credentials: DeviceCredentials, tenant: string, deviceId: string) {
  const device = await credentials.lookup(tenant, deviceId);
  return device && groupAccepts(device.group, "certificate") ? device : undefined;
}

/** Reply topics carry the API key: never log it. */
function redact(topic: string): string {
  const levels = topic.split("/");
  return levels.length >= 3 ? [...levels.slice(0, -3), "<apiKey>", ...levels.slice(-2)].join("/") : "<topic>";
}
