import { hostname } from "node:os";
import type { LevelWithSilent } from "pino";
import { mkdirSync } from "node:fs";
import type { Express } from "express";
import type { Registry } from "prom-client";
import {
  ConfigError,
  loadConfig,
  redactConfig,
  type ConfigOf,
  type ConfigSpec,
} from "./config/env-config.js";
import { commonSettings } from "./config/common-settings.js";
import { createLogger, type Logger } from "./logging/logger.js";
import { createMetricsRegistry } from "./metrics/metrics-registry.js";
import { Readiness } from "./http/readiness.js";
import {
  createHttpApp,
  httpTlsFromConfig,
  jsonErrorHandler,
  listen,
  type StartedServer,
} from "./http/http-server.js";
import { ShutdownCoordinator } from "./lifecycle/shutdown.js";
import { createBus } from "./bus/create-bus.js";
import { createStore } from "./store/create-store.js";
import type { MessageBus } from "./bus/message-bus.js";
import type { DocumentStore } from "./store/document-store.js";

export type CommonConfig = ConfigOf<typeof commonSettings>;

export interface IvfContext<S extends ConfigSpec> {
  name: string;
  instanceId: string;
  config: ConfigOf<S> & CommonConfig & { instanceId: string };
  logger: Logger;
  metrics: Registry;
  readiness: Readiness;
  /** Express app with /healthz, /readyz and /metrics already mounted. */
  app: Express;
  /** Present when the definition asked for it (`uses.bus`). */
  bus: MessageBus;
  /** Present when the definition asked for it (`uses.store`). */
  store: DocumentStore;
  shutdown: ShutdownCoordinator;
}

export interface IvfDefinition<S extends ConfigSpec> {
  /** Function name, e.g. "field-gateway"; used in logs, metrics and file names. */
  name: string;
  /** Function-specific settings, read together with the common ones. */
  settings: S;
  /**
   * Ports the function needs. `store.database` names the logical database: functions that share
   * data (e.g. request-processor writes measurements, cloud-api reads them) name the same one.
   * It selects the SQLite file in IVF_DATA_DIR; on MongoDB every function shares IVF_MONGODB_DATABASE.
   */
  uses: { bus: boolean; store: false | { database: string } };
  /**
   * Wires routes, consumers and KPIs. Register shutdown steps for what it opens; they run
   * before the bus and store are closed (reverse order of registration).
   */
  start(context: IvfContext<S>): Promise<void>;
}

export interface RunningIvf<S extends ConfigSpec> {
  context: IvfContext<S>;
  server: StartedServer;
  /** Graceful stop: drain, finish in-flight work, close connections. */
  stop(reason?: string): Promise<void>;
}

/**
 * Starts one IVF process: configuration, logging, metrics, HTTP, bus and store adapters
 * chosen from configuration, then the function's own start. Throws ConfigError with every
 * configuration problem at once; `runIvfMain` turns that into a readable exit.
 */
export async function startIvf<S extends ConfigSpec>(
  definition: IvfDefinition<S>,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunningIvf<S>> {
  const spec = { ...commonSettings, ...definition.settings };
  const loaded = loadConfig(spec, env) as ConfigOf<S> & CommonConfig;
  const instanceId = loaded.instanceId ?? `${definition.name}-${hostname()}-${process.pid}`;
  const config = { ...loaded, instanceId };
  const logger = createLogger({
    ivf: definition.name,
    instanceId,
    level: config.logLevel as LevelWithSilent,
  });
  logger.info({ config: redactConfig(spec, config as never) }, "starting");
  mkdirSync(config.dataDir, { recursive: true });

  const metrics = createMetricsRegistry({ ivf: definition.name, instance: instanceId });
  const readiness = new Readiness();
  const shutdown = new ShutdownCoordinator(logger, config.shutdownGrace);
  const app = createHttpApp({
    logger,
    readiness,
    metrics,
    identity: { ivf: definition.name, instanceId },
  });

  try {
    const bus = definition.uses.bus
      ? await createBus({ amqpUrl: config.amqpUrl, dataDir: config.dataDir, instanceId, logger })
      : undefined;
    if (bus) {
      shutdown.add("close bus", () => bus.close());
      readiness.add("bus", () => bus.isHealthy());
    }
    const store = definition.uses.store
      ? await createStore({
          mongodbUrl: config.mongodbUrl,
          mongodbDatabase: config.mongodbDatabase,
          dataDir: config.dataDir,
          fileName: `${definition.uses.store.database}.sqlite`,
          logger,
        })
      : undefined;
    if (store) {
      shutdown.add("close store", () => store.close());
      readiness.add("store", () => store.ping());
    }

    const context: IvfContext<S> = {
      name: definition.name,
      instanceId,
      config,
      logger,
      metrics,
      readiness,
      app,
      bus: bus as MessageBus,
      store: store as DocumentStore,
      shutdown,
    };
    await definition.start(context);
    app.use(jsonErrorHandler(logger));

    const server = await listen(app, config.httpHost, config.httpPort, httpTlsFromConfig(config));
    shutdown.add("stop HTTP server", async () => {
      readiness.markDraining();
      await server.close();
    });
    logger.info({ event: "listening", url: server.url }, `${definition.name} ready on ${server.url}`);
    return { context, server, stop: (reason = "stop requested") => shutdown.shutdown(reason) };
  } catch (error) {
    await shutdown.shutdown("start failed");
    throw error;
  }
}

/** Entry point helper for an IVF's main.ts: start, install signal handlers, exit readably on error. */
export async function runIvfMain<S extends ConfigSpec>(definition: IvfDefinition<S>): Promise<void> {
  try {
    const running = await startIvf(definition);
    running.context.shutdown.installSignalHandlers();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`${definition.name}: ${error.message}`);
      process.exit(2);
    }
    console.error(
      `${definition.name}: failed to start: ${error instanceof Error ? error.stack : String(error)}`,
    );
    process.exit(1);
  }
}
