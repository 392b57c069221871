import type { ConfigSpec } from "../runtime-kit/config/env-config.js";

/** Settings of cloud-api (read together with the common IVF_* settings). */
export const cloudApiSettings = {
  applicationKeys: {
    kind: "list",
    env: "IVF_CLOUD_API_KEYS",
    description:
      "Application keys as <tenant>:<key> pairs, comma-separated; keys in the store's application_keys collection are accepted too",
    secret: true,
    default: [],
  },
  responseValidation: {
    kind: "enum",
    env: "IVF_API_RESPONSE_VALIDATION",
    description:
      "What a response that breaks the OpenAPI document does: log (count and send) or throw (answer 500; tests)",
    values: ["log", "throw"] as const,
    default: "log",
  },
  authCacheTtl: {
    kind: "duration",
    env: "IVF_CLOUD_API_AUTH_CACHE_TTL",
    description: "How long stored application keys are cached; a revoked key stops working within it",
    default: 5000,
  },
} satisfies ConfigSpec;
