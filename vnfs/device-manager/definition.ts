import express from "express";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { ConfigError } from "../runtime-kit/config/env-config.js";
import { loadOpenApiDocument } from "../runtime-kit/http/openapi/openapi-document.js";
import { locateApiSpec } from "../runtime-kit/http/openapi/locate-spec.js";
import {
  mountOpenApi,
  ProblemError,
  type OperationHandler,
} from "../runtime-kit/http/openapi/openapi-router.js";
import { RateLimiter } from "../runtime-kit/http/rate-limiter.js";
import { createTokenVerifier } from "../runtime-kit/auth/access-token.js";
import { authenticate } from "../runtime-kit/auth/bearer-auth.js";
import { VersionConflictError } from "../runtime-kit/store/document-store.js";
import { openDeviceCollections } from "../field-gateway/registry/device-records.js";
import { openCommandCollections } from "./records/command-records.js";
import { commandIssuer } from "./commands/issue-command.js";
import { consumeStatuses, statusQueue } from "./commands/status-consumer.js";
import { startExpirySweeper } from "./commands/expiry-sweeper.js";
import { groupHandlers } from "./api/group-handlers.js";
import { deviceHandlers } from "./api/device-handlers.js";
import { commandHandlers } from "./api/command-handlers.js";
import { jobHandlers } from "./api/job-handlers.js";
import { problem } from "./api/problems.js";
import { DeviceManagerKpis } from "./kpis.js";
import { deviceManagerSettings } from "./settings.js";

const CAPACITY_PER_SECOND = 500;

/**
 * device-manager (TR 103 527 device management): device groups with API keys and
 * transformations, the device registry, commands with tracked status and configuration/firmware
 * jobs (docs/design/device-manager.md). It owns the `device_groups` and `devices` collections the
 * field gateway reads, publishes commands on `iot.commands` and consumes their statuses.
 */
export const definition: IvfDefinition<typeof deviceManagerSettings> = {
  name: "device-manager",
  settings: deviceManagerSettings,
  uses: { bus: true, store: { database: "iot" } },
  async start({ config, bus, store, app, metrics, readiness, logger, shutdown, instanceId }) {
    if (!config.identityJwksUrl) {
      throw new ConfigError([
        "IVF_IDENTITY_JWKS_URL is required: the device manager API accepts only identity's tokens",
      ]);
    }
    const kpis = new IvfKpis({ registry: metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(readiness);
    const deviceKpis = new DeviceManagerKpis(metrics);
    const { groups, devices } = await openDeviceCollections(store);
    const collections = await openCommandCollections(store);
    await bus.declareExchange(config.commandsExchange);
    const issuer = commandIssuer(collections, bus, config.commandsExchange, deviceKpis);

    const consumer = await consumeStatuses({
      bus,
      exchange: config.commandsExchange,
      collections,
      kpis,
      deviceKpis,
      logger,
      consumerTag: `device-manager-${instanceId}`,
    });
    kpis.watchQueue(bus, statusQueue(config.commandsExchange));
    const stopSweeper = startExpirySweeper(collections, deviceKpis, config.expirySweep, logger);
    shutdown.add("stop command status consumer and expiry sweeper", async () => {
      await stopSweeper();
      await consumer.stop(config.shutdownGrace);
    });

    const verify = createTokenVerifier({
      issuer: config.identityIssuer,
      audience: config.identityAudience,
      keys: new URL(config.identityJwksUrl),
    });
    const limiter = new RateLimiter({ perSecond: config.ratePerSecond, burst: config.ratePerSecond * 2 });
    app.use(express.json({ limit: "256kb" }));
    mountOpenApi(app, {
      document: await loadOpenApiDocument(locateApiSpec("device-manager.yaml", import.meta.url)),
      source: "device-manager.yaml",
      authenticate: async (req) => {
        const principal = await authenticate(req, verify);
        // Per client, after authentication: an anonymous flood cannot use up a tenant's budget.
        const wait = limiter.take(`${principal.tenant}/${principal.clientId}`);
        if (wait > 0) {
          throw new ProblemError(
            {
              type: "urn:ivf:problem:device-manager:too-many-requests",
              title: "Too many requests",
              status: 429,
              detail: `more than ${config.ratePerSecond} requests per second from client ${principal.clientId}; retry in ${wait} s`,
            },
            { "Retry-After": String(wait) },
          );
        }
        return principal;
      },
      handlers: withConflicts({
        ...groupHandlers({ groups, devices }),
        ...deviceHandlers({ groups, devices }),
        ...commandHandlers({ devices, commands: collections.commands, issuer }),
        ...jobHandlers({ groups, devices, collections, issuer, maxJobDevices: config.maxJobDevices }),
      }),
      responseValidation: config.responseValidation as "log" | "throw",
      logger,
      metrics,
    });
  },
};

/** A concurrent write between read and write (optimistic concurrency) is a 409 the caller may retry. */
function withConflicts(handlers: Record<string, OperationHandler>): Record<string, OperationHandler> {
  return Object.fromEntries(
    Object.entries(handlers).map(([operationId, handler]) => [
      operationId,
      (async (input, req) => {
        try {
          return await handler(input, req);
        } catch (error) {
          if (error instanceof VersionConflictError) {
            throw problem("CONFLICT", "the resource was modified concurrently; read it again and retry");
          }
          throw error;
        }
      }) satisfies OperationHandler,
    ]),
  );
}
