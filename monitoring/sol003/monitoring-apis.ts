import { Router } from "express";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../../vnfs/runtime-kit/store/document-store.js";
import type { AlarmManager } from "../fault/alarm-manager.js";
import type { MonitoringHub } from "../hub/monitoring-hub.js";
import type { ApiContext } from "./common/api-context.js";
import { apiError } from "./common/api-error.js";
import {
  apiVersionsHandler,
  jsonBodies,
  problemHandler,
  requireBearer,
  requireVersion,
} from "./common/http.js";
import { NotificationSender } from "./common/notification-sender.js";
import { DEFAULT_MONITORING_API_RATE, monitoringRateLimit } from "./common/client-rate-limit.js";
import { SpecSchemas } from "./common/spec-schemas.js";
import { Subscriptions } from "./common/subscriptions.js";
import { FM_API_VERSION, alarmNotifier, fmRouter } from "./fm/fm-router.js";
import { IND_API_VERSION, IndicatorNotifier, indicatorsRouter } from "./ind/indicators-router.js";
import { PmCollector } from "./pm/pm-collector.js";
import {
  PM_API_VERSION,
  type PmJobRecord,
  type ReportRecord,
  type ThresholdRecord,
} from "./pm/pm-records.js";
import { pmJobsRouter } from "./pm/pm-jobs-router.js";
import { ThresholdMonitor } from "./pm/threshold-monitor.js";
import { thresholdsRouter } from "./pm/thresholds-router.js";

export interface MonitoringApiDeps {
  store: DocumentStore;
  hub: MonitoringHub;
  alarms: AlarmManager;
  logger: Logger;
  /** Absolute apiRoot as clients reach it (links and Location headers); a function when known only after listen. */
  apiRoot: string | (() => string);
  /** Where VNF instance resources live (default: `${apiRoot}/vnflcm/v2/vnf_instances/{id}`). */
  vnfInstanceHref?: (vnfInstanceId: string) => string;
  /** SOL003 callback test on subscription creation (default true). */
  testCallbacks?: boolean;
  sender?: NotificationSender;
  /** Verifies a bearer token (throws when invalid); absent = the host protects the router itself. */
  authorize?: (token: string) => Promise<unknown>;
  /** Requests per client on the three APIs together (default 1000/s, burst 2000); beyond: 429. */
  rateLimit?: { perSecond: number; burst: number };
}

export type MonitoringApis = Router & { close(): void; sender: NotificationSender };

/**
 * The SOL003 interfaces the VNFM provides for monitoring, as one router to mount on the
 * apiRoot: `vnfpm/v2` (6), `vnffm/v1` (7) and `vnfind/v1` (8). PM jobs, thresholds and
 * indicators follow the hub's aggregates; alarms follow the AlarmManager.
 */
export async function createMonitoringApis(deps: MonitoringApiDeps): Promise<MonitoringApis> {
  const rootOf = () =>
    (typeof deps.apiRoot === "function" ? deps.apiRoot() : deps.apiRoot).replace(/\/+$/, "");
  const sender = deps.sender ?? new NotificationSender({ logger: deps.logger });
  const context: ApiContext = {
    store: deps.store,
    hub: deps.hub,
    alarms: deps.alarms,
    sender,
    logger: deps.logger,
    get apiRoot() {
      return rootOf();
    },
    testCallbacks: deps.testCallbacks ?? true,
    vnfInstanceHref:
      deps.vnfInstanceHref ?? ((id) => `${rootOf()}/vnflcm/v2/vnf_instances/${encodeURIComponent(id)}`),
  };
  const jobs = await deps.store.collection<PmJobRecord>("vnfpm_jobs", {
    indexes: [{ fields: ["createdAt"] }],
  });
  const reports = await deps.store.collection<ReportRecord>("vnfpm_reports", {
    indexes: [{ fields: ["pmJobId"] }],
  });
  const thresholds = await deps.store.collection<ThresholdRecord>("vnfpm_thresholds", {
    indexes: [{ fields: ["objectInstanceId"] }],
  });
  const fmSubscriptions = await Subscriptions.open<never>(
    deps.store,
    "vnffm_subscriptions",
    context,
    (id) => `${rootOf()}/vnffm/v1/subscriptions/${id}`,
  );
  const indSubscriptions = await Subscriptions.open<never>(
    deps.store,
    "vnfind_subscriptions",
    context,
    (id) => `${rootOf()}/vnfind/v1/indicators/subscriptions/${id}`,
  );

  const collector = new PmCollector(context, jobs, reports);
  const thresholdMonitor = new ThresholdMonitor(context, thresholds);
  const indicatorNotifier = new IndicatorNotifier(context, indSubscriptions);
  const detach = [
    deps.hub.onView(async (view) => {
      await collector.observe(view);
      await thresholdMonitor.observe(view);
      await indicatorNotifier.observe(view);
    }),
    deps.alarms.onEvent(alarmNotifier(context, fmSubscriptions)),
  ];

  const root = Router() as MonitoringApis;
  const limit = monitoringRateLimit(deps.rateLimit ?? DEFAULT_MONITORING_API_RATE);
  const mount = (prefix: string, version: string, body: Router) => {
    const api = Router();
    if (deps.authorize) api.use(requireBearer(deps.authorize));
    api.use(limit);
    api.use(requireVersion(version));
    api.use(jsonBodies());
    api.get(
      prefix === "/vnfpm/v2" ? "/api-versions" : "/api_versions",
      apiVersionsHandler(() => `${rootOf()}${prefix}`, version),
    );
    api.use(body);
    api.use((req, _res, next) => next(apiError("NOT_FOUND", `no resource ${prefix}${req.path} in this API`)));
    api.use(problemHandler(deps.logger));
    root.use(prefix, api);
  };
  mount("/vnfpm/v2", PM_API_VERSION, pmRoutes());
  mount("/vnffm/v1", FM_API_VERSION, fmRouter(context, new SpecSchemas("vnffm-v1"), fmSubscriptions));
  mount(
    "/vnfind/v1",
    IND_API_VERSION,
    indicatorsRouter(context, new SpecSchemas("vnfind-v1"), indSubscriptions),
  );
  root.close = () => {
    for (const undo of detach) undo();
    sender.close();
  };
  root.sender = sender;
  return root;

  function pmRoutes(): Router {
    const schemas = new SpecSchemas("vnfpm-v2");
    const router = Router();
    router.use(pmJobsRouter(context, schemas, jobs, reports, (id) => collector.forget(id)));
    router.use(thresholdsRouter(context, schemas, thresholds, (id) => thresholdMonitor.forget(id)));
    return router;
  }
}
