/**
 * Device topic scheme of the MQTT binding (docs/design/telemetry-path.md "Topic scheme"):
 *
 *   <prefix>/<apiKey>/<deviceId>/attrs       prefix defaults to "ivf/v1"
 *
 * modelled on FIWARE IoT Agent JSON's `/json/<apikey>/<deviceId>/attrs` (iot-platforms.md §1.4):
 * the API key selects the device group and thereby the tenant, so a device can never choose its
 * tenant. The gateway subscribes with `<prefix>/+/+/attrs`, under the shared-subscription group
 * `$share/field-gateway/` when the broker supports it, so instances split the traffic.
 */
export const SHARED_GROUP = "field-gateway";

export function subscriptionFilter(prefix: string, shared: boolean): string {
  const filter = `${prefix}/+/+/attrs`;
  return shared ? `$share/${SHARED_GROUP}/${filter}` : filter;
}

export function telemetryTopic(prefix: string, apiKey: string, deviceId: string): string {
  return `${prefix}/${apiKey}/${deviceId}/attrs`;
}

/** Splits a received topic; undefined when it does not follow the scheme. */
export function parseTelemetryTopic(
  prefix: string,
  topic: string,
): { apiKey: string; deviceId: string } | undefined {
  if (!topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split("/");
  if (levels.length !== 3 || levels[2] !== "attrs") return undefined;
  const [apiKey, deviceId] = levels as [string, string, string];
  if (apiKey.length === 0 || deviceId.length === 0) return undefined;
  return { apiKey, deviceId };
}
