import type { ConfigSpec } from "./env-config.js";
import { telemetryPartitionSettings } from "../primitives/telemetry-partitions.js";

/**
 * Settings every IVF process shares: identity, HTTP, logging, shutdown, and which
 * adapter backs each port. An unset URL selects the embedded adapter, so a laptop
 * needs no external service; setting it switches the same code to production infrastructure.
 */
export const commonSettings = {
  instanceId: {
    kind: "string",
    env: "IVF_INSTANCE_ID",
    description:
      "Identifier of this VNFC instance, used in logs, metrics and bus consumer tags (default: hostname-pid)",
    pattern: /^[A-Za-z0-9._:-]{1,128}$/,
  },
  logLevel: {
    kind: "enum",
    env: "IVF_LOG_LEVEL",
    description: "Log level: fatal, error, warn, info, debug, trace or silent",
    values: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
    default: "info",
  },
  httpHost: {
    kind: "string",
    env: "IVF_HTTP_HOST",
    description: "Address the HTTP server (health, readiness, metrics, APIs) binds to",
    default: "127.0.0.1",
  },
  httpPort: {
    kind: "integer",
    env: "IVF_HTTP_PORT",
    description: "Port of the HTTP server; 0 picks a free port (it is logged and reported to the VNFM)",
    min: 0,
    max: 65535,
    default: 0,
  },
  httpTlsCertFile: {
    kind: "string",
    env: "IVF_HTTP_TLS_CERT_FILE",
    description:
      "PEM certificate (chain) of the HTTP server; with IVF_HTTP_TLS_KEY_FILE it serves HTTPS only (unset: plain HTTP)",
  },
  httpTlsKeyFile: {
    kind: "string",
    env: "IVF_HTTP_TLS_KEY_FILE",
    description: "PEM private key of IVF_HTTP_TLS_CERT_FILE (read at start, never logged)",
  },
  httpTlsKeyPassphrase: {
    kind: "string",
    env: "IVF_HTTP_TLS_KEY_PASSPHRASE",
    description: "Passphrase of an encrypted IVF_HTTP_TLS_KEY_FILE",
    secret: true,
  },
  httpTlsCaFile: {
    kind: "string",
    env: "IVF_HTTP_TLS_CA_FILE",
    description:
      "PEM CA bundle for client certificates: clients may present one signed by it (device authentication at the field-gateway)",
  },
  httpTlsCrlFile: {
    kind: "string",
    env: "IVF_HTTP_TLS_CRL_FILE",
    description: "PEM certificate revocation list(s): client certificates listed in it are refused",
  },
  responseValidation: {
    kind: "enum",
    env: "IVF_API_RESPONSE_VALIDATION",
    description:
      "What a response that breaks the OpenAPI document does: log (count and send) or throw (answer 500; tests)",
    values: ["log", "throw"] as const,
    default: "log",
  },
  shutdownGrace: {
    kind: "duration",
    env: "IVF_SHUTDOWN_GRACE",
    description: "How long a graceful shutdown may take to finish in-flight work before the process exits",
    default: 10_000,
  },
  dataDir: {
    kind: "string",
    env: "IVF_DATA_DIR",
    description:
      "Directory for embedded durable state (bus and store files, PKI) when no external service is set",
    default: ".ivf/data",
  },
  amqpUrl: {
    kind: "url",
    env: "IVF_AMQP_URL",
    description: "RabbitMQ URL (amqp:// or amqps://); unset selects the embedded bus in IVF_DATA_DIR",
    protocols: ["amqp", "amqps"],
  },
  mongodbUrl: {
    kind: "url",
    env: "IVF_MONGODB_URL",
    description: "MongoDB URL; unset selects the embedded SQLite store in IVF_DATA_DIR",
    protocols: ["mongodb", "mongodb+srv"],
  },
  mongodbDatabase: {
    kind: "string",
    env: "IVF_MONGODB_DATABASE",
    description: "MongoDB database name used when IVF_MONGODB_URL is set",
    default: "iot_platform",
  },
  ...telemetryPartitionSettings,
} satisfies ConfigSpec;
