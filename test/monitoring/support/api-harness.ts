import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import express from "express";
import pino from "pino";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { listen, type StartedServer } from "../../../vnfs/runtime-kit/http/http-server.js";
import { AlarmManager } from "../../../monitoring/fault/alarm-manager.js";
import { MonitoringHub, type VnfView } from "../../../monitoring/hub/monitoring-hub.js";
import { createMonitoringApis, type MonitoringApis } from "../../../monitoring/sol003/monitoring-apis.js";
import { NotificationSender } from "../../../monitoring/sol003/common/notification-sender.js";
import { defaultProfile } from "../../../monitoring/discovery/monitoring-profile.js";
import type { AggregateSnapshot } from "../../../monitoring/aggregation/vnf-aggregator.js";

/** A consumer's callback endpoint: answers the GET test with 204 and records POSTed notifications. */
export class CallbackServer {
  readonly received: Record<string, unknown>[] = [];
  readonly authorizations: (string | undefined)[] = [];
  testStatus = 204;
  private server!: StartedServer;

  async start(): Promise<this> {
    const app = express();
    app.use(express.json());
    app.get("/cb", (_req, res) => {
      res.status(this.testStatus).end();
    });
    app.post("/cb", (req, res) => {
      this.received.push(req.body as Record<string, unknown>);
      this.authorizations.push(req.header("authorization"));
      res.status(204).end();
    });
    this.server = await listen(app, "127.0.0.1", 0);
    return this;
  }

  get uri(): string {
    return `${this.server.url}/cb`;
  }

  ofType(type: string): Record<string, unknown>[] {
    return this.received.filter((body) => body.notificationType === type);
  }

  close(): Promise<void> {
    return this.server.close();
  }
}

export interface Harness {
  url: string;
  hub: MonitoringHub;
  alarms: AlarmManager;
  apis: MonitoringApis;
  sender: NotificationSender;
  publish(
    at: number,
    values: Record<string, number>,
    perVnfc?: Record<string, Record<string, number>>,
  ): Promise<void>;
  close(): Promise<void>;
}

export const VNF_ID = "5b6a4f0e-1111-4c5e-9a43-000000000001";

export async function startHarness(): Promise<Harness> {
  const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-api-"));
  const logger = pino({ level: "silent" });
  const store = await SqliteStore.open({ path: join(dir, "monitor.sqlite"), logger });
  const hub = new MonitoringHub(logger);
  const alarms = await AlarmManager.open(store);
  const sender = new NotificationSender({ logger, baseDelayMs: 20, maxAttempts: 3 });
  const app = express();
  const router = express.Router();
  app.use((req, res, next) => router(req, res, next));
  const server = await listen(app, "127.0.0.1", 0);
  const apis = await createMonitoringApis({ store, hub, alarms, logger, apiRoot: server.url, sender });
  router.use(apis);
  const profile = {
    ...defaultProfile("vnfd-1"),
    indicators: [
      { id: "backlog_messages", name: "Messages waiting", kpi: "backlog_messages", minIntervalSeconds: 0 },
    ],
  };
  const view = (snapshot?: AggregateSnapshot): VnfView => ({
    vnf: {
      id: VNF_ID,
      vnfdId: "vnfd-1",
      vnfInstanceName: "gw-1",
      flavourId: "default",
      isAutoscaleEnabled: true,
      isAutohealEnabled: true,
      scaleLevels: { workers: 0 },
      maxScaleLevels: { workers: 3 },
      vnfcs: [
        { id: "vnfc-a", vduId: "worker", baseUrl: "http://127.0.0.1:1" },
        { id: "vnfc-b", vduId: "worker", baseUrl: "http://127.0.0.1:2" },
      ],
      metadata: {},
    },
    profile,
    ...(snapshot ? { snapshot } : {}),
  });
  await hub.publish(view());
  return {
    url: server.url,
    hub,
    alarms,
    apis,
    sender,
    publish: (at, values, perVnfc = {}) => hub.publish(view({ at, reportingVnfcs: 2, values, perVnfc })),
    async close() {
      apis.close();
      await server.close();
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** fetch with the SOL013 Version header and JSON body. */
export async function call(
  url: string,
  method: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<{ status: number; body: unknown; headers: Headers }> {
  const response = await fetch(url, {
    method,
    redirect: "manual",
    headers: {
      version: headers.version ?? "1.3.0",
      accept: "application/json",
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    ...(body !== undefined ? { body: typeof body === "string" ? body : JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = text === "" ? undefined : JSON.parse(text);
  } catch {
    parsed = text;
  }
  return { status: response.status, body: parsed, headers: response.headers };
}
