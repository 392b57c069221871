import { timingSafeEqual } from "node:crypto";
import { hostname } from "node:os";
import { listIvfModels, loadIvfModel } from "../descriptors/index.js";
import type { IvfContext, IvfDefinition } from "../vnfs/runtime-kit/ivf-process.js";
import type { Logger } from "../vnfs/runtime-kit/logging/logger.js";
import { MonitoringAgent } from "./agent.js";
import {
  clientCredentialsToken,
  noToken,
  staticToken,
  type TokenSource,
} from "./autoscaling/access-token.js";
import { policyProblems } from "./autoscaling/policy-model.js";
import { Sol003Scaler } from "./autoscaling/sol003-scaler.js";
import {
  profileFromModel,
  type MonitoringProfile,
  type ProfileSource,
} from "./discovery/monitoring-profile.js";
import { Sol003InstanceSource } from "./discovery/sol003-instance-source.js";
import { VesExporter } from "./exporters/ves-exporter.js";
import { monitorSettings } from "./monitor-settings.js";
import { createMonitoringApis } from "./sol003/monitoring-apis.js";

type MonitorContext = IvfContext<typeof monitorSettings>;

/**
 * `ivf monitor` as an IVF-like process of the runtime kit: typed configuration, /healthz,
 * /readyz (ready once the first cycle ran), /metrics (agent health + osm_* KPIs), an embedded
 * store for alarms, PM jobs and subscriptions, and the SOL003 monitoring APIs on its apiRoot.
 */
export const monitorDefinition: IvfDefinition<typeof monitorSettings> = {
  name: "monitor",
  settings: monitorSettings,
  uses: { bus: false, store: { database: "monitor" } },
  async start(context) {
    const { config, logger } = context;
    if (!config.vnfmUrl)
      throw new Error(
        "IVF_MONITOR_VNFM_URL (or --vnfm-url) is required: the agent discovers VNF instances from the VNFM",
      );
    const tokens = tokenSource(context);
    const agent = await MonitoringAgent.create({
      source: new Sol003InstanceSource({ vnfmUrl: config.vnfmUrl, tokens }),
      profiles: descriptorProfiles(logger, config.descriptorsDir),
      scaler: new Sol003Scaler({ vnfmUrl: config.vnfmUrl, tokens }),
      store: context.store,
      logger,
      metrics: context.metrics,
      intervalMs: config.interval,
      scrapeTimeoutMs: Math.min(config.scrapeTimeout, config.interval),
      windowMs: config.window,
      healAfterFailures: config.healAfter,
      backlogAgeLimitSeconds: config.backlogAgeLimit / 1000,
      ...(config.vesUrl
        ? {
            ves: {
              exporter: new VesExporter({
                collectorUrl: config.vesUrl,
                logger,
                ...(config.vesUser
                  ? { basicAuth: { user: config.vesUser, password: config.vesPassword ?? "" } }
                  : {}),
              }),
              source: { reportingEntityName: `ivf-monitor-${hostname()}`, nfVendorName: "iot-vnf-platform" },
              everyCycles: config.vesEvery,
            },
          }
        : {}),
    });
    let listeningUrl = `http://${config.httpHost}:${config.httpPort}`;
    const apiToken = config.apiToken;
    if (!apiToken)
      logger.warn(
        "IVF_MONITOR_API_TOKEN is not set: the SOL003 monitoring APIs accept unauthenticated requests",
      );
    const apis = await createMonitoringApis({
      store: context.store,
      hub: agent.hub,
      alarms: agent.alarms,
      logger,
      apiRoot: () => config.apiRoot ?? listeningUrl,
      ...(apiToken ? { authorize: async (token: string) => verifyStatic(token, apiToken) } : {}),
    });
    // With IVF_HTTP_PORT=0 the port is known only once listening: links use the port requests arrive on.
    context.app.use((req, _res, next) => {
      if (!config.apiRoot && req.socket.localPort)
        listeningUrl = `http://${config.httpHost}:${req.socket.localPort}`;
      next();
    });
    context.app.use(apis);
    context.readiness.add(
      "monitoring cycle",
      () => agent.lastCycleAt > 0 && Date.now() - agent.lastCycleAt < 10 * config.interval + 5000,
    );
    agent.start();
    context.shutdown.add("stop monitoring", async () => {
      await agent.stop();
      apis.close();
    });
  },
};

/** Constant-time comparison of a presented token with the configured one. */
function verifyStatic(presented: string, expected: string): void {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new Error("unknown token");
}

function tokenSource(context: MonitorContext): TokenSource {
  const { config } = context;
  if (config.vnfmToken) return staticToken(config.vnfmToken);
  if (config.tokenUrl && config.clientId)
    return clientCredentialsToken({
      tokenEndpoint: config.tokenUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret ?? "",
    });
  return noToken;
}

/** KPIs and policies of every authored IVF model, by VNFD id; unsafe policies are left out, loudly. */
export function descriptorProfiles(logger: Logger, root?: string): ProfileSource {
  const profiles = new Map<string, MonitoringProfile>();
  const options = root ? { root } : {};
  for (const name of listIvfModels(options)) {
    try {
      const { model } = loadIvfModel(name, options);
      const profile = profileFromModel(model);
      const known = new Set(profile.kpis.map((kpi) => kpi.id));
      profile.scalingPolicies = profile.scalingPolicies.filter((policy) => {
        const problems = policyProblems(policy, known);
        for (const problem of problems)
          logger.error({ ivf: name, policy: policy.id }, `scaling policy ignored: ${problem}`);
        return problems.length === 0;
      });
      profiles.set(model.descriptorId, profile);
    } catch (error) {
      logger.error(
        { err: error, ivf: name },
        "IVF model not loaded; its instances get the standard KPIs and no scaling policy",
      );
    }
  }
  return { profileFor: (vnfdId) => profiles.get(vnfdId) };
}
