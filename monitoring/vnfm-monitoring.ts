/**
 * The monitoring agent hosted by the VNFM process (`ivf vnfm serve --monitoring`): the same
 * agent as `ivf monitor`, talking to the VNFM's SOL003 LCM API over HTTP exactly as the
 * standalone process does, and the SOL003 PM/FM/indicator router to mount next to vnflcm on the
 * VNFM's own apiRoot, authorized by the VNFM's own token verifier (docs/design/monitoring.md).
 */
import { Router } from "express";
import type { Registry } from "prom-client";
import { ConfigError, loadConfig } from "../vnfs/runtime-kit/config/env-config.js";
import { createMetricsRegistry } from "../vnfs/runtime-kit/metrics/metrics-registry.js";
import type { Logger } from "../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../vnfs/runtime-kit/store/document-store.js";
import type { MonitoringAgent } from "./agent.js";
import { createAgent, tokenSourceOf, type MonitorConfig } from "./agent-factory.js";
import { noToken, type TokenSource } from "./autoscaling/access-token.js";
import { monitorSettings } from "./monitor-settings.js";
import type { ProfileSource } from "./discovery/monitoring-profile.js";
import { createMonitoringApis, type MonitoringApis } from "./sol003/monitoring-apis.js";

export interface VnfmMonitoringOptions {
  /** IVF_MONITOR_* settings (interval, window, heal, VES, descriptors); the VNFM URL and tokens below win. */
  config: MonitorConfig;
  /** Where the agent reaches the VNFM's LCM API (the VNFM's listening address). */
  vnfmUrl: string;
  /** Public apiRoot of the VNFM: links and Location headers of vnfpm, vnffm and vnfind. */
  apiRoot: string;
  /** The agent's bearer tokens towards the VNFM. */
  tokens: TokenSource;
  /** The VNFM's token verification (SOL013 8.1); undefined only when the VNFM has no authentication. */
  authorize?: (token: string) => Promise<unknown>;
  /** Alarms, PM jobs, thresholds and subscriptions live here (collections apart from the VNFM's). */
  store: DocumentStore;
  logger: Logger;
  metrics: Registry;
  profiles?: ProfileSource;
}

export interface VnfmMonitoring {
  agent: MonitoringAgent;
  /** Router serving /vnfpm/v2, /vnffm/v1 and /vnfind/v1: mount it on the VNFM's apiRoot. */
  apis: MonitoringApis;
  /** The SOL003 APIs plus GET /metrics (agent health and OSM's osm_<kpi> gauges). */
  router: Router;
  metrics: Registry;
  /** Starts the control loop; call once the VNFM answers requests. */
  start(): void;
  close(): Promise<void>;
}

export async function createVnfmMonitoring(options: VnfmMonitoringOptions): Promise<VnfmMonitoring> {
  const agent = await createAgent(options.config, {
    vnfmUrl: options.vnfmUrl,
    tokens: options.tokens,
    store: options.store,
    logger: options.logger,
    metrics: options.metrics,
    ...(options.profiles ? { profiles: options.profiles } : {}),
  });
  const apis = await createMonitoringApis({
    store: options.store,
    hub: agent.hub,
    alarms: agent.alarms,
    logger: options.logger,
    apiRoot: options.apiRoot,
    ...(options.authorize ? { authorize: options.authorize } : {}),
  });
  const router = Router();
  router.use(apis);
  router.get("/metrics", async (_req, res, next) => {
    try {
      res.type(options.metrics.contentType).send(await options.metrics.metrics());
    } catch (error) {
      next(error);
    }
  });
  let started = false;
  return {
    agent,
    apis,
    router,
    metrics: options.metrics,
    start() {
      if (started) return;
      started = true;
      agent.start();
    },
    async close() {
      await agent.stop();
      apis.close();
    },
  };
}

/** Tokens from a local issuer, renewed a minute before they expire (no HTTP round trip). */
export function issuedTokens(issue: () => Promise<{ token: string; expiresIn: number }>): TokenSource {
  let cached: { value: string; renewAt: number } | undefined;
  return {
    async token() {
      if (cached && Date.now() < cached.renewAt) return cached.value;
      const { token, expiresIn } = await issue();
      cached = { value: token, renewAt: Date.now() + Math.max(1, expiresIn - 60) * 1000 };
      return token;
    },
  };
}

/** How the VNFM hosting the agent authenticates clients (vnfm-adapter/config.ts IVF_VNFM_AUTH). */
export interface VnfmAuthForMonitoring {
  mode: "local" | "external" | "none";
  verify?: (token: string) => Promise<unknown>;
  /** Local mode: issues the agent's own tokens (subject `ivf-vnfm-monitoring`). */
  issue?: (clientId: string) => Promise<{ token: string; expiresIn: number }>;
}

/**
 * `ivf vnfm serve --monitoring`: reads IVF_MONITOR_* from `env`, chooses the agent's tokens
 * (issued by the VNFM itself in local mode; IVF_MONITOR_TOKEN_URL/CLIENT_ID or
 * IVF_MONITOR_VNFM_TOKEN with an external issuer) and builds the agent and its router.
 * Configuration problems are thrown as one ConfigError listing them all.
 */
export async function monitoringForVnfm(host: {
  env: NodeJS.ProcessEnv;
  auth: VnfmAuthForMonitoring;
  /** The VNFM's own listening URL as the agent reaches it (loopback). */
  vnfmUrl: string;
  apiRoot: string;
  store: DocumentStore;
  logger: Logger;
}): Promise<VnfmMonitoring> {
  const config = loadConfig(monitorSettings, host.env);
  let tokens: TokenSource = noToken;
  if (host.auth.mode === "local" && host.auth.issue) {
    const issue = host.auth.issue;
    tokens = issuedTokens(() => issue("ivf-vnfm-monitoring"));
  } else if (host.auth.mode === "external") {
    tokens = tokenSourceOf(config);
    if (tokens === noToken)
      throw new ConfigError([
        "--monitoring with IVF_VNFM_AUTH=external needs the agent's credentials at the external issuer: " +
          "IVF_MONITOR_TOKEN_URL, IVF_MONITOR_CLIENT_ID and IVF_MONITOR_CLIENT_SECRET (or IVF_MONITOR_VNFM_TOKEN)",
      ]);
  }
  return createVnfmMonitoring({
    config,
    vnfmUrl: host.vnfmUrl,
    apiRoot: host.apiRoot,
    tokens,
    ...(host.auth.verify ? { authorize: host.auth.verify } : {}),
    store: host.store,
    logger: host.logger,
    metrics: createMetricsRegistry({ ivf: "vnfm-adapter", instance: `vnfm-${process.pid}` }),
  });
}
