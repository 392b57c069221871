import {
  AttributeIds,
  DataType,
  StatusCodes,
  Variant,
  resolveNodeId,
  type ClientSession,
  type StatusCode,
} from "node-opcua";
import type { Json, MessageBus } from "../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../runtime-kit/bus/message-bus.js";
import {
  COMMANDS_EXCHANGE,
  commandStatusMessage,
  parseCommand,
  type CommandState,
  type CommandStatus,
  type DeviceCommand,
} from "../runtime-kit/primitives/device-command.js";
import type { OpcuaKpis } from "./kpis.js";
import type { MonitoredItemSpec } from "./mapping.js";
import type { MethodMapping, OpcuaServerConfig } from "./server-config.js";
import { toMeasurementValue } from "./subscription.js";

/**
 * Commands down to OPC UA devices (TR 103 527 device management): a device-manager command
 * for an opcua device becomes a Write (Part 4 §5.10.4) of a mapped attribute or a Call
 * (Part 4 §5.11.2) of a mapped method, and its outcome goes back on the bus as a command
 * status the device-manager tracks (delivered -> executed | failed | expired).
 *
 * The bus contract (exchange, routing keys, message shapes) is shared with the device-manager
 * and the field gateway: vnfs/runtime-kit/primitives/device-command.ts.
 */
export {
  COMMANDS_EXCHANGE,
  commandStatusRoutingKey,
  commandsRoutingKey,
  parseCommand,
  type CommandState,
  type CommandStatus,
  type DeviceCommand,
} from "../runtime-kit/primitives/device-command.js";

/** Builds a Variant of the node's built-in type from a JSON value; refuses lossy conversions. */
export function coerceVariant(dataType: DataType, value: Json | undefined): Variant {
  const numeric = [
    DataType.Double,
    DataType.Float,
    DataType.Int16,
    DataType.Int32,
    DataType.UInt16,
    DataType.UInt32,
    DataType.Byte,
    DataType.SByte,
  ];
  if (numeric.includes(dataType)) {
    if (typeof value !== "number" || !Number.isFinite(value))
      throw new Error(`expects a number, got ${JSON.stringify(value)}`);
    if (dataType !== DataType.Double && dataType !== DataType.Float && !Number.isInteger(value)) {
      throw new Error(`expects an integer (${DataType[dataType]}), got ${value}`);
    }
    return new Variant({ dataType, value });
  }
  if (dataType === DataType.Boolean && typeof value === "boolean") return new Variant({ dataType, value });
  if (dataType === DataType.String && typeof value === "string") return new Variant({ dataType, value });
  throw new Error(`cannot write ${JSON.stringify(value)} to a ${DataType[dataType] ?? dataType} node`);
}

export class CommandExecutor {
  constructor(
    private readonly server: OpcuaServerConfig,
    private readonly items: () => MonitoredItemSpec[],
    private readonly methods: () => MethodMapping[],
    private readonly session: () => ClientSession | undefined,
    private readonly bus: MessageBus,
    private readonly kpis: OpcuaKpis,
  ) {}

  /** Handles one command delivery; statuses are published before the delivery is acknowledged. */
  async handle(body: unknown): Promise<void> {
    const command = parseCommand(body);
    if (command.tenant !== this.server.tenant) {
      throw new PoisonMessageError(
        `command ${command.commandId} is for tenant ${command.tenant}, not ${this.server.tenant}`,
      );
    }
    if (command.expiresAt && Date.parse(command.expiresAt) < Date.now()) {
      await this.report(command, "expired", "BadTimeout", { detail: `expired at ${command.expiresAt}` });
      return;
    }
    const session = this.session();
    if (!session)
      throw new Error(`no session to ${this.server.endpointUrl} yet; the command will be redelivered`);
    await this.report(command, "delivered", "Good");
    try {
      const outcome = await this.execute(session, command);
      if (outcome.statusCode.isGood()) {
        await this.report(
          command,
          "executed",
          outcome.statusCode.name,
          outcome.result !== undefined ? { result: outcome.result } : {},
        );
      } else {
        this.kpis.statusCode(outcome.statusCode.name);
        await this.report(command, "failed", outcome.statusCode.name, {
          detail: outcome.statusCode.description,
        });
      }
    } catch (error) {
      await this.report(command, "failed", "BadInvalidArgument", { detail: (error as Error).message });
    }
  }

  private async execute(
    session: ClientSession,
    command: DeviceCommand,
  ): Promise<{ statusCode: StatusCode; result?: Json }> {
    const method = this.methods().find(
      (entry) => entry.deviceId === command.deviceId && entry.command === command.command,
    );
    const item = this.items().find(
      (entry) =>
        entry.deviceId === command.deviceId && entry.attribute === command.command && entry.kind === "value",
    );
    const kind = command.kind ?? (method ? "call" : "write");
    if (kind === "call") {
      if (!method) throw new Error(`device ${command.deviceId} has no method command ${command.command}`);
      return this.call(session, method, command.arguments ?? []);
    }
    if (!item)
      throw new Error(`device ${command.deviceId} has no mapped attribute ${command.command} to write`);
    const dataType = await session.getBuiltInDataType(resolveNodeId(item.nodeId));
    const statusCode = await session.write({
      nodeId: item.nodeId,
      attributeId: AttributeIds.Value,
      value: { value: coerceVariant(dataType, command.value) },
    });
    return { statusCode };
  }

  private async call(
    session: ClientSession,
    method: MethodMapping,
    args: Json[],
  ): Promise<{ statusCode: StatusCode; result?: Json }> {
    const definition = await session.getArgumentDefinition(resolveNodeId(method.methodNodeId));
    const inputs = definition.inputArguments ?? [];
    if (inputs.length !== args.length) {
      throw new Error(`${method.command} takes ${inputs.length} argument(s), got ${args.length}`);
    }
    const inputArguments = inputs.map((argument, index) => {
      const dataType = Number(argument.dataType.value) as DataType;
      return coerceVariant(dataType, args[index]);
    });
    const result = await session.call({
      objectId: method.objectNodeId,
      methodId: method.methodNodeId,
      inputArguments,
    });
    const outputs = (result.outputArguments ?? []).map((variant) => toMeasurementValue(variant.value));
    return { statusCode: result.statusCode ?? StatusCodes.Good, result: outputs };
  }

  private async report(
    command: DeviceCommand,
    status: CommandState,
    statusCode: string,
    extra: Pick<CommandStatus, "result" | "detail"> = {},
  ): Promise<void> {
    await this.bus.publish(COMMANDS_EXCHANGE, commandStatusMessage(command, status, statusCode, extra));
  }
}
