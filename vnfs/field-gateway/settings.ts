import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { REQUESTS_EXCHANGE } from "../runtime-kit/primitives/request-primitive.js";
import { commandsExchangeSetting } from "../runtime-kit/primitives/device-command.js";

/** Settings of the field gateway (read together with the common IVF_* settings). */
export const fieldGatewaySettings = {
  provisioningFile: {
    kind: "string",
    env: "IVF_PROVISIONING_FILE",
    description:
      "YAML file of device groups and devices seeded into the registry at start (docs/design/telemetry-path.md)",
  },
  mqttUrl: {
    kind: "url",
    env: "IVF_MQTT_URL",
    description:
      "MQTT broker the device traffic arrives on (mqtt, mqtts, ws, wss); unset: see IVF_MQTT_EMBEDDED_PORT",
    protocols: ["mqtt", "mqtts", "ws", "wss"],
  },
  mqttEmbeddedPort: {
    kind: "integer",
    env: "IVF_MQTT_EMBEDDED_PORT",
    description:
      "When IVF_MQTT_URL is unset, run an embedded MQTT broker on this port (0: a free port); unset: no MQTT ingress",
    min: 0,
    max: 65535,
  },
  mqttEmbeddedTlsPort: {
    kind: "integer",
    env: "IVF_MQTT_EMBEDDED_TLS_PORT",
    description:
      "mqtts listener of the embedded broker (0: a free port), with the IVF_HTTP_TLS_* certificate; devices may present a client certificate signed by IVF_HTTP_TLS_CA_FILE",
    min: 0,
    max: 65535,
  },
  mqttEmbeddedMaxConnections: {
    kind: "integer",
    env: "IVF_MQTT_EMBEDDED_MAX_CONNECTIONS",
    description:
      "Open connections the embedded MQTT broker accepts at most; beyond, new connections are closed at once (its largest packet is IVF_FIELD_GATEWAY_MAX_PAYLOAD plus 4 KiB)",
    min: 1,
    max: 1_000_000,
    default: 10_000,
  },
  mqttEmbeddedConnectRate: {
    kind: "integer",
    env: "IVF_MQTT_EMBEDDED_CONNECT_RATE",
    description:
      "New connections per second one address may open on the embedded MQTT broker (token bucket, burst of ten times as many)",
    min: 1,
    max: 1_000_000,
    default: 100,
  },
  mqttProtocolVersion: {
    kind: "enum",
    env: "IVF_MQTT_PROTOCOL_VERSION",
    description:
      "MQTT version of the gateway's sessions to IVF_MQTT_URL (5: refusals get PUBACK reason codes); the embedded broker speaks 3.1.1",
    values: ["3.1.1", "5"] as const,
    default: "3.1.1",
  },
  mqttTlsCaFile: {
    kind: "string",
    env: "IVF_MQTT_TLS_CA_FILE",
    description:
      "PEM CA bundle the gateway trusts for an mqtts:// or wss:// IVF_MQTT_URL (unset: system CAs)",
  },
  mqttTlsCertFile: {
    kind: "string",
    env: "IVF_MQTT_TLS_CERT_FILE",
    description: "PEM client certificate the gateway presents to the broker (with IVF_MQTT_TLS_KEY_FILE)",
  },
  mqttTlsKeyFile: {
    kind: "string",
    env: "IVF_MQTT_TLS_KEY_FILE",
    description: "PEM private key of IVF_MQTT_TLS_CERT_FILE (read at start, never logged)",
  },
  mqttTlsKeyPassphrase: {
    kind: "string",
    env: "IVF_MQTT_TLS_KEY_PASSPHRASE",
    description: "Passphrase of an encrypted IVF_MQTT_TLS_KEY_FILE",
    secret: true,
  },
  mqttUsername: {
    kind: "string",
    env: "IVF_MQTT_USERNAME",
    description: "MQTT user name of the gateway's session",
  },
  mqttPassword: {
    kind: "string",
    env: "IVF_MQTT_PASSWORD",
    description: "MQTT password of the gateway's session",
    secret: true,
  },
  mqttTopicPrefix: {
    kind: "string",
    env: "IVF_MQTT_TOPIC_PREFIX",
    description: "Prefix of device topics <prefix>/<apiKey>/<deviceId>/attrs",
    pattern: /^[A-Za-z0-9_-]+(\/[A-Za-z0-9_-]+)*$/,
    default: "ivf/v1",
  },
  mqttSharedSubscription: {
    kind: "boolean",
    env: "IVF_MQTT_SHARED_SUBSCRIPTION",
    description:
      "Subscribe as $share/field-gateway/... so gateway instances split the traffic (off for brokers without shared subscriptions)",
    default: true,
  },
  maxPayloadBytes: {
    kind: "integer",
    env: "IVF_FIELD_GATEWAY_MAX_PAYLOAD",
    description: "Largest telemetry payload accepted, in bytes, on every binding",
    min: 64,
    max: 4_000_000,
    default: 65_536,
  },
  deviceRate: {
    kind: "integer",
    env: "IVF_FIELD_GATEWAY_DEVICE_RATE",
    description:
      "Telemetry messages per second one device may send (token bucket per credential and device, burst of ten times as many); beyond: HTTP 429, MQTT refused and counted as rate_limited",
    min: 1,
    max: 1_000_000,
    default: 100,
  },
  maxInFlight: {
    kind: "integer",
    env: "IVF_FIELD_GATEWAY_MAX_INFLIGHT",
    description:
      "Messages accepted and not yet confirmed by the bus; beyond it HTTP answers 503 and MQTT stops reading",
    min: 1,
    max: 1_000_000,
    default: 5000,
  },
  batchSize: {
    kind: "integer",
    env: "IVF_FIELD_GATEWAY_BATCH_SIZE",
    description: "Primitives per publisher-confirmed batch on the bus",
    min: 1,
    max: 10_000,
    default: 500,
  },
  batchLinger: {
    kind: "duration",
    env: "IVF_FIELD_GATEWAY_BATCH_LINGER",
    description: "How long a batch waits to fill before it is published",
    default: 5,
  },
  envelopes: {
    kind: "boolean",
    env: "IVF_FIELD_GATEWAY_ENVELOPES",
    description:
      "Pack the primitives of one batch into one bus message per tenant and partition (telemetry.<tenant>.@envelope.<k>); false publishes one message per device message",
    default: true,
  },
  publishTimeout: {
    kind: "duration",
    env: "IVF_FIELD_GATEWAY_PUBLISH_TIMEOUT",
    description: "How long an HTTP request waits for the bus confirm before it is answered 503",
    default: 10_000,
  },
  maxFutureSkew: {
    kind: "duration",
    env: "IVF_MAX_FUTURE_SKEW",
    description:
      "Measurement timestamps later than acceptance time plus this are refused (device clock skew allowance)",
    default: 300_000,
  },
  registryCacheTtl: {
    kind: "duration",
    env: "IVF_FIELD_GATEWAY_REGISTRY_CACHE_TTL",
    description: "How long device groups and devices are cached; a revoked key stops working within it",
    default: 5000,
  },
  requestsExchange: {
    kind: "string",
    env: "IVF_BUS_REQUESTS_EXCHANGE",
    description: "Bus exchange carrying request primitives",
    pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
    default: REQUESTS_EXCHANGE,
  },
  commandsExchange: commandsExchangeSetting,
} satisfies ConfigSpec;
