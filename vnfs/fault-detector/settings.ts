import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { EVENTS_EXCHANGE } from "../runtime-kit/primitives/stored-event.js";

export const FAULT_QUEUE = "fault-detector.stored";

/** Settings of the fault detector (read together with the common IVF_* settings). */
export const faultDetectorSettings = {
  eventsExchange: {
    kind: "string",
    env: "IVF_BUS_EVENTS_EXCHANGE",
    description:
      "Bus exchange carrying stored.<tenant>.<deviceId> events in and fault.<tenant>.<deviceId> events out",
    pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
    default: EVENTS_EXCHANGE,
  },
  queue: {
    kind: "string",
    env: "IVF_FAULT_DETECTOR_QUEUE",
    description:
      "Queue of stored events for the fault detector (single active consumer: series state lives in memory)",
    pattern: /^[A-Za-z0-9_.:-]{1,250}$/,
    default: FAULT_QUEUE,
  },
  prefetch: {
    kind: "integer",
    env: "IVF_FAULT_DETECTOR_PREFETCH",
    description: "Stored events the fault detector holds unacknowledged at once",
    min: 1,
    max: 10_000,
    default: 500,
  },
  maxSeries: {
    kind: "integer",
    env: "IVF_FAULT_DETECTOR_MAX_SERIES",
    description:
      "Time series (tenant, device, attribute) kept in memory; the least recently seen are evicted",
    min: 100,
    max: 10_000_000,
    default: 200_000,
  },
  profileCacheTtl: {
    kind: "duration",
    env: "IVF_FAULT_DETECTOR_PROFILE_TTL",
    description: "How long per-group detection parameters are cached before being read again from the store",
    default: 30_000,
  },
} satisfies ConfigSpec;
