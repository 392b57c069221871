/**
 * Alarms page: the monitoring agent's SOL003 FM interface (`vnffm/v1`, SOL003 7.4), listed and
 * acknowledged with the merge-patch an NFVO sends (SOL003 7.4.3.3.4), If-Match from the ETag
 * read just before, so an acknowledgement never overwrites a change it has not seen.
 */
import type { Express } from "express";
import { ConsoleError, problemSummary } from "../backend/console-error.js";
import { param, type ConsoleDeps, type Guard } from "./route-kit.js";

const FM_VERSION = "1.3.0";

interface Alarm {
  id: string;
  managedObjectId: string;
  alarmRaisedTime: string;
  ackState: string;
  perceivedSeverity: string;
  [key: string]: unknown;
}

export function registerAlarmRoutes(app: Express, deps: ConsoleDeps, guard: Guard): void {
  const fm = async (
    path: string,
    init: { method?: string; headers?: Record<string, string>; body?: string } = {},
  ) => {
    if (!deps.monitor)
      throw new ConsoleError(503, "the monitoring agent is not running (ivf up --no-monitor): no alarms");
    const response = await fetch(`${deps.monitor.url}/vnffm/v1${path}`, {
      method: init.method ?? "GET",
      headers: {
        accept: "application/json",
        version: FM_VERSION,
        authorization: `Bearer ${deps.monitor.token}`,
        ...init.headers,
      },
      ...(init.body ? { body: init.body } : {}),
      signal: AbortSignal.timeout(10_000),
    }).catch((error: unknown) => {
      throw new ConsoleError(502, `monitoring agent unreachable: ${(error as Error).message}`);
    });
    const body = (await response.json().catch(() => undefined)) as unknown;
    return { status: response.status, etag: response.headers.get("etag"), body };
  };

  app.get(
    "/api/alarms",
    guard("reader", async (_session, _req, res) => {
      const answer = await fm("/alarms");
      if (answer.status !== 200)
        throw new ConsoleError(
          502,
          `vnffm/v1/alarms answered ${answer.status} ${problemSummary(answer.body)}`,
        );
      const alarms = (answer.body as Alarm[]).sort((a, b) =>
        b.alarmRaisedTime.localeCompare(a.alarmRaisedTime),
      );
      res.json(alarms);
    }),
  );

  app.post(
    "/api/alarms/:id/ack",
    guard("tenant-admin", async (_session, req, res) => {
      const id = param(req, "id");
      const current = await fm(`/alarms/${id}`);
      if (current.status !== 200)
        throw new ConsoleError(
          current.status === 404 ? 404 : 502,
          `alarm ${id}: ${problemSummary(current.body)}`,
        );
      const answer = await fm(`/alarms/${id}`, {
        method: "PATCH",
        headers: {
          "content-type": "application/merge-patch+json",
          ...(current.etag ? { "if-match": current.etag } : {}),
        },
        body: JSON.stringify({ ackState: "ACKNOWLEDGED" }),
      });
      if (answer.status !== 200)
        throw new ConsoleError(
          answer.status === 409 ? 409 : 502,
          `alarm ${id}: ${problemSummary(answer.body)}`,
        );
      res.json(answer.body);
    }),
  );
}
