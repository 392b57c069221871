import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { loadOpenApiDocument } from "../runtime-kit/http/openapi/openapi-document.js";
import { locateApiSpec } from "../runtime-kit/http/openapi/locate-spec.js";
import { mountOpenApi } from "../runtime-kit/http/openapi/openapi-router.js";
import { openDeviceCollections } from "../field-gateway/registry/device-records.js";
import {
  LATEST_VALUES,
  MEASUREMENTS,
  latestValueIndexes,
  measurementIndexes,
  type LatestValueRecord,
  type MeasurementRecord,
} from "../request-processor/storage/measurement-records.js";
import { cloudApiSettings } from "./settings.js";
import {
  APPLICATION_KEYS,
  ApplicationKeyAuthenticator,
  parseConfiguredKeys,
  type ApplicationKeyRecord,
} from "./auth/application-keys.js";
import { getLatestValues } from "./handlers/get-latest-values.js";
import { listMeasurements } from "./handlers/list-measurements.js";
import { RequestScope } from "./handlers/request-scope.js";

/** Calibrated on the 2-core reference machine (requests/s per instance). */
const CAPACITY_PER_SECOND = 2000;

/**
 * cloud-api (TR 103 527 "cloud application API"), first slice: latest values and time ranges of a
 * device's measurements, implemented from api-specs/cloud-api.yaml (docs/api-pattern.md).
 */
export const definition: IvfDefinition<typeof cloudApiSettings> = {
  name: "cloud-api",
  settings: cloudApiSettings,
  uses: { bus: false, store: { database: "iot" } },
  async start(context) {
    const { config, store, logger } = context;
    const kpis = new IvfKpis({ registry: context.metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(context.readiness);
    const { devices } = await openDeviceCollections(store);
    const measurements = await store.collection<MeasurementRecord>(MEASUREMENTS, measurementIndexes);
    const latest = await store.collection<LatestValueRecord>(LATEST_VALUES, latestValueIndexes);
    const keys = await store.collection<ApplicationKeyRecord>(APPLICATION_KEYS, {
      indexes: [{ fields: ["tenant"] }],
    });
    const authenticator = new ApplicationKeyAuthenticator(
      parseConfiguredKeys(config.applicationKeys),
      keys,
      config.authCacheTtl,
    );
    const scope = new RequestScope(authenticator, devices);

    context.app.use("/v1", kpis.httpMiddleware());
    const specFile = locateApiSpec("cloud-api.yaml");
    mountOpenApi(context.app, {
      document: await loadOpenApiDocument(specFile),
      source: "cloud-api.yaml",
      handlers: {
        getLatestValues: getLatestValues(scope, latest),
        listMeasurements: listMeasurements(scope, measurements),
      },
      authenticate: (req) => scope.principal(req),
      responseValidation: config.responseValidation as "log" | "throw",
      logger,
      metrics: context.metrics,
    });
  },
};
