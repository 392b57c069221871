/**
 * The console as `ivf up` runs it: the platform's VNFM client for the SOL003 APIs, the
 * monitoring agent's FM API, the demo tenant's cloud-api application key, and the `faults`
 * collection of the shared `iot` store (the embedded file in <home>/data, or MongoDB when
 * IVF_MONGODB_URL is set, as for the IVFs themselves).
 */
import { loadConfig } from "../runtime-kit/config/env-config.js";
import { commonSettings } from "../runtime-kit/config/common-settings.js";
import type { Logger } from "../runtime-kit/logging/logger.js";
import { createStore } from "../runtime-kit/store/create-store.js";
import { DEMO_TENANT, type DemoCredentials } from "../cli/up/demo-tenant.js";
import { storeFaultSource } from "./backend/fault-source.js";
import { startConsole, type ConsoleServer } from "./console-server.js";

export interface UpConsoleOptions {
  port: number;
  vnfmUrl: string;
  credentials: DemoCredentials;
  monitorUrl?: string;
  /** Shared data directory of the platform's VNFCs (IVF_UP_SHARED_DATA_DIR). */
  dataDir: string;
  logger: Logger;
}

export async function startUpConsole(options: UpConsoleOptions): Promise<ConsoleServer> {
  const { credentials } = options;
  const common = loadConfig(commonSettings, process.env);
  const store = await createStore({
    mongodbUrl: common.mongodbUrl,
    mongodbDatabase: common.mongodbDatabase,
    dataDir: options.dataDir,
    fileName: "iot.sqlite",
    logger: options.logger,
  });
  return startConsole({
    port: options.port,
    vnfmUrl: options.vnfmUrl,
    vnfmCredentials: { clientId: credentials.vnfmClientId, clientSecret: credentials.vnfmClientSecret },
    // ivf up gives the agent's SOL003 APIs the VNFM client secret as their bearer token.
    ...(options.monitorUrl
      ? { monitor: { url: options.monitorUrl, token: credentials.vnfmClientSecret } }
      : {}),
    applicationKeys: { [DEMO_TENANT]: credentials.applicationKey },
    faults: storeFaultSource(store),
    logger: options.logger,
  });
}
