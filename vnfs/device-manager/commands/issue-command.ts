import { randomUUID } from "node:crypto";
import type { Json, MessageBus } from "../../runtime-kit/bus/message-bus.js";
import {
  COMMAND_VERSION,
  commandsRoutingKey,
  type DeviceCommand,
} from "../../runtime-kit/primitives/device-command.js";
import type { CommandCollections, CommandRecord } from "../records/command-records.js";
import { applyTransition } from "./command-lifecycle.js";
import type { DeviceManagerKpis } from "../kpis.js";

export interface CommandSpec {
  tenant: string;
  deviceId: string;
  command: string;
  kind?: "write" | "call";
  value?: Json;
  arguments?: Json[];
  timeoutSeconds: number;
  jobId?: string;
}

export interface CommandIssuer {
  /** Stores the record as pending, then publishes it; a refused publish marks it failed and throws. */
  issue(spec: CommandSpec): Promise<CommandRecord>;
  /** Many commands at once (a job): one store write, one confirmed batch publish. */
  issueMany(specs: CommandSpec[]): Promise<CommandRecord[]>;
}

export class BusRefusedError extends Error {
  constructor(cause: unknown) {
    super(`the bus did not accept the command: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
    });
    this.name = "BusRefusedError";
  }
}

/** The record is written before publishing, so a status can never arrive for an unknown command. */
export function commandIssuer(
  collections: CommandCollections,
  bus: MessageBus,
  exchange: string,
  kpis: DeviceManagerKpis,
): CommandIssuer {
  const { commands } = collections;
  async function issueMany(specs: CommandSpec[]): Promise<CommandRecord[]> {
    const records = specs.map(newRecord);
    if (records.length === 0) return records;
    await commands.insertMany(records);
    try {
      await bus.publishBatch(
        exchange,
        records.map((record) => ({
          routingKey: commandsRoutingKey(record.tenant, record.deviceId),
          messageId: record.id,
          body: toMessage(record) as unknown as Json,
        })),
      );
    } catch (error) {
      const at = new Date().toISOString();
      for (const record of records) {
        await applyTransition(commands, record.id, {
          to: "failed",
          at,
          statusCode: "BusRefused",
          detail: String(error),
        });
      }
      kpis.commands.inc({ state: "failed" }, records.length);
      throw new BusRefusedError(error);
    }
    kpis.commands.inc({ state: "pending" }, records.length);
    return records;
  }
  return {
    issueMany,
    async issue(spec) {
      const [record] = await issueMany([spec]);
      return record!;
    },
  };
}

function newRecord(spec: CommandSpec): CommandRecord {
  const now = new Date();
  const at = now.toISOString();
  const record: CommandRecord = {
    id: randomUUID(),
    tenant: spec.tenant,
    deviceId: spec.deviceId,
    command: spec.command,
    state: "pending",
    history: [{ state: "pending", at }],
    createdAt: at,
    updatedAt: at,
    expiresAt: new Date(now.getTime() + spec.timeoutSeconds * 1000).toISOString(),
  };
  if (spec.kind !== undefined) record.kind = spec.kind;
  if (spec.value !== undefined) record.value = spec.value;
  if (spec.arguments !== undefined) record.arguments = spec.arguments;
  if (spec.jobId !== undefined) record.jobId = spec.jobId;
  return record;
}

function toMessage(record: CommandRecord): DeviceCommand {
  const message: DeviceCommand = {
    commandVersion: COMMAND_VERSION,
    commandId: record.id,
    tenant: record.tenant,
    deviceId: record.deviceId,
    command: record.command,
    expiresAt: record.expiresAt,
  };
  if (record.kind !== undefined) message.kind = record.kind;
  if (record.value !== undefined) message.value = record.value;
  if (record.arguments !== undefined) message.arguments = record.arguments;
  return message;
}
