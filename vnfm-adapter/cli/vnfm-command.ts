/**
 * `ivf vnfm serve`: runs the VNFM adapter alone with settings from IVF_VNFM_* (see config.ts).
 * Exit codes: 0 after a clean shutdown, 2 for a configuration or start-up error.
 */
import { readFileSync } from "node:fs";
import { createServer as createHttpServer, type Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { join, resolve } from "node:path";
import type { AddressInfo } from "node:net";
import { ConfigError, redactConfig } from "../../vnfs/runtime-kit/config/env-config.js";
import { createLogger, type Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { createStore } from "../../vnfs/runtime-kit/store/create-store.js";
import { ExternalTokenVerifier, LocalTokenIssuer, parseClients } from "../auth/token-verifier.js";
import { loadVnfmConfig, vnfmSettings, type VnfmConfig } from "../config.js";
import { LocalProcessDriver } from "../infra-drivers/local-process/local-process-driver.js";
import { ExternalGrantProvider } from "../nfvo/external-grant.js";
import { NfvoTokenClient } from "../nfvo/nfvo-token.js";
import { createVnfm, type VnfmOptions } from "../server.js";
import { monitoringForVnfm, type VnfmMonitoring } from "../../monitoring/vnfm-monitoring.js";

const USAGE =
  "usage: ivf vnfm serve [--monitoring]   (configuration from IVF_VNFM_* environment variables; see `ivf config`)\n" +
  "  --monitoring  also run the monitoring agent (IVF_MONITOR_* settings) and serve vnfpm/v2, vnffm/v1\n" +
  "                and vnfind/v1 on the VNFM's apiRoot with the same authentication";

function authOf(config: VnfmConfig, apiRoot: string): VnfmOptions["auth"] {
  if (config.authMode === "none") return undefined;
  if (config.authMode === "external") {
    if (!config.jwksUrl) throw new ConfigError(["IVF_VNFM_AUTH=external needs IVF_VNFM_JWKS_URL"]);
    return {
      verifier: new ExternalTokenVerifier(config.jwksUrl, {
        ...(config.jwtIssuer ? { issuer: config.jwtIssuer } : {}),
        audience: config.jwtAudience,
      }),
    };
  }
  const issuer = new LocalTokenIssuer(parseClients(config.clients), {
    ttlMs: config.tokenTtl,
    audience: config.jwtAudience,
    issuer: apiRoot,
    ...(config.jwtSecret ? { secret: config.jwtSecret } : {}),
  });
  return { verifier: issuer, issuer };
}

function grantsOf(config: VnfmConfig): VnfmOptions["grants"] {
  if (!config.grantUrl) return undefined;
  const token =
    config.nfvoTokenUrl && config.nfvoClientId
      ? new NfvoTokenClient(config.nfvoTokenUrl, config.nfvoClientId, config.nfvoClientSecret ?? "")
      : undefined;
  return new ExternalGrantProvider({
    url: config.grantUrl,
    apiVersion: config.grantApiVersion,
    pollIntervalMs: config.grantPollInterval,
    timeoutMs: config.grantTimeout,
    ...(token ? { authorization: () => token.header() } : {}),
  });
}

/** HTTP, or HTTPS (TLS 1.2+) with optional mutual TLS; exported for the TLS tests. */
export function listenServer(config: Pick<VnfmConfig, "tlsCert" | "tlsKey" | "tlsClientCa">): Server {
  // Longer than the usual client idle timeouts, so pooled connections are not cut mid-request.
  if (!config.tlsCert) return createHttpServer({ keepAliveTimeout: 65_000 });
  if (!config.tlsKey) throw new ConfigError(["IVF_VNFM_TLS_CERT needs IVF_VNFM_TLS_KEY"]);
  return createHttpsServer({
    cert: readFileSync(config.tlsCert),
    key: readFileSync(config.tlsKey),
    minVersion: "TLSv1.2",
    keepAliveTimeout: 65_000,
    // Mutual TLS (SOL013 8.1): with a client CA, every client must present a certificate it signed.
    ...(config.tlsClientCa
      ? { ca: readFileSync(config.tlsClientCa), requestCert: true, rejectUnauthorized: true }
      : {}),
  });
}

async function serve(config: VnfmConfig, logger: Logger, withMonitoring: boolean): Promise<number> {
  const server = listenServer(config);
  await new Promise<void>((done, fail) => server.once("error", fail).listen(config.port, config.host, done));
  const port = (server.address() as AddressInfo).port;
  const scheme = config.tlsCert ? "https" : "http";
  const apiRoot = (
    config.apiRoot ?? `${scheme}://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`
  ).replace(/\/+$/, "");
  const store = await createStore({
    ...(config.mongodbUrl ? { mongodbUrl: config.mongodbUrl } : {}),
    mongodbDatabase: config.mongodbDatabase,
    dataDir: config.dataDir,
    fileName: "vnfm.sqlite",
    logger,
  });
  const driver = new LocalProcessDriver({
    command: config.vnfcCommand.split(/\s+/).filter(Boolean),
    cwd: resolve(config.vnfcCwd ?? process.cwd()),
    dataRoot: join(resolve(config.dataDir), "vnfcs"),
    readyTimeoutMs: config.vnfcReadyTimeout,
    logger,
  });
  const grants = grantsOf(config);
  const auth = authOf(config, apiRoot);
  let monitoring: VnfmMonitoring | undefined;
  if (withMonitoring) {
    if (config.tlsClientCa)
      throw new ConfigError([
        "--monitoring cannot reach a VNFM that requires client certificates (IVF_VNFM_TLS_CLIENT_CA): run `ivf monitor` with its own certificate instead",
      ]);
    const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
    monitoring = await monitoringForVnfm({
      env: process.env,
      auth: {
        mode: config.authMode,
        ...(auth ? { verify: (token: string) => auth.verifier.verify(token) } : {}),
        ...(auth?.issuer ? { issue: (id: string) => auth.issuer!.issue(id) } : {}),
      },
      // Over TLS the certificate names the public host: the agent goes through the apiRoot.
      vnfmUrl: config.tlsCert ? apiRoot : `http://${host.includes(":") ? `[${host}]` : host}:${port}`,
      apiRoot,
      store,
      logger,
    });
  }
  const vnfm = await createVnfm({
    store,
    driver,
    logger,
    apiRoot,
    pageSize: config.pageSize,
    rateLimit: { perSecond: config.apiRate, burst: 2 * config.apiRate },
    defaultGraceMs: config.gracePeriod,
    callbackTest: { v1: config.callbackTestV1, v2: config.callbackTestV2, timeoutMs: config.notifyTimeout },
    delivery: {
      maxAttempts: config.notifyMaxAttempts,
      baseBackoffMs: config.notifyBackoff,
      maxBackoffMs: config.notifyMaxBackoff,
      maxQueuePerSubscriber: config.notifyQueueLimit,
      timeoutMs: config.notifyTimeout,
    },
    ...(grants ? { grants } : {}),
    ...(auth ? { auth } : {}),
    ...(monitoring ? { extraApis: [monitoring.router] } : {}),
  });
  server.on("request", vnfm.app);
  monitoring?.start();
  logger.info(
    {
      apiRoot,
      auth: config.authMode,
      grants: config.grantUrl ? "external" : "local",
      monitoring: withMonitoring,
    },
    "VNFM adapter listening",
  );
  await new Promise<void>((done) => {
    process.once("SIGINT", done);
    process.once("SIGTERM", done);
  });
  logger.info(
    "shutting down; running operations become FAILED_TEMP at the next start, VNFC processes stop with the VNFM",
  );
  server.close();
  await monitoring?.close();
  await vnfm.close();
  await driver.close({ stopVnfcs: true });
  await store.close();
  return 0;
}

export async function run(args: string[]): Promise<number> {
  const withMonitoring = args.slice(1).every((arg) => arg === "--monitoring") && args.length === 2;
  if (args[0] !== "serve" || (args.length > 1 && !withMonitoring)) {
    console.error(USAGE);
    return 2;
  }
  let config: VnfmConfig;
  try {
    config = loadVnfmConfig();
  } catch (error) {
    console.error(`ivf vnfm: ${(error as Error).message}`);
    return 2;
  }
  const logger = createLogger({
    ivf: "vnfm-adapter",
    instanceId: `vnfm-${process.pid}`,
    level: config.logLevel,
  });
  logger.info({ config: redactConfig(vnfmSettings, config as never) }, "starting VNFM adapter");
  try {
    return await serve(config, logger, withMonitoring);
  } catch (error) {
    console.error(
      `ivf vnfm: ${error instanceof ConfigError ? error.message : ((error as Error).stack ?? String(error))}`,
    );
    return 2;
  }
}
