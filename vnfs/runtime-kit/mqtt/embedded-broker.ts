import { createServer, type Server } from "node:net";
import type { AddressInfo } from "node:net";
import { Aedes } from "aedes";
import type { Logger } from "../logging/logger.js";

/**
 * An in-process MQTT broker (aedes) for single-machine runs with no broker installed
 * (`ivf up` without IVF_MQTT_URL). Limits of this mode, documented in
 * docs/design/telemetry-path.md: state is in memory (queued QoS 1 messages of offline
 * persistent sessions are lost when the process stops) and aedes has no shared subscriptions,
 * so exactly one field-gateway instance may consume device traffic.
 */
export interface EmbeddedBroker {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface EmbeddedBrokerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  logger: Logger;
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const host = options.host ?? "127.0.0.1";
  const broker = await Aedes.createBroker();
  broker.on("clientError", (client, error) => {
    options.logger.debug({ clientId: client.id, err: error }, "embedded MQTT broker: client error");
  });
  const server: Server = createServer(broker.handle);
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `mqtt://${host.includes(":") ? `[${host}]` : host}:${port}`;
  options.logger.info({ event: "mqtt-broker-listening", url }, `embedded MQTT broker on ${url}`);
  return {
    url,
    port,
    close: async () => {
      await new Promise<void>((resolve) => broker.close(() => resolve()));
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
