import { Counter, type Registry } from "prom-client";
import type { Delivery, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import {
  commandStatusMessage,
  parseCommand,
  type DeviceCommand,
} from "../../runtime-kit/primitives/device-command.js";
import { VersionConflictError, type Collection } from "../../runtime-kit/store/document-store.js";
import { deviceView, outboxExpiry, type OutboxEntry } from "./command-outbox.js";
import type { DeviceResult } from "./command-results.js";
import type { DeviceCredentials, KnownDevice } from "./device-credentials.js";

/** Sends one command to a device over MQTT; resolves on the broker's PUBACK (QoS 1). */
export type MqttCommandSender = (tenant: string, deviceId: string, payload: Buffer) => Promise<void>;

export interface CommandDeliveryDeps {
  bus: MessageBus;
  exchange: string;
  outbox: Collection<OutboxEntry>;
  credentials: DeviceCredentials;
  /** Undefined while MQTT is disabled: MQTT-transport commands are then redelivered by the bus. */
  mqtt: () => MqttCommandSender | undefined;
  logger: Logger;
  metrics: Registry;
}

/**
 * The field gateway's half of the command path (docs/design/device-manager.md): takes commands
 * for MQTT and HTTP devices off the bus, pushes them to MQTT devices or queues them for HTTP
 * polls, and turns devices' replies into command statuses. Commands for OPC UA devices, or for
 * devices the registry does not know, are left to the OPC UA adapter and the expiry sweeper.
 */
export class CommandDelivery {
  private readonly outcomes: Counter<"transport" | "outcome">;

  constructor(private readonly deps: CommandDeliveryDeps) {
    this.outcomes = new Counter({
      name: "iotvf_gateway_commands_total",
      help: "Commands handled by the field gateway, by transport and outcome (sent, queued, expired, ignored, reported)",
      labelNames: ["transport", "outcome"],
      registers: [deps.metrics],
    });
  }

  /** Bus handler for `command.#`; statuses are published before the delivery is acknowledged. */
  async handle(delivery: Delivery): Promise<void> {
    const command = parseCommand(delivery.body);
    const device = await this.deps.credentials.lookup(command.tenant, command.deviceId);
    const transport = device?.group.transport ?? "mqtt";
    if (!device || transport === "opcua") {
      this.outcomes.inc({ transport, outcome: "ignored" });
      return;
    }
    if (command.expiresAt && Date.parse(command.expiresAt) < Date.now()) {
      await this.status(command, "expired", "Timeout", `expired at ${command.expiresAt} before delivery`);
      this.outcomes.inc({ transport, outcome: "expired" });
      return;
    }
    const entry: OutboxEntry = {
      id: command.commandId,
      tenant: command.tenant,
      deviceId: command.deviceId,
      transport,
      state: "queued",
      command: deviceView(command),
      expiresAt: outboxExpiry(command),
      queuedAt: new Date().toISOString(),
    };
    await this.deps.outbox.insert(entry); // idempotent on redelivery
    if (transport === "http") {
      this.outcomes.inc({ transport, outcome: "queued" });
      return;
    }
    const send = await this.mqttSender();
    await send(command.tenant, command.deviceId, Buffer.from(JSON.stringify(entry.command)));
    await this.deps.outbox.update(entry.id, { state: "delivered" });
    await this.status(command, "delivered", "Good");
    this.outcomes.inc({ transport, outcome: "sent" });
  }

  /**
   * The MQTT sender, waiting a few seconds for a reconnect first: throwing at once would burn the
   * bus's redeliveries in milliseconds and dead-letter commands during a short broker outage.
   */
  private async mqttSender(waitMs = 5000): Promise<MqttCommandSender> {
    const deadline = Date.now() + waitMs;
    for (;;) {
      const send = this.deps.mqtt();
      if (send) return send;
      if (Date.now() >= deadline) throw new Error("MQTT is not connected; the command will be redelivered");
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
  }

  /** HTTP poll: the device's queued commands, marked delivered (each is handed out once). */
  async poll(device: KnownDevice, limit = 20): Promise<OutboxEntry["command"][]> {
    const now = new Date().toISOString();
    const queued = await this.deps.outbox.find({
      where: { tenant: device.tenant, deviceId: device.deviceId, state: "queued", expiresAt: { gt: now } },
      orderBy: [{ field: "queuedAt" }],
      limit,
    });
    const handed: OutboxEntry["command"][] = [];
    for (const entry of queued) {
      // Versioned update: two concurrent polls never both hand out the same command.
      const updated = await this.deps.outbox
        .update(entry.id, { state: "delivered" }, { expectedVersion: entry.version })
        .catch((error: unknown) => {
          if (error instanceof VersionConflictError) return undefined;
          throw error;
        });
      if (!updated) continue;
      await this.status(fromEntry(entry), "delivered", "Good");
      handed.push(entry.command);
    }
    return handed;
  }

  /**
   * A device's outcome report. Accepted only for a command of this very device (tenant and id
   * from its credentials) that the gateway delivered; false otherwise (unknown or answered).
   */
  async report(device: KnownDevice, result: DeviceResult): Promise<boolean> {
    const entry = await this.deps.outbox.get(result.commandId);
    if (!entry || entry.tenant !== device.tenant || entry.deviceId !== device.deviceId) return false;
    await this.status(
      fromEntry(entry),
      result.status,
      result.status === "executed" ? "Good" : "DeviceReportedFailure",
      result.detail,
      result.result,
    );
    await this.deps.outbox.delete(entry.id);
    this.outcomes.inc({ transport: entry.transport, outcome: "reported" });
    return true;
  }

  /** Drops outbox entries past their expiry (the device-manager's sweeper marks them expired). */
  async purgeExpired(): Promise<number> {
    return this.deps.outbox.deleteMany({ expiresAt: { lt: new Date().toISOString() } });
  }

  private async status(
    command: Pick<DeviceCommand, "commandId" | "tenant" | "deviceId" | "command">,
    status: "delivered" | "executed" | "failed" | "expired",
    statusCode: string,
    detail?: string,
    result?: DeviceResult["result"],
  ): Promise<void> {
    await this.deps.bus.publish(
      this.deps.exchange,
      commandStatusMessage(command, status, statusCode, {
        ...(detail !== undefined ? { detail } : {}),
        ...(result !== undefined ? { result } : {}),
      }),
    );
  }
}

function fromEntry(entry: OutboxEntry): Pick<DeviceCommand, "commandId" | "tenant" | "deviceId" | "command"> {
  return {
    commandId: entry.id,
    tenant: entry.tenant,
    deviceId: entry.deviceId,
    command: String(entry.command.command),
  };
}
