import { Counter, Gauge, type Registry } from "prom-client";
import { ServerConditions, type ServerConditionsOptions } from "./server-conditions.js";

/**
 * KPIs of the OPC UA adapter. Labels are bounded: `code` takes only the status codes listed in
 * TRACKED_STATUS_CODES (anything else counts as "Other"), `kind` is value|event. Node ids,
 * endpoints and tenants never become labels of these counters (they are unbounded); the per-server
 * condition gauges (server-conditions.ts) take one `server` value per provisioned server.
 */
export const TRACKED_STATUS_CODES = [
  "GoodOverload",
  "GoodNoData",
  "Uncertain",
  "Bad",
  "BadCertificateUntrusted",
  "BadSecurityChecksFailed",
  "BadIdentityTokenRejected",
  "BadUserAccessDenied",
  "BadNodeIdUnknown",
  "BadTooManyOperations",
  "BadTooManyMonitoredItems",
  "BadMonitoredItemFilterUnsupported",
  "BadNotWritable",
  "BadTypeMismatch",
  "BadCommunicationError",
  "BadSessionIdInvalid",
  "BadTimeout",
  "Other",
] as const;

export type TrackedStatusCode = (typeof TRACKED_STATUS_CODES)[number];

export function boundedStatusCode(name: string): TrackedStatusCode {
  if ((TRACKED_STATUS_CODES as readonly string[]).includes(name)) return name as TrackedStatusCode;
  if (name.startsWith("Uncertain")) return "Uncertain";
  if (name.startsWith("Bad")) return "Bad";
  return "Other";
}

export class OpcuaKpis {
  private readonly sessions: Gauge;
  private readonly monitoredItems: Gauge;
  private readonly notifications: Counter<"kind">;
  private readonly reconnects: Counter;
  private readonly connectionsLost: Counter;
  private readonly keepAlivesMissed: Counter;
  private readonly statusCodes: Counter<"code">;
  private readonly ownedServers: Gauge;
  private readonly published: Counter;
  /** Conditions per owned server (certificate untrusted, overloaded, ...): what alarms are raised from. */
  readonly conditions: ServerConditions;

  constructor(registry: Registry, options: ServerConditionsOptions = {}) {
    const registers = [registry];
    this.conditions = new ServerConditions(registry, options);
    this.sessions = new Gauge({ name: "iotvf_opcua_sessions", help: "Open OPC UA sessions", registers });
    this.monitoredItems = new Gauge({
      name: "iotvf_opcua_monitored_items",
      help: "Monitored items currently created on the servers this instance owns",
      registers,
    });
    this.notifications = new Counter({
      name: "iotvf_opcua_notifications_total",
      help: "Data-change and event notifications received",
      labelNames: ["kind"],
      registers,
    });
    this.reconnects = new Counter({
      name: "iotvf_opcua_reconnects_total",
      help: "Sessions restored after a connection loss or server restart",
      registers,
    });
    this.connectionsLost = new Counter({
      name: "iotvf_opcua_connections_lost_total",
      help: "Connections to a server that broke",
      registers,
    });
    this.keepAlivesMissed = new Counter({
      name: "iotvf_opcua_keepalive_missed_total",
      help: "Session keep-alives the server did not answer",
      registers,
    });
    this.statusCodes = new Counter({
      name: "iotvf_opcua_status_codes_total",
      help: "Non-Good status codes seen in notifications, connections and commands (bounded set)",
      labelNames: ["code"],
      registers,
    });
    this.ownedServers = new Gauge({
      name: "iotvf_opcua_owned_servers",
      help: "Server endpoints this instance owns",
      registers,
    });
    this.published = new Counter({
      name: "iotvf_opcua_published_measurements_total",
      help: "Measurements published on the bus as request primitives",
      registers,
    });
  }

  sessionOpened(): void {
    this.sessions.inc();
  }
  sessionClosed(): void {
    this.sessions.dec();
  }
  itemsCreated(count: number): void {
    this.monitoredItems.inc(count);
  }
  itemsRemoved(count: number): void {
    this.monitoredItems.dec(count);
  }
  notification(kind: "value" | "event", count = 1): void {
    this.notifications.inc({ kind }, count);
  }
  reconnected(): void {
    this.reconnects.inc();
  }
  connectionLost(): void {
    this.connectionsLost.inc();
  }
  keepAliveMissed(): void {
    this.keepAlivesMissed.inc();
  }
  statusCode(name: string, count = 1): void {
    this.statusCodes.inc({ code: boundedStatusCode(name) }, count);
  }
  owned(count: number): void {
    this.ownedServers.set(count);
  }
  publishedMeasurements(count: number): void {
    this.published.inc(count);
  }
}
