import type { PeerCertificate, TLSSocket } from "node:tls";
import { IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";

/**
 * Which device an X.509 client certificate names (docs/design/telemetry-path.md "Transport
 * security"). The certificate was issued by the operator's device CA (IVF_HTTP_TLS_CA_FILE), so
 * what it names is trusted the way a group's API key is: it attributes the tenant.
 *
 *   1. a SAN URI `urn:ivf:device:<tenant>:<deviceId>` (preferred; one per certificate), else
 *   2. the subject CN `<tenant>:<deviceId>`.
 *
 * Both parts are identifiers ([A-Za-z0-9_-]{1,64}), so ':' cannot be ambiguous and nothing in a
 * certificate can inject topic levels or routing-key words.
 */
export interface CertifiedDevice {
  tenant: string;
  deviceId: string;
}

export const DEVICE_URI_PREFIX = "urn:ivf:device:";

export type CertificateIdentity =
  { ok: true; device: CertifiedDevice; source: "san-uri" | "subject-cn" } | { ok: false; problem: string };

export function deviceFromCertificate(
  certificate: Pick<PeerCertificate, "subject" | "subjectaltname">,
): CertificateIdentity {
  const uris = (certificate.subjectaltname ?? "")
    .split(/,\s*/)
    .filter((entry) => entry.startsWith(`URI:${DEVICE_URI_PREFIX}`))
    .map((entry) => entry.slice(`URI:${DEVICE_URI_PREFIX}`.length));
  if (uris.length > 1) {
    return {
      ok: false,
      problem: `the certificate has ${uris.length} ${DEVICE_URI_PREFIX} SAN URIs; exactly one is allowed`,
    };
  }
  if (uris.length === 1) {
    const device = split(uris[0]!);
    return device
      ? { ok: true, device, source: "san-uri" }
      : {
          ok: false,
          problem: `SAN URI ${DEVICE_URI_PREFIX}${uris[0]!.slice(0, 130)} is not <tenant>:<deviceId>`,
        };
  }
  const commonName = certificate.subject?.CN;
  const cn = Array.isArray(commonName) ? undefined : commonName;
  const device = cn ? split(cn) : undefined;
  if (device) return { ok: true, device, source: "subject-cn" };
  return {
    ok: false,
    problem: `the certificate names no device: expected a SAN URI ${DEVICE_URI_PREFIX}<tenant>:<deviceId> or the subject CN <tenant>:<deviceId> (CN is ${JSON.stringify((cn ?? "").slice(0, 130))})`,
  };
}

function split(value: string): CertifiedDevice | undefined {
  const parts = value.split(":");
  if (parts.length !== 2) return undefined;
  const [tenant, deviceId] = parts as [string, string];
  return IDENTIFIER_PATTERN.test(tenant) && IDENTIFIER_PATTERN.test(deviceId)
    ? { tenant, deviceId }
    : undefined;
}

/** What a log line may say about a certificate: public fields only (never key material). */
export function describeCertificate(
  certificate: Partial<PeerCertificate> | undefined,
): Record<string, unknown> {
  if (!certificate || !certificate.subject) return { certificate: "none" };
  const cn = certificate.subject.CN;
  return {
    subject: Array.isArray(cn) ? cn.join(",") : cn,
    issuer: certificate.issuer?.CN,
    serial: certificate.serialNumber,
    fingerprint256: certificate.fingerprint256,
    validTo: certificate.valid_to,
  };
}

export type PeerCheck =
  | { presented: false }
  | { presented: true; ok: true; device: CertifiedDevice; details: Record<string, unknown> }
  | { presented: true; ok: false; problem: string; details: Record<string, unknown> };

/**
 * The client certificate of a connection (HTTPS request or mqtts session): not presented, or
 * verified against the CA and CRL by the TLS layer and naming a device, or refused with the
 * reason (e.g. CERT_REVOKED, UNABLE_TO_VERIFY_LEAF_SIGNATURE, CERT_HAS_EXPIRED).
 */
export function checkPeerCertificate(socket: unknown): PeerCheck {
  const tls = socket as Partial<TLSSocket> | undefined;
  if (!tls || typeof tls.getPeerCertificate !== "function") return { presented: false };
  const certificate = tls.getPeerCertificate();
  if (!certificate || Object.keys(certificate).length === 0) return { presented: false };
  const details = describeCertificate(certificate);
  if (!tls.authorized) {
    const reason = tls.authorizationError ? String(tls.authorizationError) : "not verified";
    return {
      presented: true,
      ok: false,
      problem: `the certificate was refused by TLS verification (${reason})`,
      details,
    };
  }
  const identity = deviceFromCertificate(certificate);
  if (!identity.ok) return { presented: true, ok: false, problem: identity.problem, details };
  return { presented: true, ok: true, device: identity.device, details };
}
