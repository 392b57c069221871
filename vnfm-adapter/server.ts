/**
 * Composition root of the VNFM adapter: store -> repositories -> packages, notifications,
 * conductor -> controllers -> routers. `createVnfm` takes its adapters (store, VIM driver,
 * grant provider) as arguments so tests and `ivf vnfm serve` wire the same code.
 */
import express, { type Express, type RequestHandler } from "express";
import type { Logger } from "../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../vnfs/runtime-kit/store/document-store.js";
import { bearerGuard } from "./auth/bearer-guard.js";
import { tokenEndpoint } from "./auth/token-endpoint.js";
import type { LocalTokenIssuer, TokenVerifier } from "./auth/token-verifier.js";
import { problemHandler } from "./api/problem.js";
import { DEFAULT_API_RATE, sol003RateLimit } from "./api/client-rate-limit.js";
import { SpecSchemas } from "./api/spec-schemas.js";
import { vnflcmV1Router } from "./api/vnflcm-v1-router.js";
import { vnflcmV2Router } from "./api/vnflcm-v2-router.js";
import { vnfpkgmV2Router } from "./api/vnfpkgm-v2-router.js";
import { Conductor } from "./conductor/conductor.js";
import { LcmController } from "./controller/lcm-controller.js";
import { VnflcmV1Controller } from "./controller/vnflcm-v1.js";
import { VnflcmV2Controller } from "./controller/vnflcm-v2.js";
import { VnfpkgmV2Controller } from "./controller/vnfpkgm-v2.js";
import { vnfmError } from "./errors.js";
import type { VimDriver } from "./infra-drivers/vim-driver.js";
import type { GrantProvider } from "./nfvo/grant-port.js";
import { LocalGrantProvider } from "./nfvo/local-grant.js";
import { NotificationDelivery, type DeliveryOptions } from "./notifications/delivery.js";
import { Notifier } from "./notifications/notifier.js";
import { SubscriberAuth } from "./notifications/subscriber-auth.js";
import { openRepositories, type VnfmRepositories } from "./objects/repositories.js";
import { PackageService } from "./packages/package-service.js";

export interface VnfmOptions {
  store: DocumentStore;
  driver: VimDriver;
  logger: Logger;
  /** Public {apiRoot}, e.g. http://127.0.0.1:9090 (no trailing slash). */
  apiRoot: string;
  grants?: GrantProvider;
  /** Undefined: no authentication (tests of the LCM logic only). */
  auth?: { verifier: TokenVerifier; issuer?: LocalTokenIssuer };
  pageSize?: number;
  defaultGraceMs?: number;
  callbackTest?: { v1: boolean; v2: boolean; timeoutMs: number };
  delivery?: Partial<DeliveryOptions>;
  maxPackageBytes?: number;
  /**
   * More SOL003 APIs served on this apiRoot next to vnflcm (the monitoring agent's vnfpm/v2,
   * vnffm/v1 and vnfind/v1 with `ivf vnfm serve --monitoring`); they check the bearer token
   * themselves with this VNFM's verifier.
   */
  extraApis?: RequestHandler[];
  /** Requests per client on vnflcm and vnfpkgm (default 1000/s, burst 2000); beyond: 429. */
  rateLimit?: { perSecond: number; burst: number };
}

export interface Vnfm {
  app: Express;
  repos: VnfmRepositories;
  conductor: Conductor;
  packages: PackageService;
  delivery: NotificationDelivery;
  /** Stops driving operations and delivering notifications; does not stop VNFC processes. */
  close(): Promise<void>;
}

export async function createVnfm(options: VnfmOptions): Promise<Vnfm> {
  const { logger, apiRoot } = options;
  const repos = await openRepositories(options.store);
  const maxPackageBytes = options.maxPackageBytes ?? 64 * 1024 * 1024;
  const packages = new PackageService(repos, logger, {
    maxEntries: 10_000,
    maxTotalBytes: 4 * maxPackageBytes,
  });
  const subscriberAuth = new SubscriberAuth();
  const delivery = new NotificationDelivery(repos, subscriberAuth, logger, {
    maxQueuePerSubscriber: 1000,
    maxAttempts: 10,
    baseBackoffMs: 1000,
    maxBackoffMs: 300_000,
    timeoutMs: 10_000,
    ...options.delivery,
  });
  const lcmBase = (major: "v1" | "v2") => `${apiRoot}/vnflcm/${major}`;
  const events = new Notifier(repos, delivery, lcmBase);
  const grants =
    options.grants ??
    new LocalGrantProvider({ id: "local", info: { vimId: "local", vimType: options.driver.vimType } });
  const conductor = new Conductor({
    repos,
    driver: options.driver,
    grants,
    events,
    vnfds: packages,
    logger,
    lcmBase,
    defaultGraceMs: options.defaultGraceMs ?? 10_000,
  });
  const callbackTest = options.callbackTest ?? { v1: false, v2: true, timeoutMs: 10_000 };
  const lcm = new LcmController({
    repos,
    conductor,
    packages,
    events,
    subscriberAuth,
    callbackTimeoutMs: callbackTest.timeoutMs,
  });
  const pageSize = options.pageSize ?? 100;
  const v2 = new VnflcmV2Controller(lcm, new SpecSchemas("vnflcm-v2"), {
    apiRoot,
    pageSize,
    testCallbackUri: callbackTest.v2,
  });
  const v1 = new VnflcmV1Controller(lcm, new SpecSchemas("vnflcm-v1"), {
    apiRoot,
    pageSize,
    testCallbackUri: callbackTest.v1,
  });
  const pkgm = new VnfpkgmV2Controller(packages, new SpecSchemas("vnfpkgm-v2"), { apiRoot, pageSize });

  const app = express();
  app.disable("x-powered-by");
  app.get("/healthz", (_req, res) => void res.json({ status: "ok" }));
  if (options.auth?.issuer) app.use("/oauth2/token", tokenEndpoint(options.auth.issuer));
  app.get("/vnflcm/api_versions", (_req, res) => {
    res.setHeader("Version", "2.0.0");
    res.json({
      uriPrefix: `${apiRoot}/vnflcm`,
      apiVersions: [
        { version: "1.1.1", isDeprecated: false },
        { version: "2.0.0", isDeprecated: false },
      ],
    });
  });
  // SOL013 4.2: every answer names the API version, including 401s from the Bearer guard.
  for (const [base, version] of [
    ["/vnflcm/v2", "2.0.0"],
    ["/vnflcm/v1", "1.1.1"],
    ["/vnfpkgm/v2", "2.1.0"],
  ] as const) {
    app.use(base, (_req, res, next) => {
      res.setHeader("Version", version);
      next();
    });
  }
  if (options.auth) app.use(["/vnflcm", "/vnfpkgm"], bearerGuard(options.auth.verifier));
  app.use(["/vnflcm", "/vnfpkgm"], sol003RateLimit(options.rateLimit ?? DEFAULT_API_RATE));
  app.use("/vnflcm/v2", vnflcmV2Router(v2));
  app.use("/vnflcm/v1", vnflcmV1Router(v1));
  app.use("/vnfpkgm/v2", vnfpkgmV2Router(pkgm, maxPackageBytes));
  for (const api of options.extraApis ?? []) app.use(api);
  app.use((req, _res, next) => next(vnfmError("NOT_FOUND", `no resource at ${req.path}`)));
  app.use(problemHandler(logger));

  await conductor.recover();
  await delivery.resume();
  return {
    app,
    repos,
    conductor,
    packages,
    delivery,
    close: async () => {
      await conductor.halt();
      await delivery.close();
    },
  };
}
