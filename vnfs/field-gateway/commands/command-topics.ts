/**
 * MQTT topics of device commands (docs/design/device-manager.md "Topic scheme"):
 *
 *   <prefix>/devices/<tenant>/<deviceId>/cmd     gateway -> device (QoS 1)
 *   <prefix>/<apiKey>/<deviceId>/cmdexe          device -> gateway, the outcome (QoS 1)
 *   <prefix>/x509/<tenant>/<deviceId>/cmdexe     the same from a certificate device (embedded broker,
 *                                                which lets only that certificate publish there)
 *
 * Commands go down on a topic that names the tenant and device but never the API key: FIWARE's
 * `/<apikey>/<deviceId>/cmd` hands the group's key to anyone allowed to read any command topic.
 * Brokers must ACL `<prefix>/devices/<tenant>/<deviceId>/cmd` to that device's credential. Replies
 * carry the API key like telemetry (`.../attrs`), so the gateway attributes them by credentials.
 * The command topic has four levels after the prefix, so it can never match the gateway's own
 * `<prefix>/+/+/attrs` or `<prefix>/+/+/cmdexe` subscriptions, whatever the ids are.
 */
export const COMMANDS_SHARED_GROUP = "field-gateway-commands";

export function commandTopic(prefix: string, tenant: string, deviceId: string): string {
  return `${prefix}/devices/${tenant}/${deviceId}/cmd`;
}

export function resultFilter(prefix: string, shared: boolean): string {
  return resultFilters(prefix, shared)[0]!;
}

export function resultFilters(prefix: string, shared: boolean, certificateTopics = false): string[] {
  const filters = [`${prefix}/+/+/cmdexe`, ...(certificateTopics ? [`${prefix}/x509/+/+/cmdexe`] : [])];
  return shared ? filters.map((filter) => `$share/${COMMANDS_SHARED_GROUP}/${filter}`) : filters;
}

export function certificateResultTopic(prefix: string, tenant: string, deviceId: string): string {
  return `${prefix}/x509/${tenant}/${deviceId}/cmdexe`;
}

export function resultTopic(prefix: string, apiKey: string, deviceId: string): string {
  return `${prefix}/${apiKey}/${deviceId}/cmdexe`;
}

export function parseResultTopic(
  prefix: string,
  topic: string,
  certificateTopics = false,
): { apiKey: string; deviceId: string } | { tenant: string; deviceId: string } | undefined {
  if (!topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split("/");
  if (certificateTopics && levels.length === 4 && levels[0] === "x509" && levels[3] === "cmdexe") {
    const [, tenant, deviceId] = levels as [string, string, string, string];
    return tenant && deviceId ? { tenant, deviceId } : undefined;
  }
  if (levels.length !== 3 || levels[2] !== "cmdexe") return undefined;
  const [apiKey, deviceId] = levels as [string, string, string];
  if (apiKey.length === 0 || deviceId.length === 0) return undefined;
  return { apiKey, deviceId };
}
