import type { Socket } from "node:net";
import type { Logger } from "../logging/logger.js";
import { LogThrottle } from "../logging/log-throttle.js";
import { RateLimiter } from "../http/rate-limiter.js";
import { PacketSizeScanner } from "./packet-size-scanner.js";

/**
 * What the embedded broker admits (docs/design/security.md): at most `maxConnections` open
 * connections, at most `connectsPerSecond` new connections per remote address (token bucket,
 * burst of ten times as many), and no packet larger than `maxPacketBytes`. A refused connection
 * is closed at once with a log line and counted; the broker and its other clients carry on.
 * aedes 1.x has no packet size limit of its own, so the guard reads the fixed headers on the
 * socket beside the broker's parser (a `data` listener next to its `readable` one sees every
 * chunk the parser reads, before it parses it).
 */
export interface ConnectionLimits {
  maxPacketBytes: number;
  maxConnections: number;
  connectsPerSecond: number;
}

/** 64 KiB payload (IVF_FIELD_GATEWAY_MAX_PAYLOAD's default) plus room for the topic and headers. */
export const DEFAULT_CONNECTION_LIMITS: ConnectionLimits = {
  maxPacketBytes: 65_536 + 4096,
  maxConnections: 10_000,
  connectsPerSecond: 100,
};

export type BrokerRefusal = "packet_too_large" | "too_many_connections" | "connect_rate";

export class ConnectionGuard {
  readonly refused: Record<BrokerRefusal, number> = {
    packet_too_large: 0,
    too_many_connections: 0,
    connect_rate: 0,
  };
  private open = 0;
  private readonly connects: RateLimiter;
  private readonly log: LogThrottle;

  constructor(
    private readonly limits: ConnectionLimits,
    private readonly logger: Logger,
    private readonly onRefusal: (reason: BrokerRefusal) => void = () => undefined,
  ) {
    this.log = new LogThrottle(logger);
    this.connects = new RateLimiter({
      perSecond: limits.connectsPerSecond,
      burst: limits.connectsPerSecond * 10,
      maxKeys: 10_000,
    });
  }

  /** Wraps the broker's connection handler. */
  admit(handle: (socket: Socket) => void): (socket: Socket) => void {
    return (socket) => {
      const address = socket.remoteAddress ?? "unknown";
      if (this.open >= this.limits.maxConnections) {
        this.refuse(socket, "too_many_connections", { address, limit: this.limits.maxConnections });
        return;
      }
      if (this.connects.take(address) > 0) {
        this.refuse(socket, "connect_rate", { address, limit: this.limits.connectsPerSecond });
        return;
      }
      this.open += 1;
      socket.once("close", () => (this.open -= 1));
      handle(socket);
      const scanner = new PacketSizeScanner(this.limits.maxPacketBytes);
      const watch = (chunk: Buffer): void => {
        const oversized = scanner.feed(chunk);
        if (!oversized) return;
        socket.off("data", watch);
        this.refuse(socket, "packet_too_large", {
          address,
          packetType: oversized.type,
          bytes: oversized.bytes,
          limit: this.limits.maxPacketBytes,
        });
      };
      socket.on("data", watch);
    };
  }

  private refuse(socket: Socket, reason: BrokerRefusal, details: Record<string, unknown>): void {
    this.refused[reason] += 1;
    this.onRefusal(reason);
    socket.destroy();
    const messages: Record<BrokerRefusal, string> = {
      packet_too_large: "embedded MQTT broker: packet above the size limit, connection closed",
      too_many_connections: "embedded MQTT broker: connection limit reached, connection refused",
      connect_rate: "embedded MQTT broker: too many connections from one address, connection refused",
    };
    this.log.warn(reason, { event: "mqtt-connection-refused", reason, ...details }, messages[reason]);
  }
}
