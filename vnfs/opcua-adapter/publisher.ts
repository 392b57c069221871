import { createHash } from "node:crypto";
import type { MessageBus, OutgoingMessage } from "../runtime-kit/bus/message-bus.js";
import type { Logger } from "../runtime-kit/logging/logger.js";
import {
  MAX_MEASUREMENTS_PER_PRIMITIVE,
  REQUESTS_EXCHANGE,
  type Measurement,
  type TelemetryPrimitive,
} from "../runtime-kit/primitives/request-primitive.js";
import {
  DEFAULT_TELEMETRY_PARTITIONS,
  partitionedTelemetryRoutingKey,
} from "../runtime-kit/primitives/telemetry-partitions.js";
import type { OpcuaKpis } from "./kpis.js";
import type { OpcuaServerConfig } from "./server-config.js";
import type { Notification } from "./subscription.js";

/**
 * Turns notifications into request primitives (TR 103 527 Figure 11 step 1) and publishes them
 * with publishBatch. One primitive per (device, source timestamp) within a batch; its message id
 * is a hash of (tenant, server, node id, source timestamp) of every measurement in it, so the
 * same readings published again — after a reconnection republish or by the next owner during a
 * hand-over — carry the same id, and each measurement keeps the deterministic id the request
 * processor stores it under. Batches are published one at a time, in order; while one is in
 * flight the next accumulates, and above `highWater` measurements the subscription's publishing
 * is paused (the server holds queueSize values per item) instead of buffering without bound.
 */

export interface PublisherOptions {
  server: OpcuaServerConfig;
  bus: MessageBus;
  kpis: OpcuaKpis;
  logger: Logger;
  /** Last published source timestamp (ms) per node: values at or before it are not sent again. */
  checkpoint: Map<string, number>;
  highWater?: number;
  onBackpressure?: (paused: boolean) => void;
  /** Extra headers (the ownership fencing token travels here). */
  headers?: () => Record<string, string>;
  /** IVF_TELEMETRY_PARTITIONS (default DEFAULT_TELEMETRY_PARTITIONS). */
  telemetryPartitions?: number;
}

export function notificationKey(tenant: string, server: string, notification: Notification): string {
  const at = notification.sourceTimestamp.getTime();
  return `${tenant}\u0000${server}\u0000${notification.item.nodeId}\u0000${at}.${notification.picoseconds}\u0000${notification.eventId ?? ""}`;
}

export class Publisher {
  private pending: Notification[] = [];
  private running: Promise<void> | undefined;
  private paused = false;
  published = 0;
  suppressed = 0;
  private failure: Error | undefined;

  constructor(private readonly options: PublisherOptions) {}

  /** Accepts a batch of notifications; never blocks the OPC UA client's event loop turn. */
  accept(batch: Notification[]): void {
    for (const notification of batch) {
      const last = this.options.checkpoint.get(notification.item.nodeId);
      if (
        notification.item.kind === "value" &&
        last !== undefined &&
        notification.sourceTimestamp.getTime() <= last
      ) {
        this.suppressed++; // already published by this instance or the previous owner
        continue;
      }
      this.pending.push(notification);
    }
    const highWater = this.options.highWater ?? 200_000;
    if (!this.paused && this.pending.length > highWater) {
      this.paused = true;
      this.options.onBackpressure?.(true);
    }
    if (!this.running && this.pending.length > 0) {
      this.running = this.drain().catch((error: Error) => {
        this.options.logger.warn(
          { err: error.message, dropped: this.pending.length },
          "publisher closed with unpublished notifications",
        );
      });
    }
  }

  private async drain(): Promise<void> {
    try {
      while (this.pending.length > 0 && !this.closed) {
        const batch = this.pending;
        this.pending = [];
        await this.publish(batch);
        if (this.paused && this.pending.length < (this.options.highWater ?? 200_000) / 2) {
          this.paused = false;
          this.options.onBackpressure?.(false);
        }
      }
    } finally {
      this.running = undefined;
    }
  }

  private async publish(batch: Notification[]): Promise<void> {
    const messages = this.toMessages(batch);
    for (;;) {
      try {
        await this.options.bus.publishBatch(REQUESTS_EXCHANGE, messages);
        break;
      } catch (error) {
        // Not acknowledged means not published: retry the same messages (same ids) until the bus
        // accepts them; the subscription keeps queueing on the server meanwhile.
        this.failure = error as Error;
        this.options.logger.warn(
          { err: (error as Error).message, messages: messages.length },
          "bus refused a batch; retrying",
        );
        await new Promise((resolve) => setTimeout(resolve, 500));
        if (this.closed) throw error;
      }
    }
    this.failure = undefined;
    for (const notification of batch) {
      const at = notification.sourceTimestamp.getTime();
      if ((this.options.checkpoint.get(notification.item.nodeId) ?? -Infinity) < at) {
        this.options.checkpoint.set(notification.item.nodeId, at);
      }
    }
    this.published += batch.length;
    this.options.kpis.publishedMeasurements(batch.length);
  }

  toMessages(batch: Notification[]): OutgoingMessage[] {
    const { server } = this.options;
    const groups = new Map<string, Notification[]>();
    for (const notification of batch) {
      const key = `${notification.item.deviceId}\u0000${notification.sourceTimestamp.getTime()}`;
      const group = groups.get(key);
      if (group) group.push(notification);
      else groups.set(key, [notification]);
    }
    const receivedAt = new Date().toISOString();
    const headers = this.options.headers?.() ?? {};
    const messages: OutgoingMessage[] = [];
    for (const group of groups.values()) {
      for (let start = 0; start < group.length; start += MAX_MEASUREMENTS_PER_PRIMITIVE) {
        const slice = group.slice(start, start + MAX_MEASUREMENTS_PER_PRIMITIVE);
        messages.push(this.message(slice, receivedAt, headers, server));
      }
    }
    return messages;
  }

  private message(
    slice: Notification[],
    receivedAt: string,
    headers: Record<string, string>,
    server: OpcuaServerConfig,
  ): OutgoingMessage {
    const deviceId = slice[0]!.item.deviceId;
    const hash = createHash("sha256");
    const measurements: Measurement[] = slice.map((notification) => {
      hash.update(notificationKey(server.tenant, server.id, notification));
      return {
        attribute: notification.item.attribute,
        value: notification.value,
        timestamp: notification.sourceTimestamp.toISOString(),
        quality: notification.quality,
      };
    });
    const primitive: TelemetryPrimitive = {
      primitiveVersion: 1,
      operation: "create",
      tenant: server.tenant,
      deviceId,
      source: { protocol: "opcua", endpoint: server.endpointUrl },
      receivedAt,
      measurements,
    };
    return {
      routingKey: partitionedTelemetryRoutingKey(
        server.tenant,
        deviceId,
        this.options.telemetryPartitions ?? DEFAULT_TELEMETRY_PARTITIONS,
      ),
      messageId: `opcua-${hash.digest("base64url")}`,
      headers: { ...headers, "opcua-server": server.id },
      body: primitive as unknown as OutgoingMessage["body"],
    };
  }

  private closed = false;

  /** Waits until everything accepted so far is on the bus (used before a hand-over). */
  async flush(timeoutMs = 10_000): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while ((this.running || this.pending.length > 0) && Date.now() < deadline) {
      await (this.running ?? new Promise((resolve) => setTimeout(resolve, 10)));
    }
    return !this.running && this.pending.length === 0;
  }

  get lastError(): Error | undefined {
    return this.failure;
  }

  close(): void {
    this.closed = true;
  }
}
