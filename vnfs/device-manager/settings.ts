import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { tokenAuthSettings } from "../runtime-kit/auth/auth-settings.js";
import { commandsExchangeSetting } from "../runtime-kit/primitives/device-command.js";

/** Settings of the device manager (read together with the common IVF_* settings). */
export const deviceManagerSettings = {
  ...tokenAuthSettings,
  commandsExchange: commandsExchangeSetting,
  expirySweep: {
    kind: "duration",
    env: "IVF_DEVICE_MANAGER_EXPIRY_SWEEP",
    description: "How often pending and delivered commands past their expiry are marked expired",
    default: 5000,
  },
  maxJobDevices: {
    kind: "integer",
    env: "IVF_DEVICE_MANAGER_MAX_JOB_DEVICES",
    description:
      "Most devices one configuration or firmware job may target (larger jobs are refused with 422)",
    min: 1,
    max: 100_000,
    default: 10_000,
  },
  ratePerSecond: {
    kind: "integer",
    env: "IVF_DEVICE_MANAGER_RATE",
    description:
      "Requests per second one API client may make (token bucket, burst of twice as many); beyond: 429",
    min: 1,
    max: 100_000,
    default: 100,
  },
} satisfies ConfigSpec;
