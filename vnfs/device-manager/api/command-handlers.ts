import type { components } from "../../../api-specs/types/device-manager.js";
import type { Json } from "../../runtime-kit/bus/message-bus.js";
import type { OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection, Where } from "../../runtime-kit/store/document-store.js";
import { deviceRecordId, type DeviceRecord } from "../../field-gateway/registry/device-records.js";
import type { CommandRecord } from "../records/command-records.js";
import { BusRefusedError, type CommandIssuer } from "../commands/issue-command.js";
import { authorise, paging } from "./access.js";
import { problem } from "./problems.js";
import { commandView } from "./views.js";

export const DEFAULT_COMMAND_TIMEOUT_SECONDS = 300;

export interface CommandHandlerDeps {
  devices: Collection<DeviceRecord>;
  commands: Collection<CommandRecord>;
  issuer: CommandIssuer;
}

/**
 * Commands to devices (FIWARE IoT Agent commands with status, iot-platforms.md §1.5): writers
 * send, readers follow. Sending answers 202 once the command is stored and the bus confirmed it;
 * the device side then reports delivered, executed or failed, and the sweeper expires the rest.
 */
export function commandHandlers(deps: CommandHandlerDeps): Record<string, OperationHandler> {
  return {
    async sendCommand(input) {
      const { tenant } = authorise(input, "writer");
      const deviceId = input.path.deviceId as string;
      if (!(await deps.devices.get(deviceRecordId(tenant, deviceId)))) {
        throw problem("NOT_FOUND", `device ${deviceId} not found in tenant ${tenant}`);
      }
      const body = input.body as components["schemas"]["CommandRequest"];
      try {
        const record = await deps.issuer.issue({
          tenant,
          deviceId,
          command: body.command,
          ...(body.kind !== undefined ? { kind: body.kind } : {}),
          ...(body.value !== undefined ? { value: body.value as Json } : {}),
          ...(body.arguments !== undefined ? { arguments: body.arguments as Json[] } : {}),
          timeoutSeconds: body.timeoutSeconds ?? DEFAULT_COMMAND_TIMEOUT_SECONDS,
        });
        return {
          status: 202,
          headers: { Location: `/v1/tenants/${tenant}/devices/${deviceId}/commands/${record.id}` },
          body: commandView(record),
        };
      } catch (error) {
        if (error instanceof BusRefusedError) throw problem("BUS_UNAVAILABLE", error.message);
        throw error;
      }
    },
    async listCommands(input) {
      const { tenant } = authorise(input, "reader");
      const { limit, offset } = paging(input);
      const where: Where = { tenant, deviceId: input.path.deviceId as string };
      if (input.query.state !== undefined) where.state = input.query.state as string;
      const [items, total] = await Promise.all([
        deps.commands.find({ where, orderBy: [{ field: "createdAt", direction: "desc" }], limit, offset }),
        deps.commands.count(where),
      ]);
      return { status: 200, body: { items: items.map(commandView), total, limit, offset } };
    },
    async getCommand(input) {
      const { tenant } = authorise(input, "reader");
      const commandId = input.path.commandId as string;
      const record = await deps.commands.get(commandId);
      if (!record || record.tenant !== tenant || record.deviceId !== input.path.deviceId) {
        throw problem(
          "NOT_FOUND",
          `command ${commandId} not found for device ${String(input.path.deviceId)}`,
        );
      }
      return { status: 200, body: commandView(record) };
    },
  };
}
