/**
 * Devices pages: search the registry and send commands through the device-manager API with the
 * session's identity token; latest values and raw measurements through the cloud-api (the
 * tenant's application key, or the identity token where no key is configured); the fault
 * detector's findings for the chart of one attribute (backend/fault-source.ts).
 */
import type { Express } from "express";
import { ConsoleError, problemSummary } from "../backend/console-error.js";
import { callIvf, type IvfAnswer } from "../backend/ivf-api.js";
import type { ConsoleSession } from "../sessions.js";
import { param, query, tenantOf, type ConsoleDeps, type Guard } from "./route-kit.js";

interface Device {
  deviceId: string;
  groupId: string;
  name?: string;
  transport?: string;
}

const SEARCH = /^[A-Za-z0-9_ .:-]{1,64}$/;
const ATTRIBUTE = /^[A-Za-z0-9_.:-]{1,64}$/;
const PAGE = 500;
const MOST_SCANNED = 5000;

/** The body of an answer with one of `ok` statuses; anything else becomes a ConsoleError naming `what`. */
function expectStatus<T>(answer: IvfAnswer<T>, ok: number[], what: string): T {
  if (ok.includes(answer.status)) return answer.body;
  const status = [400, 401, 403, 404, 409, 422, 429, 503].includes(answer.status) ? answer.status : 502;
  throw new ConsoleError(status, `${what}: HTTP ${answer.status} ${problemSummary(answer.body)}`);
}

export function registerDeviceRoutes(app: Express, deps: ConsoleDeps, guard: Guard): void {
  const manager = async <T>(session: ConsoleSession, path: string, method = "GET", json?: unknown) =>
    callIvf<T>(deps.locator, "device-manager", `/v1/tenants/${tenantOf(session)}${path}`, {
      method,
      token: await session.iotToken(),
      ...(json !== undefined ? { json } : {}),
    });
  const cloud = async <T>(session: ConsoleSession, path: string) => {
    const apiKey = deps.applicationKeys[tenantOf(session)];
    return callIvf<T>(
      deps.locator,
      "cloud-api",
      path,
      apiKey ? { apiKey } : { token: await session.iotToken() },
    );
  };

  app.get(
    "/api/devices",
    guard("reader", async (session, req, res) => {
      const search = query(req, "q", SEARCH)?.toLowerCase();
      const found: Device[] = [];
      let total = 0;
      for (let offset = 0; offset < MOST_SCANNED; offset += PAGE) {
        const page = expectStatus(
          await manager<{ items: Device[]; total: number }>(
            session,
            `/devices?limit=${PAGE}&offset=${offset}`,
          ),
          [200],
          "device-manager device list",
        );
        total = page.total;
        found.push(
          ...page.items.filter(
            (device) =>
              !search ||
              device.deviceId.toLowerCase().includes(search) ||
              (device.name ?? "").toLowerCase().includes(search),
          ),
        );
        if (offset + PAGE >= page.total || found.length >= 200) break;
      }
      res.json({ total, items: found.slice(0, 200) });
    }),
  );

  app.get(
    "/api/devices/:id",
    guard("reader", async (session, req, res) => {
      const id = param(req, "id");
      const [device, latest, commands] = await Promise.all([
        manager<Device>(session, `/devices/${id}`),
        cloud<{ values: unknown[] }>(session, `/v1/devices/${id}/latest`),
        manager<{ items: unknown[] }>(session, `/devices/${id}/commands?limit=10`),
      ]);
      res.json({
        device: expectStatus(device, [200], `device ${id}`),
        // A device that has sent nothing yet has no latest values (cloud-api answers 404).
        latest: latest.status === 404 ? [] : expectStatus(latest, [200], `latest values of ${id}`).values,
        commands: expectStatus(commands, [200], `commands of ${id}`).items,
      });
    }),
  );

  app.post(
    "/api/devices/:id/commands",
    guard("writer", async (session, req, res) => {
      const id = param(req, "id");
      const { command, value } = (req.body ?? {}) as Record<string, unknown>;
      if (typeof command !== "string" || !/^[A-Za-z0-9_.-]{1,64}$/.test(command))
        throw new ConsoleError(400, "command: a name of letters, digits, '_', '.' or '-' is required");
      const request = { command, ...(value !== undefined && value !== "" ? { value } : {}) };
      const answer = await manager<{ commandId: string }>(
        session,
        `/devices/${id}/commands`,
        "POST",
        request,
      );
      res.status(202).json(expectStatus(answer, [202], `command ${command} to ${id}`));
    }),
  );

  app.get(
    "/api/devices/:id/commands/:command",
    guard("reader", async (session, req, res) => {
      const path = `/devices/${param(req, "id")}/commands/${param(req, "command")}`;
      res.json(expectStatus(await manager(session, path), [200], "command status"));
    }),
  );

  app.get(
    "/api/devices/:id/series",
    guard("reader", async (session, req, res) => {
      const id = param(req, "id");
      const attribute = query(req, "attribute", ATTRIBUTE);
      if (!attribute) throw new ConsoleError(400, "attribute is required");
      const minutes = Number(query(req, "minutes", /^\d{1,4}$/) ?? "15");
      const since = new Date(Date.now() - Math.min(Math.max(minutes, 1), 1440) * 60_000);
      const path = `/v1/devices/${id}/measurements?attribute=${attribute}&from=${since.toISOString()}&limit=1000`;
      const [measurements, faults] = await Promise.all([
        cloud<{ items: { timestamp: string; value: unknown }[]; nextCursor?: string }>(session, path),
        deps.faults
          ? deps.faults.faults({ tenant: tenantOf(session), deviceId: id, attribute, since })
          : Promise.resolve(undefined),
      ]);
      const page =
        measurements.status === 404
          ? { items: [] }
          : expectStatus(measurements, [200], `measurements of ${id}`);
      res.json({
        deviceId: id,
        attribute,
        from: since.toISOString(),
        truncated: Boolean(page.nextCursor),
        points: page.items
          .filter((item) => typeof item.value === "number")
          .map((item) => ({ at: Date.parse(item.timestamp), value: item.value as number })),
        faults: faults ?? null,
      });
    }),
  );
}
