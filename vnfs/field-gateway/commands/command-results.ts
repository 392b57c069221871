import type { Json } from "../../runtime-kit/bus/message-bus.js";
import { COMMAND_ID_PATTERN } from "../../runtime-kit/primitives/device-command.js";

/**
 * A device's report of a command's outcome (MQTT `.../cmdexe` payload or HTTP result body):
 *
 *   {"commandId": "...", "status": "executed" | "failed", "result"?: <JSON>, "detail"?: "..."}
 *
 * Hostile input: the shape is checked member by member and every problem is named.
 */
export interface DeviceResult {
  commandId: string;
  status: "executed" | "failed";
  result?: Json;
  detail?: string;
}

export class InvalidResultError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid command result: ${problems.join("; ")}`);
    this.name = "InvalidResultError";
  }
}

const MEMBERS = new Set(["commandId", "status", "result", "detail"]);
const MAX_RESULT_CHARS = 16_384;

export function parseDeviceResult(payload: unknown, commandIdFromPath?: string): DeviceResult {
  const problems: string[] = [];
  if (payload === null || typeof payload !== "object" || Array.isArray(payload)) {
    throw new InvalidResultError(["/: must be an object with status (and commandId over MQTT)"]);
  }
  const body = payload as Record<string, unknown>;
  for (const name of Object.keys(body)) if (!MEMBERS.has(name)) problems.push(`/${name}: unknown member`);
  const commandId = body.commandId ?? commandIdFromPath;
  if (typeof commandId !== "string" || !COMMAND_ID_PATTERN.test(commandId)) {
    problems.push(`/commandId: must match ${COMMAND_ID_PATTERN}`);
  } else if (commandIdFromPath !== undefined && commandId !== commandIdFromPath) {
    problems.push("/commandId: differs from the command id in the path");
  }
  if (body.status !== "executed" && body.status !== "failed")
    problems.push('/status: must be "executed" or "failed"');
  if (body.detail !== undefined && (typeof body.detail !== "string" || body.detail.length > 2048)) {
    problems.push("/detail: must be a string of at most 2048 characters");
  }
  if (body.result !== undefined && JSON.stringify(body.result).length > MAX_RESULT_CHARS) {
    problems.push(`/result: must be at most ${MAX_RESULT_CHARS} characters of JSON`);
  }
  if (problems.length > 0) throw new InvalidResultError(problems);
  const result: DeviceResult = {
    commandId: commandId as string,
    status: body.status as DeviceResult["status"],
  };
  if (body.result !== undefined) result.result = body.result as Json;
  if (body.detail !== undefined) result.detail = body.detail as string;
  return result;
}
