import type { MetricFamily } from "../scrape/exposition-parser.js";
import type { AlarmManager } from "./alarm-manager.js";
import { faultKeyOf, type EventType, type PerceivedSeverity } from "./alarm-model.js";

/**
 * Alarms from the OPC UA adapter's per-server conditions (vnfs/opcua-adapter/server-conditions.ts):
 * each VNFC exposes `iotvf_opcua_server_condition{server, endpoint, condition}` (1 while the
 * condition holds) and, for an untrusted server certificate,
 * `iotvf_opcua_untrusted_certificate_info{server, endpoint, thumbprint, subject, pki_dir}`.
 * One alarm per (VNF instance, fault type, server): a server moves between VNFCs on scale and heal,
 * and it is the same fault whichever VNFC reports it.
 *
 * Clearing: an alarm is cleared when no VNFC reports its condition any more, but only in a cycle
 * where every VNFC of the instance was scraped; a VNFC that did not answer may be the one that
 * still sees the condition (its own absence is VNFC_DOWN's business).
 */
export const OPCUA_FAULT_TYPES = [
  "OPCUA_CERTIFICATE_UNTRUSTED",
  "OPCUA_SECURITY_CHECKS_FAILED",
  "OPCUA_CONNECTION_LOST",
  "OPCUA_SERVER_OVERLOADED",
  "OPCUA_TOO_MANY_MONITORED_ITEMS",
] as const;

export type OpcuaFaultType = (typeof OPCUA_FAULT_TYPES)[number];

const CONDITION_METRIC = "iotvf_opcua_server_condition";
const CERTIFICATE_METRIC = "iotvf_opcua_untrusted_certificate_info";

interface ConditionRule {
  faultType: OpcuaFaultType;
  severity: Exclude<PerceivedSeverity, "CLEARED">;
  eventType: EventType;
  cause: (server: ReportedServer) => string;
  details: (server: ReportedServer) => string[];
}

/** What the VNFCs report about one server in one cycle. */
interface ReportedServer {
  server: string;
  endpoint: string;
  vnfcIds: string[];
  certificate?: { thumbprint: string; subject: string; pkiDir: string };
}

const RULES: Record<string, ConditionRule> = {
  certificate_untrusted: {
    faultType: "OPCUA_CERTIFICATE_UNTRUSTED",
    severity: "MAJOR",
    eventType: "COMMUNICATIONS_ALARM",
    cause: ({ server, endpoint, certificate }) =>
      certificate
        ? `OPC UA server ${server} (${endpoint}) presented certificate "${certificate.subject}" ` +
          `(thumbprint ${certificate.thumbprint}) that the adapter does not trust (BadCertificateUntrusted); ` +
          `after checking the thumbprint with the server's administrator, trust it with: ` +
          `ivf opcua pki trust ${certificate.thumbprint} --pki-dir ${certificate.pkiDir}`
        : `OPC UA server ${server} (${endpoint}) presented a certificate that the adapter does not trust ` +
          `(BadCertificateUntrusted); list it with 'ivf opcua pki list' and trust it with 'ivf opcua pki trust <thumbprint>'`,
    details: ({ certificate, vnfcIds }) => [
      ...(certificate
        ? [
            `subject: ${certificate.subject}`,
            `thumbprint: ${certificate.thumbprint}`,
            `pki: ${certificate.pkiDir}`,
          ]
        : []),
      `reported by VNFC ${vnfcIds.join(", ")}; no data is read from this server until it is trusted`,
    ],
  },
  security_checks_failed: {
    faultType: "OPCUA_SECURITY_CHECKS_FAILED",
    severity: "MAJOR",
    eventType: "COMMUNICATIONS_ALARM",
    cause: ({ server, endpoint }) =>
      `OPC UA server ${server} (${endpoint}) refused the secure channel (BadSecurityChecksFailed): ` +
      `add the adapter's certificate (ivf opcua pki list, "own") to the server's trusted list`,
    details: ({ vnfcIds }) => [`reported by VNFC ${vnfcIds.join(", ")}`],
  },
  connection_lost: {
    faultType: "OPCUA_CONNECTION_LOST",
    severity: "MAJOR",
    eventType: "COMMUNICATIONS_ALARM",
    cause: ({ server, endpoint }) =>
      `OPC UA server ${server} (${endpoint}) unreachable: connection or session lost ` +
      `(BadConnectionClosed, BadSessionClosed or keep-alive missed); the adapter keeps reconnecting`,
    details: ({ vnfcIds }) => [`reported by VNFC ${vnfcIds.join(", ")}`],
  },
  overloaded: {
    faultType: "OPCUA_SERVER_OVERLOADED",
    severity: "WARNING",
    eventType: "QOS_ALARM",
    cause: ({ server, endpoint }) =>
      `OPC UA server ${server} (${endpoint}) overloaded (GoodOverload): it samples slower than requested; ` +
      `raise sampling/publishing intervals or reduce monitored items on this server`,
    details: ({ vnfcIds }) => [`reported by VNFC ${vnfcIds.join(", ")}`],
  },
  too_many_monitored_items: {
    faultType: "OPCUA_TOO_MANY_MONITORED_ITEMS",
    severity: "MAJOR",
    eventType: "QOS_ALARM",
    cause: ({ server, endpoint }) =>
      `OPC UA server ${server} (${endpoint}) refused monitored items (BadTooManyMonitoredItems): ` +
      `those nodes deliver no data; reduce the mapping or raise the server's limit`,
    details: ({ vnfcIds }) => [`reported by VNFC ${vnfcIds.join(", ")}`],
  },
};

