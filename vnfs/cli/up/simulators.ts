import { mqttSender } from "../../simulators/meters/meter-senders.js";
import { runMeterFleet } from "../../simulators/meters/run-meters.js";
import type { DemoCredentials } from "./demo-tenant.js";

/** Starts the smart-meter fleet over MQTT; the returned function stops it and closes the sender. */
export async function startMeters(
  mqttUrl: string,
  credentials: DemoCredentials,
  count: number,
  rate: number,
): Promise<() => Promise<void>> {
  const abort = new AbortController();
  const sender = await mqttSender(mqttUrl, credentials.deviceApiKey);
  const fleet = runMeterFleet(sender, {
    count,
    rate,
    signal: abort.signal,
    onError: () => undefined,
  }).finally(() => sender.close());
  return async () => {
    abort.abort();
    await fleet;
  };
}
