import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { tokenAuthSettings } from "../runtime-kit/auth/auth-settings.js";
import { commandsExchangeSetting } from "../runtime-kit/primitives/device-command.js";
import { webhookPolicySettings } from "../subscription-notifier/webhook-policy/webhook-policy.js";

/** Settings of cloud-api (read together with the common IVF_* settings). */
export const cloudApiSettings = {
  ...tokenAuthSettings,
  ...webhookPolicySettings,
  applicationKeys: {
    kind: "list",
    env: "IVF_CLOUD_API_KEYS",
    description:
      "Application keys (role reader) as <tenant>:<key> pairs, comma-separated; keys in the store's application_keys collection are accepted too",
    secret: true,
    default: [],
  },
  authCacheTtl: {
    kind: "duration",
    env: "IVF_CLOUD_API_AUTH_CACHE_TTL",
    description: "How long stored application keys are cached; a revoked key stops working within it",
    default: 5000,
  },
  ratePerSecond: {
    kind: "integer",
    env: "IVF_CLOUD_API_RATE",
    description:
      "Requests per second one application (token client or key) may make (token bucket, burst of twice as many); beyond: 429",
    min: 1,
    max: 100_000,
    default: 200,
  },
  authFailureRate: {
    kind: "integer",
    env: "IVF_CLOUD_API_AUTH_FAILURE_RATE",
    description:
      "Failed authentications per second one client address may make (token bucket, burst of five times as many); beyond: 429 before credentials are checked",
    min: 1,
    max: 100_000,
    default: 20,
  },
  aggregateMaxScan: {
    kind: "integer",
    env: "IVF_CLOUD_API_MAX_SCAN",
    description: "Most raw readings one aggregate query may read (larger ranges are refused with 422)",
    min: 1000,
    max: 100_000_000,
    default: 1_000_000,
  },
  commandsExchange: commandsExchangeSetting,
} satisfies ConfigSpec;
