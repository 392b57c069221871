/**
 * MQTT topics of device commands (docs/design/device-manager.md "Topic scheme"):
 *
 *   <prefix>/devices/<tenant>/<deviceId>/cmd     gateway -> device (QoS 1)
 *   <prefix>/<apiKey>/<deviceId>/cmdexe          device -> gateway, the outcome (QoS 1)
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
  const filter = `${prefix}/+/+/cmdexe`;
  return shared ? `$share/${COMMANDS_SHARED_GROUP}/${filter}` : filter;
}

export function resultTopic(prefix: string, apiKey: string, deviceId: string): string {
  return `${prefix}/${apiKey}/${deviceId}/cmdexe`;
}

export function parseResultTopic(
  prefix: string,
  topic: string,
): { apiKey: string; deviceId: string } | undefined {
  if (!topic.startsWith(`${prefix}/`)) return undefined;
  const levels = topic.slice(prefix.length + 1).split("/");
  if (levels.length !== 3 || levels[2] !== "cmdexe") return undefined;
  const [apiKey, deviceId] = levels as [string, string, string];
  if (apiKey.length === 0 || deviceId.length === 0) return undefined;
  return { apiKey, deviceId };
}
