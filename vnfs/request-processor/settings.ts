import type { ConfigSpec } from "../runtime-kit/config/env-config.js";
import { REQUESTS_EXCHANGE } from "../runtime-kit/primitives/request-primitive.js";

export const EVENTS_EXCHANGE = "iot.events";
export const TELEMETRY_QUEUE = "request-processor.telemetry";

/** Settings of the request processor (read together with the common IVF_* settings). */
export const requestProcessorSettings = {
  requestsExchange: {
    kind: "string",
    env: "IVF_BUS_REQUESTS_EXCHANGE",
    description: "Bus exchange carrying request primitives",
    pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
    default: REQUESTS_EXCHANGE,
  },
  eventsExchange: {
    kind: "string",
    env: "IVF_BUS_EVENTS_EXCHANGE",
    description: "Bus exchange the request processor publishes stored.<tenant>.<deviceId> events on",
    pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
    default: EVENTS_EXCHANGE,
  },
  queue: {
    kind: "string",
    env: "IVF_REQUEST_PROCESSOR_QUEUE",
    description:
      "Prefix of the durable telemetry partition queues <queue>.p<k> (one per IVF_TELEMETRY_PARTITIONS partition, one consuming instance each)",
    pattern: /^[A-Za-z0-9_.:-]{1,240}$/,
    default: TELEMETRY_QUEUE,
  },
  prefetch: {
    kind: "integer",
    env: "IVF_REQUEST_PROCESSOR_PREFETCH",
    description:
      "Unacknowledged deliveries an instance owning every telemetry partition holds; each partition's consumer gets ceil(prefetch / partitions), at least 8",
    min: 1,
    max: 10_000,
    default: 500,
  },
  batchSize: {
    kind: "integer",
    env: "IVF_REQUEST_PROCESSOR_BATCH_SIZE",
    description:
      "Request primitives stored together in one batch (one insertMany, one latest-values update, one publishBatch of stored envelopes); a batch leaves when full or after the linger",
    min: 1,
    max: 5000,
    default: 1000,
  },
  batchLinger: {
    kind: "duration",
    env: "IVF_REQUEST_PROCESSOR_BATCH_LINGER",
    description: "Longest wait of a delivery for its batch to fill before the batch is stored anyway",
    default: 5,
  },
  maxDeliveries: {
    kind: "integer",
    env: "IVF_REQUEST_PROCESSOR_MAX_DELIVERIES",
    description: "Deliveries of a failing message before it goes to the dead-letter queue <queue>.dlq",
    min: 1,
    max: 1000,
    default: 5,
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
    env: "IVF_REQUEST_PROCESSOR_REGISTRY_CACHE_TTL",
    description: "How long device and group records are cached for semantic validation",
    default: 5000,
  },
  partitionLeaseTtl: {
    kind: "duration",
    env: "IVF_TELEMETRY_PARTITION_LEASE_TTL",
    description:
      "Lifetime of a telemetry partition lease and of an instance's membership; a crashed instance's partitions move after it",
    default: 10_000,
  },
  partitionReconcile: {
    kind: "duration",
    env: "IVF_TELEMETRY_PARTITION_RECONCILE",
    description:
      "Period of lease renewal and partition rebalancing (keep it below a third of IVF_TELEMETRY_PARTITION_LEASE_TTL)",
    default: 1000,
  },
} satisfies ConfigSpec;
