import { Gauge, type Registry } from "prom-client";
import type { RejectedCertificate } from "./errors.js";

/**
 * Conditions of each owned server that an operator has to act on, exposed as gauges so the
 * monitoring agent can raise SOL003 alarms from them and clear them when they are gone
 * (monitoring/fault/opcua-rules.ts). A condition is a state, not an event: it is 1 while it
 * holds and 0 once it is over, which counters of status codes cannot say.
 *
 * Labels stay bounded: `server` (`<tenant>.<server id>`) and `endpoint` take one value per
 * provisioned server, `condition` one of SERVER_CONDITIONS. The certificate details of
 * `iotvf_opcua_untrusted_certificate_info` are one series per server at most (replaced when
 * the server presents another certificate, removed when it is trusted). No node id is a label.
 */
export const SERVER_CONDITIONS = [
  /** The server presented a certificate this instance does not trust (BadCertificateUntrusted). */
  "certificate_untrusted",
  /** The server refused our secure channel (BadSecurityChecksFailed: it does not trust us, policy). */
  "security_checks_failed",
  /** No working session: connection or session lost (BadConnectionClosed, BadSessionClosed, keep-alive). */
  "connection_lost",
  /** The server reported GoodOverload on notifications recently (it samples slower than asked). */
  "overloaded",
  /** The server refused monitored items with BadTooManyMonitoredItems (those items deliver nothing). */
  "too_many_monitored_items",
] as const;

export type ServerCondition = (typeof SERVER_CONDITIONS)[number];

/** Which server a condition is about. */
export interface ServerRef {
  /** `<tenant>.<server id>` (serverKey). */
  key: string;
  endpointUrl: string;
}

export interface ServerConditionsOptions {
  /** How long after the last GoodOverload the server still counts as overloaded. */
  overloadHoldMs?: number;
}

export const CONDITION_METRIC = "iotvf_opcua_server_condition";
export const UNTRUSTED_CERTIFICATE_METRIC = "iotvf_opcua_untrusted_certificate_info";

interface CertificateLabels {
  server: string;
  endpoint: string;
  thumbprint: string;
  subject: string;
  pki_dir: string;
}

export class ServerConditions {
  private readonly conditions: Gauge<"server" | "endpoint" | "condition">;
  private readonly certificates: Gauge<keyof CertificateLabels>;
  private readonly active = new Map<string, { ref: ServerRef; held: Set<ServerCondition> }>();
  private readonly lastOverloadAt = new Map<string, number>();
  private readonly certificateLabels = new Map<string, CertificateLabels>();
  private readonly overloadHoldMs: number;

  constructor(registry: Registry, options: ServerConditionsOptions = {}) {
    this.overloadHoldMs = options.overloadHoldMs ?? 30_000;
    const conditions = (): ServerConditions => this;
    this.conditions = new Gauge({
      name: CONDITION_METRIC,
      help: "1 while a condition of an owned OPC UA server holds (certificate_untrusted, overloaded, ...), 0 after",
      labelNames: ["server", "endpoint", "condition"],
      registers: [registry],
      collect() {
        conditions().refreshOverloads();
      },
    });
    this.certificates = new Gauge({
      name: UNTRUSTED_CERTIFICATE_METRIC,
      help: "The server certificate this instance refused, while it is not trusted (trust it with `ivf opcua pki trust`)",
      labelNames: ["server", "endpoint", "thumbprint", "subject", "pki_dir"],
      registers: [registry],
    });
  }

  raise(ref: ServerRef, condition: ServerCondition): void {
    this.entry(ref).held.add(condition);
    this.conditions.set({ server: ref.key, endpoint: ref.endpointUrl, condition }, 1);
  }

  clear(ref: ServerRef, condition: ServerCondition): void {
    const entry = this.active.get(ref.key);
    if (!entry?.held.delete(condition)) return;
    this.conditions.set({ server: ref.key, endpoint: ref.endpointUrl, condition }, 0);
    if (condition === "certificate_untrusted") this.dropCertificate(ref.key);
    if (condition === "overloaded") this.lastOverloadAt.delete(ref.key);
  }

  /** The server presented `certificate`, which is not in this instance's trusted list. */
  untrustedCertificate(ref: ServerRef, certificate: RejectedCertificate, pkiDir: string): void {
    const labels: CertificateLabels = {
      server: ref.key,
      endpoint: ref.endpointUrl,
      thumbprint: certificate.thumbprint,
      subject: certificate.subject,
      pki_dir: pkiDir,
    };
    this.dropCertificate(ref.key);
    this.certificateLabels.set(ref.key, labels);
    this.certificates.set({ ...labels }, 1);
    this.raise(ref, "certificate_untrusted");
  }

  /** A notification carried GoodOverload. */
  overload(ref: ServerRef): void {
    this.lastOverloadAt.set(ref.key, Date.now());
    if (!this.active.get(ref.key)?.held.has("overloaded")) this.raise(ref, "overloaded");
  }

  /** A session is open and working: the connection-level conditions are over. */
  connected(ref: ServerRef): void {
    this.clear(ref, "certificate_untrusted");
    this.clear(ref, "security_checks_failed");
    this.clear(ref, "connection_lost");
  }

  holds(key: string, condition: ServerCondition): boolean {
    return this.active.get(key)?.held.has(condition) ?? false;
  }

  /** This instance no longer serves the server (handed over, deprovisioned): drop its series. */
  forget(key: string): void {
    const entry = this.active.get(key);
    this.active.delete(key);
    this.lastOverloadAt.delete(key);
    this.dropCertificate(key);
    if (!entry) return;
    for (const condition of SERVER_CONDITIONS)
      this.conditions.remove({ server: key, endpoint: entry.ref.endpointUrl, condition });
  }

  /** Called on every scrape: an overload older than the hold time is over. */
  refreshOverloads(now = Date.now()): void {
    for (const [key, at] of this.lastOverloadAt) {
      const entry = this.active.get(key);
      if (entry && now - at > this.overloadHoldMs) this.clear(entry.ref, "overloaded");
    }
  }

  private entry(ref: ServerRef): { ref: ServerRef; held: Set<ServerCondition> } {
    let entry = this.active.get(ref.key);
    if (!entry) {
      entry = { ref, held: new Set() };
      this.active.set(ref.key, entry);
    }
    return entry;
  }

  private dropCertificate(key: string): void {
    const labels = this.certificateLabels.get(key);
    if (!labels) return;
    this.certificateLabels.delete(key);
    this.certificates.remove({ ...labels });
  }
}
