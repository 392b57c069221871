import { Counter } from "prom-client";
import express from "express";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { loadOpenApiDocument } from "../runtime-kit/http/openapi/openapi-document.js";
import { locateApiSpec } from "../runtime-kit/http/openapi/locate-spec.js";
import { mountOpenApi } from "../runtime-kit/http/openapi/openapi-router.js";
import { createTokenVerifier } from "../runtime-kit/auth/access-token.js";
import { RateLimiter } from "../runtime-kit/http/rate-limiter.js";
import { ConfigError } from "../runtime-kit/config/env-config.js";
import { dataStoreHandlers } from "./api/data-store-handlers.js";
import { openRetentionPolicies } from "./retention/retention-policies.js";
import { runRetention } from "./retention/retention-job.js";
import { dataStoreSettings } from "./settings.js";
import {
  MEASUREMENTS,
  MEASUREMENT_SHARD_KEY,
  type MeasurementRecord,
} from "../request-processor/storage/measurement-records.js";

const CAPACITY_PER_SECOND = 200;

/**
 * data-store (TR 103 527 data storage): owns the life cycle of stored measurements — per-tenant
 * retention of raw readings and time-bucket aggregates — on the shared `iot` database that the
 * request processor writes (MongoDB in production, embedded SQLite otherwise).
 */
export const definition: IvfDefinition<typeof dataStoreSettings> = {
  name: "data-store",
  settings: dataStoreSettings,
  uses: { bus: false, store: { database: "iot" } },
  async start({ config, store, app, metrics, readiness, logger, shutdown }) {
    if (!config.identityJwksUrl) {
      throw new ConfigError([
        "IVF_IDENTITY_JWKS_URL is required: the data store API accepts only identity's tokens",
      ]);
    }
    const kpis = new IvfKpis({ registry: metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(readiness);
    const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS, {
      indexes: [
        { fields: ["tenant", "timestamp"] },
        { fields: ["tenant", "deviceId", "attribute", "sortKey"] },
      ],
      shardKey: MEASUREMENT_SHARD_KEY,
    });
    const policies = await openRetentionPolicies(store);
    const deleted = new Counter({
      name: "iotvf_retention_deleted_measurements_total",
      help: "Raw measurements removed because they outlived their tenant's retention",
      registers: [metrics],
    });

    const retention = () =>
      runRetention({
        measurements,
        policies,
        defaultRetentionMs: config.defaultRetention,
        sliceMs: 3_600_000,
        logger,
        deleted,
      }).catch((error: unknown) => logger.error({ err: error }, "retention run failed"));
    const timer = setInterval(() => void retention(), config.retentionInterval);
    timer.unref();
    shutdown.add("stop retention", () => clearInterval(timer));
    void retention();

    app.use(express.json({ limit: "4kb" }));
    mountOpenApi(app, {
      document: await loadOpenApiDocument(locateApiSpec("data-store.yaml", import.meta.url)),
      source: "data-store.yaml",
      handlers: dataStoreHandlers({
        verify: createTokenVerifier({
          issuer: config.identityIssuer,
          audience: config.identityAudience,
          keys: new URL(config.identityJwksUrl),
        }),
        limiter: new RateLimiter({ perSecond: config.ratePerSecond, burst: config.ratePerSecond * 2 }),
        measurements,
        policies,
        defaultRetentionMs: config.defaultRetention,
        maxScan: config.maxScan,
      }),
      responseValidation: config.responseValidation as "log" | "throw",
      logger,
      metrics,
    });
  },
};
