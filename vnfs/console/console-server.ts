/**
 * The web console of `ivf up`: static pages from ./public (plain browser ES modules, no build
 * step) and a small JSON backend. A person logs in with a client of the identity IVF
 * (sessions.ts); the backend then calls, server-side, the VNFM's SOL003 APIs with the
 * platform's VNFM token, the monitoring agent's FM API with its token, and the IoT functions'
 * APIs with the session's identity token. Route modules are in ./routes.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import { VnfmClient, VnfmRequestError, type VnfmCredentials } from "../cli/up/vnfm-client.js";
import type { Logger } from "../runtime-kit/logging/logger.js";
import { ConsoleError } from "./backend/console-error.js";
import type { FaultSource } from "./backend/fault-source.js";
import { vnfmLocator, type IvfLocator } from "./backend/ivf-endpoints.js";
import { PackageFindingsCache } from "./backend/package-findings.js";
import { registerAlarmRoutes } from "./routes/alarm-routes.js";
import { registerDeviceRoutes } from "./routes/device-routes.js";
import { registerLcmRoutes } from "./routes/lcm-routes.js";
import { registerPackageRoutes } from "./routes/package-routes.js";
import type { ConsoleDeps, Guard } from "./routes/route-kit.js";
import { cookieValue, SESSION_COOKIE, sessionCookie, SessionStore } from "./sessions.js";
import { LoginThrottle, type LoginThrottleOptions } from "./login-throttle.js";

export interface ConsoleOptions {
  port: number;
  vnfmUrl: string;
  /** The platform's client of the VNFM token endpoint (the NFVO role). */
  vnfmCredentials: VnfmCredentials;
  /** Where IVF APIs are; default: the VNFCs the VNFM lists. */
  locator?: IvfLocator;
  monitor?: { url: string; token: string };
  applicationKeys?: Record<string, string>;
  faults?: FaultSource;
  logger: Logger;
  /** Failed logins per browser address (default DEFAULT_LOGIN_THROTTLE). */
  loginThrottle?: LoginThrottleOptions;
}

export interface ConsoleServer {
  url: string;
  close(): Promise<void>;
}

// The pages are not compiled: from source they sit next to this module, from dist/ they are
// read from the repository's vnfs/console/public.
const here = fileURLToPath(new URL(".", import.meta.url));
const publicDir = [join(here, "public"), join(here, "../../../vnfs/console/public")].find((dir) =>
  existsSync(join(dir, "index.html")),
)!;

export function consoleApp(options: ConsoleOptions): express.Express {
  const vnfm = new VnfmClient(options.vnfmUrl, options.vnfmCredentials);
  const deps: ConsoleDeps = {
    vnfm,
    locator: options.locator ?? vnfmLocator(vnfm),
    applicationKeys: options.applicationKeys ?? {},
    logger: options.logger,
    ...(options.monitor ? { monitor: options.monitor } : {}),
    ...(options.faults ? { faults: options.faults } : {}),
  };
  const sessions = new SessionStore(deps.locator);
  const logins = new LoginThrottle(options.loginThrottle);
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "16kb" }));
  app.use(express.static(publicDir, { index: "index.html" }));
  app.post("/api/login", (req, res, next) => {
    const { clientId, clientSecret } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof clientId !== "string" || typeof clientSecret !== "string" || !clientId || !clientSecret)
      return void res.status(400).json({ detail: "clientId and clientSecret are required" });
    if (!logins.admit(req, res)) return;
    sessions.login(clientId, clientSecret).then((id) => {
      if (!id) {
        logins.failed(req);
        return void res.status(401).json({ detail: "the identity IVF refused these credentials" });
      }
      res.setHeader("Set-Cookie", sessionCookie(id));
      res.json({ ok: true });
    }, next);
  });
  app.post("/api/logout", (req, res) => {
    sessions.logout(cookieValue(req.headers.cookie, SESSION_COOKIE));
    res.setHeader("Set-Cookie", `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.json({ ok: true });
  });
  const guard: Guard = (role, handler) => (req, res, next) => {
    const session = sessions.get(cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!session) return void res.status(401).json({ detail: "log in first" });
    // SameSite=Strict blocks cross-site cookies; JSON-only POSTs also rule out form posts.
    if (req.method === "POST" && !req.is("application/json"))
      return void res.status(415).json({ detail: "POST needs Content-Type: application/json" });
    if (!session.allows(role))
      return void res
        .status(403)
        .json({ detail: `this needs the ${role} role; ${session.clientId} has ${session.roles.join(", ")}` });
    handler(session, req, res).catch(next);
  };
  app.get(
    "/api/session",
    guard("reader", async (session, _req, res) => {
      res.json({ clientId: session.clientId, tenant: session.tenant, roles: session.roles });
    }),
  );
  registerLcmRoutes(app, deps, guard);
  registerAlarmRoutes(app, deps, guard);
  registerDeviceRoutes(app, deps, guard);
  registerPackageRoutes(app, deps, guard, new PackageFindingsCache(options.vnfmUrl, options.vnfmCredentials));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const known = error instanceof ConsoleError || error instanceof VnfmRequestError;
    const status = known ? error.status : 502;
    if (!known) options.logger.warn({ err: error }, "console request failed");
    res.status(status).json({ detail: error instanceof Error ? error.message : String(error) });
  });
  return app;
}

export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  const server: Server = createServer(consoleApp(options));
  await new Promise<void>((done, fail) => server.once("error", fail).listen(options.port, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
      await options.faults?.close();
    },
  };
}
