/**
 * The web console of `ivf up`: static pages from ./public (plain browser JavaScript, no build
 * step) and a small JSON backend that proxies the VNFM's SOL003 API with the session's
 * server-side token (see sessions.ts) and reads VNFC health and KPIs from the processes.
 */
import express, { type NextFunction, type Request, type Response } from "express";
import { existsSync } from "node:fs";
import { createServer, type Server } from "node:http";
import { join } from "node:path";
import type { AddressInfo } from "node:net";
import { fileURLToPath } from "node:url";
import type { Logger } from "../runtime-kit/logging/logger.js";
import { VnfmRequestError, type OpOcc, type VnfInstance, type VnfmClient } from "../cli/up/vnfm-client.js";
import { cookieValue, SESSION_COOKIE, sessionCookie, SessionStore } from "./sessions.js";
import { probeVnfc, vnfcKpis } from "./vnfc-probe.js";

export interface ConsoleOptions {
  port: number;
  vnfmUrl: string;
  logger: Logger;
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

type Handler = (client: VnfmClient, req: Request, res: Response) => Promise<void>;

const ID = /^[A-Za-z0-9._:-]{1,128}$/;

function param(req: Request, name: string): string {
  const value = req.params[name];
  if (typeof value !== "string" || !ID.test(value))
    throw new VnfmRequestError(400, { detail: `bad ${name}` }, name);
  return value;
}

export function consoleApp(sessions: SessionStore, logger: Logger): express.Express {
  const app = express();
  app.disable("x-powered-by");
  app.use(express.json({ limit: "16kb" }));
  app.use(express.static(publicDir, { index: "index.html" }));
  app.post("/api/login", (req, res, next) => {
    const { clientId, clientSecret } = (req.body ?? {}) as Record<string, unknown>;
    if (typeof clientId !== "string" || typeof clientSecret !== "string")
      return void res.status(400).json({ detail: "clientId and clientSecret are required" });
    sessions.login(clientId, clientSecret).then((id) => {
      if (!id) return void res.status(401).json({ detail: "the VNFM refused these credentials" });
      res.setHeader("Set-Cookie", sessionCookie(id));
      res.json({ ok: true });
    }, next);
  });
  app.post("/api/logout", (req, res) => {
    sessions.logout(cookieValue(req.headers.cookie, SESSION_COOKIE));
    res.setHeader("Set-Cookie", `${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
    res.json({ ok: true });
  });
  const guarded = (handler: Handler) => (req: Request, res: Response, next: NextFunction) => {
    const client = sessions.get(cookieValue(req.headers.cookie, SESSION_COOKIE));
    if (!client) return void res.status(401).json({ detail: "log in first" });
    // SameSite=Strict blocks cross-site cookies; JSON-only POSTs also rule out form posts.
    if (req.method === "POST" && !req.is("application/json"))
      return void res.status(415).json({ detail: "POST needs Content-Type: application/json" });
    handler(client, req, res).catch(next);
  };
  app.get("/api/overview", guarded(overview));
  app.get("/api/instances/:id", guarded(instanceDetail));
  app.get("/api/instances/:id/vnfcs/:vnfc/kpis", guarded(kpis));
  app.get("/api/op-occs", guarded(opOccs));
  app.post("/api/instances/:id/scale", guarded(scale));
  app.post("/api/instances/:id/heal", guarded(heal));
  app.post("/api/op-occs/:id/:action", guarded(opOccAction));
  app.use((error: unknown, _req: Request, res: Response, _next: NextFunction) => {
    const status = error instanceof VnfmRequestError ? error.status : 502;
    if (!(error instanceof VnfmRequestError)) logger.warn({ err: error }, "console request failed");
    res.status(status).json({ detail: error instanceof Error ? error.message : String(error) });
  });
  return app;
}

function summarize(instance: VnfInstance) {
  const info = instance.instantiatedVnfInfo;
  return {
    id: instance.id,
    name: instance.vnfInstanceName ?? instance.vnfProductName ?? instance.id,
    instantiationState: instance.instantiationState,
    vnfState: info?.vnfState,
    vnfcCount: info?.vnfcResourceInfo?.length ?? 0,
    scale: (info?.scaleStatus ?? []).map((status) => ({
      aspectId: status.aspectId,
      scaleLevel: status.scaleLevel,
      maxScaleLevel: info?.maxScaleLevels?.find((max) => max.aspectId === status.aspectId)?.scaleLevel,
    })),
    autoscale: instance.vnfConfigurableProperties?.isAutoscaleEnabled === true,
    autoheal: instance.vnfConfigurableProperties?.isAutohealEnabled === true,
  };
}

const overview: Handler = async (client, _req, res) => {
  const { body } = await client.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
  res.json(body.map(summarize));
};

const instanceDetail: Handler = async (client, req, res) => {
  const { body } = await client.request<VnfInstance>(
    "lcm",
    "GET",
    `/vnflcm/v2/vnf_instances/${param(req, "id")}`,
  );
  const vnfcs = await Promise.all((body.instantiatedVnfInfo?.vnfcResourceInfo ?? []).map(probeVnfc));
  res.json({ ...summarize(body), vnfcs });
};

const kpis: Handler = async (client, req, res) => {
  const { body } = await client.request<VnfInstance>(
    "lcm",
    "GET",
    `/vnflcm/v2/vnf_instances/${param(req, "id")}`,
  );
  const vnfcId = param(req, "vnfc");
  const vnfc = body.instantiatedVnfInfo?.vnfcResourceInfo?.find((entry) => entry.id === vnfcId);
  const port = vnfc?.metadata?.port;
  if (typeof port !== "number") return void res.status(404).json({ detail: `no VNFC ${vnfcId}` });
  res.json({ at: Date.now(), kpis: await vnfcKpis(port) });
};

const opOccs: Handler = async (client, _req, res) => {
  const { body } = await client.request<OpOcc[]>("lcm", "GET", "/vnflcm/v2/vnf_lcm_op_occs");
  res.json(body.sort((a, b) => String(b.startTime).localeCompare(String(a.startTime))));
};

const scale: Handler = async (client, req, res) => {
  const { type, aspectId } = (req.body ?? {}) as Record<string, unknown>;
  if ((type !== "SCALE_OUT" && type !== "SCALE_IN") || typeof aspectId !== "string")
    return void res.status(400).json({ detail: "type SCALE_OUT|SCALE_IN and aspectId are required" });
  const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${param(req, "id")}/scale`, {
    json: { type, aspectId, numberOfSteps: 1 },
    expect: [202],
  });
  res.status(202).json({ opOcc: started.location });
};

const heal: Handler = async (client, req, res) => {
  const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${param(req, "id")}/heal`, {
    json: { cause: "requested from the ivf console" },
    expect: [202],
  });
  res.status(202).json({ opOcc: started.location });
};

const opOccAction: Handler = async (client, req, res) => {
  const action = param(req, "action");
  if (action !== "retry" && action !== "rollback")
    return void res.status(400).json({ detail: "action is retry or rollback" });
  await client.request("lcm", "POST", `/vnflcm/v2/vnf_lcm_op_occs/${param(req, "id")}/${action}`, {
    expect: [202],
  });
  res.status(202).json({ ok: true });
};

export async function startConsole(options: ConsoleOptions): Promise<ConsoleServer> {
  const app = consoleApp(new SessionStore(options.vnfmUrl), options.logger);
  const server: Server = createServer(app);
  await new Promise<void>((done, fail) => server.once("error", fail).listen(options.port, "127.0.0.1", done));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
