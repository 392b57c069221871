import type { CertifiedDevice } from "../registry/certificate-identity.js";

/**
 * Device topic scheme of the MQTT binding (docs/design/telemetry-path.md "Topic scheme"):
 *
 *   <prefix>/<apiKey>/<deviceId>/attrs           API-key devices; prefix defaults to "ivf/v1"
 *   <prefix>/x509/<tenant>/<deviceId>/attrs      certificate devices (broker-enforced, see below)
 *
 * The first is modelled on FIWARE IoT Agent JSON's `/json/<apikey>/<deviceId>/attrs`
 * (iot-platforms.md §1.4): the API key selects the device group and thereby the tenant, so a
 * device can never choose its tenant. The second carries no secret: it is trusted only when the
 * broker lets a session publish there solely under the identity of its verified client
 * certificate (the embedded broker's policy, embedded-broker-policy.ts), so the gateway reads it
 * only when told the broker enforces that. "x509" is shorter than any API key (>= 16
 * characters) and the level count differs, so the two forms never overlap. The gateway
 * subscribes with `<prefix>/+/+/attrs` (and `<prefix>/x509/+/+/attrs`), under the
 * shared-subscription group `$share/field-gateway/` when the broker supports it.
 */
export const SHARED_GROUP = "field-gateway";
export const CERTIFICATE_LEVEL = "x509";

export function subscriptionFilters(prefix: string, shared: boolean, certificateTopics = false): string[] {
  const filters = [
    `${prefix}/+/+/attrs`,
    ...(certificateTopics ? [`${prefix}/${CERTIFICATE_LEVEL}/+/+/attrs`] : []),
  ];
  return shared ? filters.map((filter) => `$share/${SHARED_GROUP}/${filter}`) : filters;
}

/** The single API-key filter (kept for callers that subscribe to telemetry like the gateway). */
export function subscriptionFilter(prefix: string, shared: boolean): string {
  return subscriptionFilters(prefix, shared)[0]!;
}

export function telemetryTopic(prefix: string, apiKey: string, deviceId: string): string {
  return `${prefix}/${apiKey}/${deviceId}/attrs`;
}

export function certificateTelemetryTopic(prefix: string, device: CertifiedDevice): string {
  return `${prefix}/${CERTIFICATE_LEVEL}/${device.tenant}/${device.deviceId}/attrs`;
}

export type ParsedTopic =
  { apiKey: string; deviceId: string } | { certificate: CertifiedDevice; deviceId: string };

/**
 * Splits a received topic; undefined when it does not follow the scheme. Certificate topics are
 * recognised only with `certificateTopics` (the broker enforces who may publish there).
 */
export function parseTelemetryTopic(
  prefix: string,
  topic: string,
  certificateTopics = false,
): ParsedTopic | undefined {
  if (!topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split("/");
  if (levels.at(-1) !== "attrs" || levels.some((level) => level.length === 0)) return undefined;
  if (levels.length === 3) {
    const [apiKey, deviceId] = levels as [string, string, string];
    return { apiKey, deviceId };
  }
  if (certificateTopics && levels.length === 4 && levels[0] === CERTIFICATE_LEVEL) {
    const [, tenant, deviceId] = levels as [string, string, string, string];
    return { certificate: { tenant, deviceId }, deviceId };
  }
  return undefined;
}
