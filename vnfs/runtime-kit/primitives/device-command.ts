import { Ajv } from "ajv";
import type { Json } from "../bus/message-bus.js";
import { PoisonMessageError } from "../bus/message-bus.js";
import type { StringSetting } from "../config/env-config.js";
import { IDENTIFIER_PATTERN } from "./request-primitive.js";

/**
 * The device command contract on the bus (TR 103 527 device management, docs/design/device-manager.md):
 * the device-manager publishes a DeviceCommand on exchange `iot.commands` with routing key
 * `command.<tenant>.<deviceId>`; whoever reaches the device (field gateway for MQTT/HTTP devices,
 * OPC UA adapter for OPC UA devices) answers with CommandStatus messages on the same exchange,
 * routing key `command-status.<tenant>.<deviceId>`. Identifiers match IDENTIFIER_PATTERN, so they
 * can never inject `.`, `*` or `#` into a routing key.
 */
export const COMMANDS_EXCHANGE = "iot.commands";

/** The setting naming that exchange: one declaration for every function that sends or relays commands. */
export const commandsExchangeSetting = {
  kind: "string",
  env: "IVF_BUS_COMMANDS_EXCHANGE",
  description:
    "Bus exchange carrying command.* requests and command-status.* reports (the field-gateway consumes queue <exchange>.field-gateway)",
  pattern: /^[A-Za-z0-9_.:-]{1,255}$/,
  default: COMMANDS_EXCHANGE,
} as const satisfies StringSetting;
export const COMMAND_VERSION = 1;

export interface DeviceCommand {
  commandVersion: 1;
  commandId: string;
  tenant: string;
  deviceId: string;
  /** Attribute to write or method command to call. */
  command: string;
  kind?: "write" | "call";
  value?: Json;
  arguments?: Json[];
  expiresAt?: string;
}

/** States reported by the device side; `pending` (and `cancelled`) exist only in the device-manager. */
export const REPORTED_STATES = ["delivered", "executed", "failed", "expired"] as const;
export type CommandState = (typeof REPORTED_STATES)[number];

export interface CommandStatus {
  commandId: string;
  tenant: string;
  deviceId: string;
  command: string;
  status: CommandState;
  statusCode: string;
  result?: Json;
  detail?: string;
  at: string;
}

export const COMMAND_ID_PATTERN = /^[A-Za-z0-9_-]{1,128}$/;
export const COMMAND_NAME_PATTERN = /^[A-Za-z0-9_.:-]{1,128}$/;

const ajv = new Ajv({ allErrors: true, strict: true, allowUnionTypes: true });
const validateCommand = ajv.compile({
  type: "object",
  additionalProperties: false,
  required: ["commandVersion", "commandId", "tenant", "deviceId", "command"],
  properties: {
    commandVersion: { const: 1 },
    commandId: { type: "string", minLength: 1, maxLength: 128 },
    tenant: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    deviceId: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    command: { type: "string", pattern: COMMAND_NAME_PATTERN.source },
    kind: { enum: ["write", "call"] },
    value: {},
    arguments: { type: "array", maxItems: 64 },
    expiresAt: { type: "string", maxLength: 64 },
  },
});
const validateStatus = ajv.compile({
  type: "object",
  additionalProperties: false,
  required: ["commandId", "tenant", "deviceId", "command", "status", "statusCode", "at"],
  properties: {
    commandId: { type: "string", minLength: 1, maxLength: 128 },
    tenant: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    deviceId: { type: "string", pattern: IDENTIFIER_PATTERN.source },
    command: { type: "string", maxLength: 128 },
    status: { enum: [...REPORTED_STATES] },
    statusCode: { type: "string", maxLength: 128 },
    result: {},
    detail: { type: "string", maxLength: 2048 },
    at: { type: "string", maxLength: 64 },
  },
});

export function commandsRoutingKey(tenant: string, deviceId: string): string {
  return `command.${tenant}.${deviceId}`;
}

export function commandStatusRoutingKey(tenant: string, deviceId: string): string {
  return `command-status.${tenant}.${deviceId}`;
}

/** Parses a command delivery; a malformed one can never succeed, so it is a poison message. */
export function parseCommand(body: unknown): DeviceCommand {
  if (!validateCommand(body)) {
    throw new PoisonMessageError(`invalid device command: ${problems(validateCommand.errors)}`);
  }
  return body as unknown as DeviceCommand;
}

export function parseCommandStatus(body: unknown): CommandStatus {
  if (!validateStatus(body)) {
    throw new PoisonMessageError(`invalid command status: ${problems(validateStatus.errors)}`);
  }
  const status = body as unknown as CommandStatus;
  if (Number.isNaN(Date.parse(status.at))) {
    throw new PoisonMessageError(
      `invalid command status: /at ${JSON.stringify(status.at)} is not a date-time`,
    );
  }
  return status;
}

/** The status message for a command; its message id makes a repeated report idempotent. */
export function commandStatusMessage(
  command: Pick<DeviceCommand, "commandId" | "tenant" | "deviceId" | "command">,
  status: CommandState,
  statusCode: string,
  extra: { result?: Json; detail?: string } = {},
): { routingKey: string; messageId: string; body: Json } {
  const body: CommandStatus = {
    commandId: command.commandId,
    tenant: command.tenant,
    deviceId: command.deviceId,
    command: command.command,
    status,
    statusCode,
    at: new Date().toISOString(),
    ...(extra.result !== undefined ? { result: extra.result } : {}),
    ...(extra.detail !== undefined ? { detail: extra.detail.slice(0, 2048) } : {}),
  };
  return {
    routingKey: commandStatusRoutingKey(command.tenant, command.deviceId),
    messageId: `${command.commandId}-${status}`,
    body: body as unknown as Json,
  };
}

function problems(errors: { instancePath: string; message?: string }[] | null | undefined): string {
  return (errors ?? [])
    .map((error) => `${error.instancePath || "(root)"} ${error.message ?? "invalid"}`)
    .join("; ");
}
