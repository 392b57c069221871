/**
 * Builds the monitoring agent from the IVF_MONITOR_* settings, for both hosts of the agent: the
 * standalone `ivf monitor` process (monitor-process.ts) and the VNFM process with monitoring
 * enabled (vnfm-monitoring.ts). The host gives the store, logger, metrics registry and how
 * the agent authenticates to the VNFM.
 */
import { hostname } from "node:os";
import type { Registry } from "prom-client";
import type { ConfigOf } from "../vnfs/runtime-kit/config/env-config.js";
import type { Logger } from "../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../vnfs/runtime-kit/store/document-store.js";
import { MonitoringAgent } from "./agent.js";
import {
  clientCredentialsToken,
  noToken,
  staticToken,
  type TokenSource,
} from "./autoscaling/access-token.js";
import { Sol003Scaler } from "./autoscaling/sol003-scaler.js";
import type { ProfileSource } from "./discovery/monitoring-profile.js";
import { descriptorProfiles } from "./discovery/descriptor-profiles.js";
import { Sol003InstanceSource } from "./discovery/sol003-instance-source.js";
import { VesExporter } from "./exporters/ves-exporter.js";
import type { monitorSettings } from "./monitor-settings.js";

export type MonitorConfig = ConfigOf<typeof monitorSettings>;

export interface AgentHost {
  /** apiRoot of the VNFM the agent discovers instances from and scales through. */
  vnfmUrl: string;
  tokens: TokenSource;
  store: DocumentStore;
  logger: Logger;
  metrics: Registry;
  /** Default: the IVF models of `config.descriptorsDir` (or the built-in descriptors/). */
  profiles?: ProfileSource;
}

export function createAgent(config: MonitorConfig, host: AgentHost): Promise<MonitoringAgent> {
  const { logger } = host;
  return MonitoringAgent.create({
    source: new Sol003InstanceSource({ vnfmUrl: host.vnfmUrl, tokens: host.tokens }),
    profiles: host.profiles ?? descriptorProfiles(logger, config.descriptorsDir),
    scaler: new Sol003Scaler({ vnfmUrl: host.vnfmUrl, tokens: host.tokens }),
    store: host.store,
    logger,
    metrics: host.metrics,
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
}

/** The agent's credentials towards the VNFM from the settings: static token, client credentials, or none. */
export function tokenSourceOf(config: MonitorConfig): TokenSource {
  if (config.vnfmToken) return staticToken(config.vnfmToken);
  if (config.tokenUrl && config.clientId)
    return clientCredentialsToken({
      tokenEndpoint: config.tokenUrl,
      clientId: config.clientId,
      clientSecret: config.clientSecret ?? "",
    });
  return noToken;
}
