import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { tokenAuthSettings } from "../runtime-kit/auth/auth-settings.js";

/** Settings of the data store (read together with the common IVF_* settings). */
export const dataStoreSettings = {
  ...tokenAuthSettings,
  defaultRetention: {
    kind: "duration",
    env: "IVF_DATA_STORE_RETENTION",
    description: "How long raw measurements are kept for tenants without their own retention policy",
    default: 90 * 86_400_000,
  },
  retentionInterval: {
    kind: "duration",
    env: "IVF_DATA_STORE_RETENTION_INTERVAL",
    description: "How often expired measurements are removed",
    default: 3_600_000,
  },
  maxScan: {
    kind: "integer",
    env: "IVF_DATA_STORE_MAX_SCAN",
    description: "Most raw readings one aggregate query may read; larger ranges are refused with 422",
    min: 1000,
    max: 10_000_000,
    default: 500_000,
  },
  ratePerSecond: {
    kind: "integer",
    env: "IVF_DATA_STORE_RATE",
    description:
      "Requests per second one API client may make (token bucket, burst of twice as many); beyond: 429",
    min: 1,
    max: 100_000,
    default: 100,
  },
} satisfies ConfigSpec;