export function isOpcuaFaultType(faultType: string): faultType is OpcuaFaultType {
  return (OPCUA_FAULT_TYPES as readonly string[]).includes(faultType);
}

/** One VNFC's scrape as the OPC UA rules need it; `metrics` is absent when the scrape failed. */
export interface OpcuaVnfcScrape {
  vnfcId: string;
  metrics?: Map<string, MetricFamily>;
}

/**
 * Raises the alarms the VNFCs' conditions call for and adds their keys to `wanted`; keeps the
 * active OPC UA alarms in `wanted` when a VNFC could not be scraped. The caller clears active
 * alarms that end up outside `wanted`.
 */
export async function evaluateOpcuaRules(
  alarms: AlarmManager,
  vnfInstanceId: string,
  vnfcs: OpcuaVnfcScrape[],
  active: Set<string>,
  wanted: Set<string>,
): Promise<void> {
  for (const [condition, servers] of reportedConditions(vnfcs)) {
    const rule = RULES[condition];
    if (!rule) continue; // a condition this agent does not know yet
    for (const server of servers.values()) {
      wanted.add(faultKeyOf(vnfInstanceId, rule.faultType, server.server));
      await alarms.raise({
        vnfInstanceId,
        faultType: rule.faultType,
        subject: server.server,
        vnfcInstanceIds: server.vnfcIds,
        perceivedSeverity: rule.severity,
        eventType: rule.eventType,
        probableCause: rule.cause(server),
        faultDetails: rule.details(server),
      });
    }
  }
  if (vnfcs.every((vnfc) => vnfc.metrics)) return;
  for (const key of active) {
    const faultType = key.split("|")[1] ?? "";
    if (isOpcuaFaultType(faultType)) wanted.add(key); // unknown this cycle: keep
  }
}

/** condition -> server -> what is reported about it, over every scraped VNFC. */
function reportedConditions(vnfcs: OpcuaVnfcScrape[]): Map<string, Map<string, ReportedServer>> {
  const result = new Map<string, Map<string, ReportedServer>>();
  for (const vnfc of vnfcs) {
    const certificates = new Map(
      (vnfc.metrics?.get(CERTIFICATE_METRIC)?.samples ?? [])
        .filter((sample) => sample.value === 1 && sample.labels.server)
        .map((sample) => [
          sample.labels.server!,
          {
            thumbprint: sample.labels.thumbprint ?? "",
            subject: sample.labels.subject ?? "",
            pkiDir: sample.labels.pki_dir ?? "",
          },
        ]),
    );
    for (const sample of vnfc.metrics?.get(CONDITION_METRIC)?.samples ?? []) {
      const { server, endpoint, condition } = sample.labels;
      if (sample.value !== 1 || !server || !condition) continue;
      let servers = result.get(condition);
      if (!servers) result.set(condition, (servers = new Map()));
      const reported = servers.get(server) ?? { server, endpoint: endpoint ?? "", vnfcIds: [] };
      reported.vnfcIds.push(vnfc.vnfcId);
      const certificate = certificates.get(server);
      if (condition === "certificate_untrusted" && certificate) reported.certificate = certificate;
      servers.set(server, reported);
    }
  }
  return result;
}
