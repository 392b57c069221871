import { join } from "node:path";
import type { Logger } from "../logging/logger.js";
import type { MessageBus } from "./message-bus.js";

export interface BusSelection {
  /** RabbitMQ URL; when absent the embedded bus is used. */
  amqpUrl?: string;
  /** Directory holding the embedded bus file (shared by every process on this machine). */
  dataDir: string;
  instanceId: string;
  logger: Logger;
}

/** Chooses the adapter from configuration: RabbitMQ when a URL is set, the embedded bus otherwise. */
export async function createBus(selection: BusSelection): Promise<MessageBus> {
  if (selection.amqpUrl) {
    const { AmqpBus } = await import("./amqp/amqp-bus.js");
    return AmqpBus.connect({
      url: selection.amqpUrl,
      instanceId: selection.instanceId,
      logger: selection.logger,
    });
  }
  const { EmbeddedBus } = await import("./embedded/embedded-bus.js");
  return EmbeddedBus.open({
    path: join(selection.dataDir, "bus.sqlite"),
    instanceId: selection.instanceId,
    logger: selection.logger,
  });
}
