import type { ConfigSpec } from "../vnfs/runtime-kit/config/env-config.js";

/** Settings of `ivf monitor` (IVF_MONITOR_*), read with the runtime kit's loadConfig. */
export const monitorSettings = {
  vnfmUrl: {
    kind: "url",
    env: "IVF_MONITOR_VNFM_URL",
    description:
      "apiRoot of the SOL003 VNFM (the agent reads /vnflcm/v2/vnf_instances and starts scale/heal there)",
    protocols: ["http", "https"],
  },
  interval: {
    kind: "duration",
    env: "IVF_MONITOR_INTERVAL",
    description: "Time between two monitoring cycles",
    default: 1000,
  },
  scrapeTimeout: {
    kind: "duration",
    env: "IVF_MONITOR_SCRAPE_TIMEOUT",
    description: "Timeout of one /metrics or /readyz request",
    default: 800,
  },
  window: {
    kind: "duration",
    env: "IVF_MONITOR_WINDOW",
    description: "Sliding window of rates and percentiles",
    default: 10_000,
  },
  healAfter: {
    kind: "integer",
    env: "IVF_MONITOR_HEAL_AFTER",
    description: "Consecutive failed readiness probes before a VNFC is healed (and VNFC_DOWN raised)",
    min: 1,
    max: 100,
    default: 3,
  },
  backlogAgeLimit: {
    kind: "duration",
    env: "IVF_MONITOR_BACKLOG_AGE_LIMIT",
    description: "Oldest-message age above which BACKLOG_AGE_OVER_LIMIT is raised",
    default: 30_000,
  },
  vnfmToken: {
    kind: "string",
    env: "IVF_MONITOR_VNFM_TOKEN",
    description: "Static OAuth 2.0 bearer token for the VNFM",
    secret: true,
  },
  tokenUrl: {
    kind: "url",
    env: "IVF_MONITOR_TOKEN_URL",
    description: "OAuth 2.0 token endpoint (client credentials) for the VNFM",
    protocols: ["http", "https"],
  },
  clientId: { kind: "string", env: "IVF_MONITOR_CLIENT_ID", description: "OAuth 2.0 client id of the agent" },
  clientSecret: {
    kind: "string",
    env: "IVF_MONITOR_CLIENT_SECRET",
    description: "OAuth 2.0 client secret of the agent",
    secret: true,
  },
  apiRoot: {
    kind: "url",
    env: "IVF_MONITOR_API_ROOT",
    description: "Public apiRoot of the agent's SOL003 PM/FM/indicator APIs (default: the listening URL)",
    protocols: ["http", "https"],
  },
  apiToken: {
    kind: "string",
    env: "IVF_MONITOR_API_TOKEN",
    description:
      "Bearer token clients must send to the agent's SOL003 APIs; required unless IVF_HTTP_HOST is a loopback address (unset there: the APIs are open)",
    secret: true,
  },
  apiRate: {
    kind: "integer",
    env: "IVF_MONITOR_API_RATE",
    description:
      "Requests per second one client may make on the agent's SOL003 APIs (token bucket, burst of twice as many); beyond: 429 with Retry-After",
    min: 1,
    max: 1_000_000,
    default: 1000,
  },
  vesUrl: {
    kind: "url",
    env: "IVF_MONITOR_VES_URL",
    description: "ONAP VES collector base URL; unset disables VES export",
    protocols: ["http", "https"],
  },
  vesUser: { kind: "string", env: "IVF_MONITOR_VES_USER", description: "VES collector Basic user" },
  vesPassword: {
    kind: "string",
    env: "IVF_MONITOR_VES_PASSWORD",
    description: "VES collector Basic password",
    secret: true,
  },
  vesEvery: {
    kind: "integer",
    env: "IVF_MONITOR_VES_EVERY",
    description: "Send VES measurements every N cycles",
    min: 1,
    max: 3600,
    default: 10,
  },
  descriptorsDir: {
    kind: "string",
    env: "IVF_MONITOR_DESCRIPTORS_DIR",
    description:
      "descriptors/ folder whose IVF models give KPIs and scaling policies (default: the built-in one)",
  },
} satisfies ConfigSpec;
