import type { Json } from "../../runtime-kit/bus/message-bus.js";
import type { DeviceCommand } from "../../runtime-kit/primitives/device-command.js";
import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";

/**
 * Commands the gateway has taken from the bus and not yet seen answered (collection
 * `gateway_command_outbox` in the shared `iot` database, so every gateway instance sees them):
 * HTTP devices poll their queued commands from it, and a device's reply (MQTT cmdexe or HTTP
 * result) is accepted only for a command of that very device that is in it.
 */
export const COMMAND_OUTBOX = "gateway_command_outbox";

export interface OutboxEntry {
  /** The commandId. */
  id: string;
  tenant: string;
  deviceId: string;
  transport: "mqtt" | "http";
  state: "queued" | "delivered";
  command: { [key: string]: Json };
  expiresAt: string;
  queuedAt: string;
}

export async function openOutbox(store: DocumentStore): Promise<Collection<OutboxEntry>> {
  return store.collection<OutboxEntry>(COMMAND_OUTBOX, {
    indexes: [{ fields: ["tenant", "deviceId", "state"] }, { fields: ["expiresAt"] }],
  });
}

/** What a device receives: the command without the bus envelope's version and routing fields. */
export function deviceView(command: DeviceCommand): { [key: string]: Json } {
  const view: { [key: string]: Json } = { commandId: command.commandId, command: command.command };
  if (command.kind !== undefined) view.kind = command.kind;
  if (command.value !== undefined) view.value = command.value;
  if (command.arguments !== undefined) view.arguments = command.arguments;
  if (command.expiresAt !== undefined) view.expiresAt = command.expiresAt;
  return view;
}

/** A far-future expiry for commands sent without one, so the outbox never keeps an entry forever. */
export function outboxExpiry(command: DeviceCommand, maxAgeMs = 7 * 86_400_000): string {
  return command.expiresAt ?? new Date(Date.now() + maxAgeMs).toISOString();
}
