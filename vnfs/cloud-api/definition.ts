import express from "express";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { loadOpenApiDocument } from "../runtime-kit/http/openapi/openapi-document.js";
import { locateApiSpec } from "../runtime-kit/http/openapi/locate-spec.js";
import { mountOpenApi, type OperationHandler } from "../runtime-kit/http/openapi/openapi-router.js";
import { RateLimiter } from "../runtime-kit/http/rate-limiter.js";
import { createTokenVerifier } from "../runtime-kit/auth/access-token.js";
import { openDeviceCollections } from "../field-gateway/registry/device-records.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  latestValueIndexes,
  measurementIndexes,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../request-processor/storage/measurement-records.js";
import { openCommandCollections } from "../device-manager/records/command-records.js";
import { commandIssuer } from "../device-manager/commands/issue-command.js";
import { DeviceManagerKpis } from "../device-manager/kpis.js";
import { groupHandlers } from "../device-manager/api/group-handlers.js";
import { deviceHandlers } from "../device-manager/api/device-handlers.js";
import { commandHandlers } from "../device-manager/api/command-handlers.js";
import { openSubscriptions } from "../subscription-notifier/subscriptions/subscription-records.js";
import { WebhookPolicy } from "../subscription-notifier/webhook-policy/webhook-policy.js";
import { cloudApiSettings } from "./settings.js";
import {
  APPLICATION_KEYS,
  ApplicationKeyAuthenticator,
  parseConfiguredKeys,
  type ApplicationKeyRecord,
} from "./auth/application-keys.js";
import { BearerTokenAuthenticator } from "./auth/bearer-tokens.js";
import { firstOf, type Principal } from "./auth/authenticator.js";
import { FailedAuthenticationLimit } from "./auth/failed-authentication-limit.js";
import { tooManyRequests } from "./handlers/api-problems.js";
import { getLatestValues } from "./handlers/get-latest-values.js";
import { listMeasurements } from "./handlers/list-measurements.js";
import { getAggregates } from "./handlers/get-aggregates.js";
import { listDevices } from "./handlers/list-devices.js";
import { subscriptionHandlers } from "./handlers/subscription-handlers.js";
import { tenantScoped } from "./handlers/tenant-scoped.js";
import { RequestScope } from "./handlers/request-scope.js";

/** Calibrated on the 2-core reference machine (requests/s per instance). */
const CAPACITY_PER_SECOND = 2000;

/**
 * cloud-api (TR 103 527 "cloud application API"): the northbound REST API of a tenant's
 * applications, implemented from api-specs/cloud-api.yaml (docs/api-pattern.md,
 * docs/design/cloud-api.md). Devices, groups and commands run the device-manager's handlers and
 * command issuer; aggregates the data store's aggregation; subscriptions are the notifier's
 * records. Commands go out on the bus exactly like the device-manager's.
 */
export const definition: IvfDefinition<typeof cloudApiSettings> = {
  name: "cloud-api",
  settings: cloudApiSettings,
  uses: { bus: true, store: { database: "iot" } },
  async start(context) {
    const { config, store, bus, logger, metrics } = context;
    const kpis = new IvfKpis({ registry: metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(context.readiness);
    const { groups, devices } = await openDeviceCollections(store);
    const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS, measurementIndexes);
    const latest = await store.collection<LatestValueRecord>(LATEST_VALUES, latestValueIndexes);
    const subscriptions = await openSubscriptions(store);
    const commandCollections = await openCommandCollections(store);
    await bus.declareExchange(config.commandsExchange);
    const issuer = commandIssuer(
      commandCollections,
      bus,
      config.commandsExchange,
      new DeviceManagerKpis(metrics),
    );
    const keys = await store.collection<ApplicationKeyRecord>(APPLICATION_KEYS, {
      indexes: [{ fields: ["tenant"] }],
    });
    const authenticator = new FailedAuthenticationLimit(
      firstOf([
        new BearerTokenAuthenticator(
          config.identityJwksUrl
            ? createTokenVerifier({
                issuer: config.identityIssuer,
                audience: config.identityAudience,
                keys: new URL(config.identityJwksUrl),
              })
            : undefined,
        ),
        new ApplicationKeyAuthenticator(
          parseConfiguredKeys(config.applicationKeys),
          keys,
          config.authCacheTtl,
        ),
      ]),
      {
        perSecond: config.authFailureRate,
        burst: 5 * config.authFailureRate,
        tooManyRequests,
      },
    );
    const scope = new RequestScope(authenticator, devices);
    const limiter = new RateLimiter({ perSecond: config.ratePerSecond, burst: config.ratePerSecond * 2 });

    const registry = {
      ...groupHandlers({ groups, devices }),
      ...deviceHandlers({ groups, devices }),
      ...commandHandlers({ devices, commands: commandCollections.commands, issuer }),
    };
    const scoped = (operationId: string): OperationHandler => tenantScoped(registry[operationId]!);
    const listCommands = scoped("listCommands");

    context.app.use("/v1", kpis.httpMiddleware());
    context.app.use("/v1", express.json({ limit: "256kb" }));
    mountOpenApi(context.app, {
      document: await loadOpenApiDocument(locateApiSpec("cloud-api.yaml")),
      source: "cloud-api.yaml",
      handlers: {
        listDevices: listDevices(groups, devices),
        createDevice: scoped("createDevice"),
        getDevice: scoped("getDevice"),
        updateDevice: scoped("updateDevice"),
        deleteDevice: scoped("deleteDevice"),
        listGroups: scoped("listGroups"),
        createGroup: scoped("createGroup"),
        getGroup: scoped("getGroup"),
        updateGroup: scoped("updateGroup"),
        deleteGroup: scoped("deleteGroup"),
        getLatestValues: getLatestValues(scope, latest),
        listMeasurements: listMeasurements(scope, measurements),
        getAggregates: getAggregates(scope, measurements, config.aggregateMaxScan),
        sendCommand: scoped("sendCommand"),
        getCommand: scoped("getCommand"),
        // The device-manager lists by (tenant, device) only; here an unknown device is a 404 as elsewhere.
        listCommands: async (input, req) => {
          await scope.device(input.auth as Principal, input.path.deviceId as string);
          return listCommands(input, req);
        },
        ...subscriptionHandlers({
          subscriptions,
          devices,
          webhookPolicy: WebhookPolicy.create(config.webhookAllow, [
            config.amqpUrl,
            config.mongodbUrl,
            config.identityJwksUrl,
          ]),
        }),
      },
      authenticate: async (req) => {
        const principal = await scope.principal(req);
        // Per application, after authentication: an anonymous flood cannot use up a tenant's budget.
        const wait = limiter.take(`${principal.tenant}/${principal.subject}`);
        if (wait > 0) {
          throw tooManyRequests(
            `more than ${config.ratePerSecond} requests per second from ${principal.subject}; retry in ${wait} s`,
            wait,
          );
        }
        return principal;
      },
      responseValidation: config.responseValidation as "log" | "throw",
      logger,
      metrics,
    });
  },
};
