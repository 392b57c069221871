import type { Delivery, MessageBus, Consumer } from "../../runtime-kit/bus/message-bus.js";
import { parseCommandStatus } from "../../runtime-kit/primitives/device-command.js";
import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { CommandCollections } from "../records/command-records.js";
import { applyTransition } from "./command-lifecycle.js";
import type { DeviceManagerKpis } from "../kpis.js";

/** The device-managers' shared status queue, named after the exchange so separate deployments never share it. */
export function statusQueue(exchange: string): string {
  return `${exchange}.device-manager`;
}

/**
 * Consumes `command-status.#` and moves command records forward. A status is applied only to
 * the command of the tenant and device its routing key and body name (a gateway attributes a
 * device's report by the device's credentials, so a device can never touch another device's
 * command); duplicates and out-of-order reports are acknowledged and ignored (command-lifecycle.ts).
 */
export async function consumeStatuses(deps: {
  bus: MessageBus;
  exchange: string;
  collections: CommandCollections;
  kpis: IvfKpis;
  deviceKpis: DeviceManagerKpis;
  logger: Logger;
  consumerTag: string;
}): Promise<Consumer> {
  const { collections, kpis, deviceKpis, logger } = deps;
  return deps.bus.consume(
    {
      name: statusQueue(deps.exchange),
      exchange: deps.exchange,
      bindings: ["command-status.#"],
      maxDeliveries: 5,
    },
    async (delivery: Delivery) => {
      const started = performance.now();
      kpis.received.inc({ protocol: "amqp" });
      const status = parseCommandStatus(delivery.body);
      const keyMatches = delivery.routingKey === `command-status.${status.tenant}.${status.deviceId}`;
      const outcome = keyMatches
        ? await applyTransition(
            collections.commands,
            status.commandId,
            {
              to: status.status,
              at: status.at,
              statusCode: status.statusCode,
              ...(status.detail !== undefined ? { detail: status.detail } : {}),
              ...(status.result !== undefined ? { result: status.result } : {}),
            },
            (record) => record.tenant === status.tenant && record.deviceId === status.deviceId,
          )
        : "missing";
      if (outcome === "applied") deviceKpis.commands.inc({ state: status.status });
      else {
        deviceKpis.ignoredStatuses.inc({ reason: outcome === "stale" ? "stale" : "unknown" });
        logger.debug(
          { commandId: status.commandId, status: status.status, outcome },
          "command status ignored",
        );
      }
      kpis.recordProcessed(outcome === "applied" ? "ok" : "rejected", (performance.now() - started) / 1000);
    },
    { prefetch: 50, consumerTag: deps.consumerTag },
  );
}
