import mqtt, { type MqttClient } from "mqtt";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import { LogThrottle } from "../../runtime-kit/logging/log-throttle.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import { installDeferredAcks, type DeferredAcks } from "../../runtime-kit/mqtt/deferred-acks.js";
import type { TelemetryIntake } from "../ingest/accept-telemetry.js";
import { IngestError } from "../ingest/ingest-errors.js";
import { refusalReasonCode, REASON_TOPIC_NAME_INVALID, REASON_PAYLOAD_TOO_LARGE } from "./puback-reasons.js";
import { sessionClientOptions, type MqttSessionOptions } from "./mqtt-session-options.js";
import { parseTelemetryTopic, subscriptionFilters } from "./topic-scheme.js";

export interface MqttIngressOptions extends MqttSessionOptions {
  url: string;
  clientId: string;
  /** Read `<prefix>/x509/<tenant>/<deviceId>/attrs`: only when the broker enforces certificate identities. */
  certificateTopics?: boolean;
  topicPrefix: string;
  sharedSubscription: boolean;
  maxPayloadBytes: number;
  /** QoS 1 messages held unacknowledged at once; beyond it the client stops reading the socket. */
  maxInFlight: number;
  logger: Logger;
  kpis: IvfKpis;
}

export interface MqttIngress {
  readonly connected: boolean;
  readonly inFlight: number;
  /** Unsubscribes, waits for held messages to be confirmed and acknowledged, then disconnects. */
  close(timeoutMs: number): Promise<void>;
}

/**
 * The MQTT binding: a persistent session (clean = false) subscribed at QoS 1, so that messages
 * published while the gateway is down wait in the broker. Each message is acknowledged (PUBACK)
 * only after the bus confirmed its primitive, or after it was refused for good (a refusal cannot
 * be retried by the broker, see ingest-errors.ts). Over MQTT 5 a refusal's PUBACK carries a
 * reason code (puback-reasons.ts). A message not yet acknowledged when the connection drops is
 * redelivered by the broker.
 */
export async function startMqttIngress(
  intake: Pick<TelemetryIntake, "accept">,
  options: MqttIngressOptions,
): Promise<MqttIngress> {
  const client: MqttClient = mqtt.connect(options.url, {
    ...sessionClientOptions(options),
    clientId: options.clientId,
    clean: false,
    keepalive: 30,
    reconnectPeriod: 1000,
    connectTimeout: 10_000,
    // MQTT 5: keep the session across reconnects like clean = false does for 3.1.1 (§3.1.2.11.2).
    ...(options.protocolVersion === 5 ? { properties: { sessionExpiryInterval: 0xffffffff } } : {}),
  });
  const filters = subscriptionFilters(
    options.topicPrefix,
    options.sharedSubscription,
    options.certificateTopics,
  );
  const state = { closing: false, log: new LogThrottle(options.logger) };
  const acks: DeferredAcks = installDeferredAcks(
    client,
    options.maxInFlight,
    (topic, payload, _packet, ack) => {
      void handle(intake, options, topic, payload, state).then((reasonCode) => {
        // Unsettled (shutting down with the bus unavailable): no PUBACK, the broker redelivers.
        if (reasonCode !== undefined) ack(reasonCode);
      });
    },
  );
  client.on("close", () => acks.reset());
  client.on("error", (error) => options.logger.warn({ err: error }, "MQTT client error"));
  client.on("connect", (connack) => {
    options.kpis.connectedDevices.set({ protocol: "mqtt" }, 1);
    options.logger.info({ sessionPresent: connack.sessionPresent, filters }, "MQTT ingress connected");
    // Re-subscribing on every connect covers brokers that lost the session.
    client.subscribe(filters, { qos: 1 }, (error) => {
      if (error) options.logger.error({ err: error, filters }, "MQTT subscribe failed");
    });
  });
  client.on("offline", () => options.kpis.connectedDevices.set({ protocol: "mqtt" }, 0));
  await waitForFirstConnect(client, options.url);

  return {
    get connected() {
      return client.connected;
    },
    get inFlight() {
      return acks.inFlight;
    },
    close: async (timeoutMs) => {
      state.closing = true;
      await new Promise<void>((resolve) => client.unsubscribe(filters, () => resolve()));
      const deadline = Date.now() + timeoutMs;
      while (acks.inFlight > 0 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 20));
      await client.endAsync();
      state.log.close(); // pending "suppressed" summaries
    },
  };
}

/**
 * Resolves with the PUBACK reason code when the message is settled for good (0: accepted and
 * confirmed; >= 0x80: refused) and may be acknowledged, undefined when it must stay unacknowledged. Transient failures (store or bus unavailable) are retried with backoff while
 * the message stays unacknowledged; during shutdown they give up unacknowledged instead.
 */
async function handle(
  intake: Pick<TelemetryIntake, "accept">,
  options: MqttIngressOptions,
  topic: string,
  payload: Buffer,
  state: { closing: boolean; log: LogThrottle },
): Promise<number | undefined> {
  const parsed = parseTelemetryTopic(options.topicPrefix, topic, options.certificateTopics);
  if (!parsed) {
    options.kpis.dropped.inc({ reason: "invalid" });
    state.log.warn(
      "INVALID_TOPIC",
      { topic: redactTopic(options.topicPrefix, topic) },
      "MQTT message on a topic outside the scheme refused",
    );
    return REASON_TOPIC_NAME_INVALID;
  }
  const certificate = "certificate" in parsed ? parsed.certificate : undefined;
  const endpoint = certificate
    ? `${options.topicPrefix}/x509/${certificate.tenant}/${parsed.deviceId}/attrs`
    : `${options.topicPrefix}/***/${parsed.deviceId}/attrs`;
  if (payload.length > options.maxPayloadBytes) {
    options.kpis.dropped.inc({ reason: "too_large" });
    state.log.warn(
      "PAYLOAD_TOO_LARGE",
      { endpoint, bytes: payload.length, limit: options.maxPayloadBytes, code: "PAYLOAD_TOO_LARGE" },
      "MQTT message refused",
    );
    return REASON_PAYLOAD_TOO_LARGE;
  }
  for (let delayMs = 100; ; delayMs = Math.min(delayMs * 2, 5000)) {
    try {
      await intake.accept({
        protocol: "mqtt",
        endpoint,
        apiKey: "apiKey" in parsed ? parsed.apiKey : undefined,
        certificate,
        deviceId: parsed.deviceId,
        payload,
      });
      return 0;
    } catch (error) {
      if (error instanceof IngestError && error.drop !== "overload") {
        state.log.warn(
          error.code,
          { endpoint, code: error.code, problems: error.problems },
          "MQTT message refused",
        );
        return refusalReasonCode(error);
      }
      if (state.closing) return undefined;
      state.log.warn(
        "retrying",
        { endpoint, err: error, retryInMs: delayMs },
        "MQTT message not ingested yet; retrying",
      );
      await new Promise((resolve) => setTimeout(resolve, delayMs));
    }
  }
}

function redactTopic(prefix: string, topic: string): string {
  const levels = topic.split("/");
  const keyLevel = prefix.split("/").length;
  if (levels.length > keyLevel) levels[keyLevel] = "***";
  return levels.join("/").slice(0, 256);
}

function waitForFirstConnect(client: MqttClient, url: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      client.end(true);
      reject(
        new Error(
          `MQTT broker at ${url.replace(/\/\/[^@]*@/, "//***@")} did not accept a connection within 15 s`,
        ),
      );
    }, 15_000);
    client.once("connect", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}
