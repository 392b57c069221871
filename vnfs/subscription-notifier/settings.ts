import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { EVENTS_EXCHANGE } from "../runtime-kit/primitives/stored-event.js";
import { webhookPolicySettings } from "./webhook-policy/webhook-policy.js";

/** Settings of the subscription notifier (read together with the common IVF_* settings). */
export const subscriptionNotifierSettings = {
  ...webhookPolicySettings,
  eventsExchange: {
    kind: "string",
    env: "IVF_BUS_EVENTS_EXCHANGE",
    description: "Bus exchange carrying stored.* and fault.* events",
    pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
    default: EVENTS_EXCHANGE,
  },
  partitions: {
    kind: "integer",
    env: "IVF_NOTIFIER_PARTITIONS",
    description:
      "Delivery partitions (each delivers in order, partitions in parallel); keep it equal on every instance",
    min: 1,
    max: 256,
    default: 8,
  },
  mqttUrl: {
    kind: "url",
    env: "IVF_NOTIFIER_MQTT_URL",
    description:
      "MQTT broker for MQTT notifications; unset: MQTT subscriptions are dead-lettered with that reason",
    protocols: ["mqtt", "mqtts", "ws", "wss"],
  },
  mqttTlsCaFile: {
    kind: "string",
    env: "IVF_NOTIFIER_MQTT_TLS_CA_FILE",
    description: "PEM CA bundle trusted for an mqtts:// or wss:// IVF_NOTIFIER_MQTT_URL (unset: system CAs)",
  },
  mqttTlsCertFile: {
    kind: "string",
    env: "IVF_NOTIFIER_MQTT_TLS_CERT_FILE",
    description:
      "PEM client certificate the notifier presents to the broker (with IVF_NOTIFIER_MQTT_TLS_KEY_FILE)",
  },
  mqttTlsKeyFile: {
    kind: "string",
    env: "IVF_NOTIFIER_MQTT_TLS_KEY_FILE",
    description: "PEM private key of IVF_NOTIFIER_MQTT_TLS_CERT_FILE (read at start, never logged)",
  },
  mqttTopicPrefix: {
    kind: "string",
    env: "IVF_NOTIFIER_MQTT_PREFIX",
    description: "Topic prefix of MQTT notifications: <prefix>/<tenant>/<subscriptionId>[/<suffix>]",
    pattern: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/,
    default: "ivf/v1/notifications",
  },
  webhookTimeout: {
    kind: "duration",
    env: "IVF_NOTIFIER_WEBHOOK_TIMEOUT",
    description: "How long one webhook call may take before it counts as failed",
    default: 5000,
  },
  retryBackoff: {
    kind: "list",
    env: "IVF_NOTIFIER_RETRY_BACKOFF_MS",
    description: "Delays in milliseconds between delivery attempts before dead-lettering (comma-separated)",
    default: ["500", "1000", "2000", "4000", "8000"],
  },
  refreshInterval: {
    kind: "duration",
    env: "IVF_NOTIFIER_REFRESH",
    description: "How often the subscription index is reloaded from the store",
    default: 2000,
  },
} satisfies ConfigSpec;
