import { timingSafeEqual } from "node:crypto";
import type { IvfDefinition } from "../vnfs/runtime-kit/ivf-process.js";
import { createAgent, tokenSourceOf } from "./agent-factory.js";
import { monitorSettings } from "./monitor-settings.js";
import { createMonitoringApis } from "./sol003/monitoring-apis.js";

export { descriptorProfiles } from "./discovery/descriptor-profiles.js";

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
    const agent = await createAgent(config, {
      vnfmUrl: config.vnfmUrl,
      tokens: tokenSourceOf(config),
      store: context.store,
      logger,
      metrics: context.metrics,
    });
    let listeningUrl = `http://${config.httpHost}:${config.httpPort}`;
    const apiToken = config.apiToken;
    if (!apiToken) {
      // Open APIs are for a single machine only: beyond loopback the agent refuses to start.
      if (!isLoopback(config.httpHost))
        throw new Error(
          `IVF_MONITOR_API_TOKEN is required when the agent listens on ${config.httpHost} (IVF_HTTP_HOST): set it to the bearer token clients must send, or listen on 127.0.0.1`,
        );
      logger.warn(
        "IVF_MONITOR_API_TOKEN is not set: the SOL003 monitoring APIs accept unauthenticated requests from this machine",
      );
    }
    const apis = await createMonitoringApis({
      store: context.store,
      hub: agent.hub,
      alarms: agent.alarms,
      logger,
      apiRoot: () => config.apiRoot ?? listeningUrl,
      rateLimit: { perSecond: config.apiRate, burst: 2 * config.apiRate },
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

/** 127.0.0.0/8, ::1 and localhost: reachable from this machine only. */
export function isLoopback(host: string): boolean {
  const bare = host.replace(/^\[|\]$/g, "").toLowerCase();
  return (
    bare === "localhost" || bare === "::1" || /^127\.\d+\.\d+\.\d+$/.test(bare) || /^::ffff:127\./.test(bare)
  );
}

/** Constant-time comparison of a presented token with the configured one. */
function verifyStatic(presented: string, expected: string): void {
  const a = Buffer.from(presented);
  const b = Buffer.from(expected);
  if (a.length !== b.length || !timingSafeEqual(a, b)) throw new Error("unknown token");
}
