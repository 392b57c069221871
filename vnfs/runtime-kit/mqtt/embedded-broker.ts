import { createServer, type Server } from "node:net";
import { createServer as createTlsServer } from "node:tls";
import type { AddressInfo } from "node:net";
import { Aedes, type AedesOptions } from "aedes";
import type { Logger } from "../logging/logger.js";
import type { TlsMaterial } from "../http/tls-material.js";
import {
  ConnectionGuard,
  DEFAULT_CONNECTION_LIMITS,
  type BrokerRefusal,
  type ConnectionLimits,
} from "./connection-guard.js";

/**
 * An in-process MQTT broker (aedes) for single-machine runs with no broker installed
 * (`ivf up` without IVF_MQTT_URL). Limits of this mode, documented in
 * docs/design/telemetry-path.md: state is in memory (queued QoS 1 messages of offline
 * persistent sessions are lost when the process stops), aedes 1.x speaks MQTT 3.1 and 3.1.1
 * only (an MQTT 5 CONNECT is answered "unacceptable protocol version") and has no shared
 * subscriptions, so exactly one field-gateway instance may consume device traffic.
 *
 * Optionally a second, mqtts listener serves the same broker with the given certificate; with a
 * CA, clients may present a certificate, which the TLS layer verifies (and checks against the
 * CRL) without ending the handshake, so that the `policy` hooks can refuse with a clear reason.
 *
 * Both listeners share one connection guard (connection-guard.ts): packet size, open
 * connections and connection rate per address.
 */
export interface EmbeddedBroker {
  url: string;
  port: number;
  /** mqtts:// URL when the TLS listener runs. */
  tlsUrl?: string;
  tlsPort?: number;
  /** Connections closed or refused by the guard, by reason. */
  refused: Readonly<Record<BrokerRefusal, number>>;
  close(): Promise<void>;
}

/** Authentication and authorisation hooks (aedes handlers). */
export type BrokerPolicy = Pick<AedesOptions, "authenticate" | "authorizePublish" | "authorizeSubscribe">;

export interface EmbeddedBrokerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
  logger: Logger;
  tls?: { port?: number; material: TlsMaterial };
  policy?: BrokerPolicy;
  /** Defaults: DEFAULT_CONNECTION_LIMITS. */
  limits?: Partial<ConnectionLimits>;
  /** Called for each connection the guard closes or refuses (metrics). */
  onRefusal?: (reason: BrokerRefusal) => void;
}

export async function startEmbeddedBroker(options: EmbeddedBrokerOptions): Promise<EmbeddedBroker> {
  const host = options.host ?? "127.0.0.1";
  const broker = await Aedes.createBroker({ ...(options.policy ?? {}) });
  broker.on("clientError", (client, error) => {
    options.logger.debug({ clientId: client.id, err: error }, "embedded MQTT broker: client error");
  });
  const guard = new ConnectionGuard(
    { ...DEFAULT_CONNECTION_LIMITS, ...options.limits },
    options.logger,
    options.onRefusal,
  );
  const handle = guard.admit((socket) => broker.handle(socket));
  const shownHost = host.includes(":") ? `[${host}]` : host;
  const servers: Server[] = [];
  const listenOn = async (server: Server, port: number): Promise<number> => {
    servers.push(server);
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(port, host, () => resolve());
    });
    return (server.address() as AddressInfo).port;
  };
  const port = await listenOn(createServer(handle), options.port ?? 0);
  const url = `mqtt://${shownHost}:${port}`;
  const started: EmbeddedBroker = { url, port, refused: guard.refused, close: () => close(broker, servers) };
  options.logger.info({ event: "mqtt-broker-listening", url }, `embedded MQTT broker on ${url}`);
  if (options.tls) {
    const material = options.tls.material;
    const tlsServer = createTlsServer(
      { ...material, requestCert: material.ca !== undefined, rejectUnauthorized: false },
      handle,
    );
    tlsServer.on("tlsClientError", (error) =>
      options.logger.warn({ err: { message: error.message } }, "embedded MQTT broker: TLS handshake failed"),
    );
    started.tlsPort = await listenOn(tlsServer, options.tls.port ?? 0);
    started.tlsUrl = `mqtts://${shownHost}:${started.tlsPort}`;
    options.logger.info(
      { event: "mqtt-broker-listening", url: started.tlsUrl, clientCertificates: material.ca !== undefined },
      `embedded MQTT broker (TLS) on ${started.tlsUrl}`,
    );
  }
  return started;
}

async function close(broker: Aedes, servers: Server[]): Promise<void> {
  await new Promise<void>((resolve) => broker.close(() => resolve()));
  await Promise.all(servers.map((server) => new Promise<void>((resolve) => server.close(() => resolve()))));
}
