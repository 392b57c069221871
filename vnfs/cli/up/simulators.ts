import { answerMeterCommands } from "../../simulators/meters/meter-commands.js";
import { MeterModel } from "../../simulators/meters/meter-model.js";
import { mqttSender } from "../../simulators/meters/meter-senders.js";
import { meterIds, runMeterFleet } from "../../simulators/meters/run-meters.js";
import { DEMO_TENANT, type DemoCredentials } from "./demo-tenant.js";

/**
 * Starts the smart-meter fleet over MQTT; the meters also answer commands (ping, relay). The
 * returned function stops both and closes their connections.
 */
export async function startMeters(
  mqttUrl: string,
  credentials: DemoCredentials,
  count: number,
  rate: number,
): Promise<() => Promise<void>> {
  const abort = new AbortController();
  const models = new Map(meterIds(count).map((id) => [id, new MeterModel(id)]));
  const stopCommands = await answerMeterCommands({
    url: mqttUrl,
    tenant: DEMO_TENANT,
    apiKey: credentials.deviceApiKey,
    meters: models,
  });
  const sender = await mqttSender(mqttUrl, credentials.deviceApiKey);
  const fleet = runMeterFleet(sender, {
    count,
    rate,
    models,
    signal: abort.signal,
    onError: () => undefined,
  }).finally(() => sender.close());
  return async () => {
    abort.abort();
    await fleet;
    await stopCommands();
  };
}
