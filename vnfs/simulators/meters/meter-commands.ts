/**
 * Simulated meters answering device commands over MQTT, as a real meter's firmware would
 * (docs/design/device-manager.md "Topic scheme"): each meter listens on its own command topic
 * `<prefix>/devices/<tenant>/<deviceId>/cmd` and reports the outcome on
 * `<prefix>/<apiKey>/<deviceId>/cmdexe` (QoS 1 both ways).
 *
 * Commands a meter understands:
 * - `ping`: executed, result `{ "pong": <meter time> }`;
 * - `relay` with value `"on"`/`"closed"`/true (supply on) or `"off"`/`"open"`/false (supply off);
 *   while the supply is off the meter reports zero power and current; result `{ "relay": "on" | "off" }`;
 * - anything else, a malformed command or one past its `expiresAt`: failed, with a detail saying why.
 */
import mqtt, { type MqttClient } from "mqtt";
import type { MeterModel } from "./meter-model.js";

export interface MeterCommandOptions {
  url: string;
  tenant: string;
  apiKey: string;
  /** The meters by device id; commands act on these models. */
  meters: ReadonlyMap<string, MeterModel>;
  topicPrefix?: string;
  now?: () => number;
}

export interface MeterOutcome {
  status: "executed" | "failed";
  result?: Record<string, unknown>;
  detail?: string;
}

const RELAY_ON = new Set<unknown>(["on", "closed", "close", true]);
const RELAY_OFF = new Set<unknown>(["off", "open", false]);

/** What meter `meter` does with a command payload (pure: no I/O). */
export function executeMeterCommand(meter: MeterModel, payload: unknown, now: number): MeterOutcome {
  if (payload === null || typeof payload !== "object" || Array.isArray(payload))
    return { status: "failed", detail: "command payload is not a JSON object" };
  const { command, value, expiresAt } = payload as Record<string, unknown>;
  if (typeof expiresAt === "string" && Date.parse(expiresAt) < now)
    return { status: "failed", detail: `command expired at ${expiresAt}` };
  if (command === "ping") return { status: "executed", result: { pong: new Date(now).toISOString() } };
  if (command === "relay") {
    const on = RELAY_ON.has(value) ? true : RELAY_OFF.has(value) ? false : undefined;
    if (on === undefined)
      return {
        status: "failed",
        detail: 'relay needs value "on"/"closed" (supply on) or "off"/"open" (supply off)',
      };
    meter.setRelay(on);
    return { status: "executed", result: { relay: on ? "on" : "off" } };
  }
  return {
    status: "failed",
    detail: `unknown command ${JSON.stringify(command)}; a meter understands ping and relay`,
  };
}

/** Subscribes every meter to its command topic; resolves once subscribed. Returns the closer. */
export async function answerMeterCommands(options: MeterCommandOptions): Promise<() => Promise<void>> {
  const prefix = options.topicPrefix ?? "ivf/v1";
  const now = options.now ?? Date.now;
  const client: MqttClient = await mqtt.connectAsync(options.url, {
    clientId: `ivf-meter-commands-${process.pid}-${Math.floor(Math.random() * 1e9)}`,
    clean: true,
    reconnectPeriod: 1000,
  });
  const byTopic = new Map(
    [...options.meters].map(([deviceId, meter]) => [
      `${prefix}/devices/${options.tenant}/${deviceId}/cmd`,
      { deviceId, meter },
    ]),
  );
  client.on("message", (topic, payload) => {
    const target = byTopic.get(topic);
    if (!target) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(payload.toString("utf8"));
    } catch {
      return; // without a parsable commandId there is nothing to answer to
    }
    const commandId = (parsed as { commandId?: unknown } | null)?.commandId;
    if (typeof commandId !== "string") return;
    const outcome = executeMeterCommand(target.meter, parsed, now());
    void client
      .publishAsync(
        `${prefix}/${options.apiKey}/${target.deviceId}/cmdexe`,
        JSON.stringify({ commandId, ...outcome }),
        { qos: 1 },
      )
      .catch(() => undefined); // the gateway expires commands that never get an answer
  });
  if (byTopic.size > 0) await client.subscribeAsync([...byTopic.keys()], { qos: 1 });
  return () => client.endAsync();
}
