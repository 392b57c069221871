/**
 * Settings of `ivf vnfm serve` (STYLE.md §6): IVF_VNFM_* environment variables with laptop
 * defaults, validated at start with every problem listed at once.
 */
import { loadConfig, type ConfigOf } from "../vnfs/runtime-kit/config/env-config.js";

export const vnfmSettings = {
  host: {
    kind: "string",
    env: "IVF_VNFM_HTTP_HOST",
    description: "Address the VNFM APIs bind to",
    default: "127.0.0.1",
  },
  port: {
    kind: "integer",
    env: "IVF_VNFM_HTTP_PORT",
    description: "Port of the VNFM APIs (0 picks a free one)",
    min: 0,
    max: 65535,
    default: 9090,
  },
  apiRoot: {
    kind: "url",
    env: "IVF_VNFM_API_ROOT",
    description: "Public {apiRoot} used in links and notifications (default http(s)://host:port)",
    protocols: ["http", "https"],
  },
  dataDir: {
    kind: "string",
    env: "IVF_VNFM_DATA_DIR",
    description: "Directory of the embedded store and of VNFC data directories",
    default: ".ivf/vnfm",
  },
  mongodbUrl: {
    kind: "url",
    env: "IVF_MONGODB_URL",
    description: "MongoDB URL; unset selects the embedded SQLite store",
    protocols: ["mongodb", "mongodb+srv"],
  },
  mongodbDatabase: {
    kind: "string",
    env: "IVF_MONGODB_DATABASE",
    description: "MongoDB database name",
    default: "ivf",
  },
  logLevel: {
    kind: "enum",
    env: "IVF_LOG_LEVEL",
    description: "Log level",
    values: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
    default: "info",
  },
  vnfcCommand: {
    kind: "string",
    env: "IVF_VNFM_VNFC_COMMAND",
    description: "Command of a VNFC process, {function} = Vdu.Compute name",
    default: "node dist/vnfs/cli/main.js run {function}",
  },
  vnfcCwd: {
    kind: "string",
    env: "IVF_VNFM_VNFC_CWD",
    description: "Working directory of VNFC processes (default: current directory)",
  },
  vnfcReadyTimeout: {
    kind: "duration",
    env: "IVF_VNFM_VNFC_READY_TIMEOUT",
    description: "How long a VNFC may take to answer GET /readyz with 200",
    default: 30_000,
  },
  gracePeriod: {
    kind: "duration",
    env: "IVF_VNFM_GRACE_PERIOD",
    description: "Default drain time of a VNFC on scale-in, graceful terminate and stop",
    default: 10_000,
  },
  grantUrl: {
    kind: "url",
    env: "IVF_VNFM_NFVO_GRANT_URL",
    description:
      "Full grant URL of an external NFVO (e.g. https://so:9092/so/vnfm-adapter/v1/grants); unset grants locally",
    protocols: ["http", "https"],
  },
  grantApiVersion: {
    kind: "string",
    env: "IVF_VNFM_NFVO_GRANT_VERSION",
    description: "Version header sent to the NFVO (empty for ONAP SO)",
    default: "1.4.0",
  },
  grantPollInterval: {
    kind: "duration",
    env: "IVF_VNFM_NFVO_GRANT_POLL",
    description: "Poll interval of asynchronous (202) grants",
    default: 1000,
  },
  grantTimeout: {
    kind: "duration",
    env: "IVF_VNFM_NFVO_GRANT_TIMEOUT",
    description: "How long a grant may take",
    default: 60_000,
  },
  nfvoTokenUrl: {
    kind: "url",
    env: "IVF_VNFM_NFVO_TOKEN_URL",
    description: "OAuth 2.0 token endpoint of the NFVO (client credentials)",
    protocols: ["http", "https"],
  },
  nfvoClientId: { kind: "string", env: "IVF_VNFM_NFVO_CLIENT_ID", description: "Client id towards the NFVO" },
  nfvoClientSecret: {
    kind: "string",
    env: "IVF_VNFM_NFVO_CLIENT_SECRET",
    description: "Client secret towards the NFVO",
    secret: true,
  },
  callbackTestV2: {
    kind: "boolean",
    env: "IVF_VNFM_CALLBACK_TEST_V2",
    description: "GET-test callbackUri of v2 subscriptions",
    default: true,
  },
  callbackTestV1: {
    kind: "boolean",
    env: "IVF_VNFM_CALLBACK_TEST_V1",
    description: "GET-test callbackUri of v1 subscriptions (ONAP SO serves no GET)",
    default: false,
  },
  pageSize: {
    kind: "integer",
    env: "IVF_VNFM_PAGE_SIZE",
    description: "Items per page of list responses",
    min: 1,
    max: 10_000,
    default: 100,
  },
  apiRate: {
    kind: "integer",
    env: "IVF_VNFM_API_RATE",
    description:
      "Requests per second one client may make on vnflcm and vnfpkgm (token bucket, burst of twice as many); beyond: 429 with Retry-After",
    min: 1,
    max: 1_000_000,
    default: 1000,
  },
  notifyMaxAttempts: {
    kind: "integer",
    env: "IVF_VNFM_NOTIFY_MAX_ATTEMPTS",
    description: "Delivery attempts per notification",
    min: 1,
    default: 10,
  },
  notifyBackoff: {
    kind: "duration",
    env: "IVF_VNFM_NOTIFY_BACKOFF",
    description: "First retry delay (doubles up to the maximum)",
    default: 1000,
  },
  notifyMaxBackoff: {
    kind: "duration",
    env: "IVF_VNFM_NOTIFY_MAX_BACKOFF",
    description: "Longest retry delay",
    default: 300_000,
  },
  notifyQueueLimit: {
    kind: "integer",
    env: "IVF_VNFM_NOTIFY_QUEUE_LIMIT",
    description: "Notifications kept per subscriber (oldest dropped beyond)",
    min: 1,
    default: 1000,
  },
  notifyTimeout: {
    kind: "duration",
    env: "IVF_VNFM_NOTIFY_TIMEOUT",
    description: "Timeout of one notification POST or callback test",
    default: 10_000,
  },
  authMode: {
    kind: "enum",
    env: "IVF_VNFM_AUTH",
    description:
      "local: the VNFM issues tokens; external: trust IVF_VNFM_JWKS_URL; none: no auth (tests only)",
    values: ["local", "external", "none"],
    default: "local",
  },
  clients: {
    kind: "string",
    env: "IVF_VNFM_CLIENTS",
    description: "OAuth clients id:secret[,id:secret] for the token endpoint",
    secret: true,
    default: "demo-nfvo:demo-secret",
  },
  tokenTtl: {
    kind: "duration",
    env: "IVF_VNFM_TOKEN_TTL",
    description: "Lifetime of issued access tokens",
    default: 3_600_000,
  },
  jwtSecret: {
    kind: "string",
    env: "IVF_VNFM_JWT_SECRET",
    description: "HS256 key of issued tokens (random per start when unset)",
    secret: true,
  },
  jwksUrl: {
    kind: "url",
    env: "IVF_VNFM_JWKS_URL",
    description: "JWKS of the external token issuer",
    protocols: ["http", "https"],
  },
  jwtIssuer: { kind: "string", env: "IVF_VNFM_JWT_ISSUER", description: "Expected iss of external tokens" },
  jwtAudience: {
    kind: "string",
    env: "IVF_VNFM_JWT_AUDIENCE",
    description: "Expected aud of tokens",
    default: "ivf-vnfm",
  },
  tlsCert: { kind: "string", env: "IVF_VNFM_TLS_CERT", description: "PEM certificate file; enables HTTPS" },
  tlsKey: { kind: "string", env: "IVF_VNFM_TLS_KEY", description: "PEM private key file", secret: true },
  tlsClientCa: {
    kind: "string",
    env: "IVF_VNFM_TLS_CLIENT_CA",
    description: "PEM CA file; when set clients must present a certificate it signed (mutual TLS)",
  },
} as const;

export type VnfmConfig = ConfigOf<typeof vnfmSettings>;

export function loadVnfmConfig(env: NodeJS.ProcessEnv = process.env): VnfmConfig {
  return loadConfig(vnfmSettings, env);
}
