import { ProblemError } from "../../runtime-kit/http/openapi/openapi-router.js";

/**
 * Every error answer of the device-manager API in one catalogue (STYLE.md §3): a stable problem
 * type, its status and title. Details say what is wrong, where (JSON pointer) and how to fix it.
 */
export const deviceManagerProblems = {
  NOT_FOUND: { status: 404, title: "Not found" },
  CONFLICT: { status: 409, title: "Conflict" },
  INVALID_EXPRESSION: { status: 400, title: "A transformation expression is not valid" },
  INVALID_REQUEST: { status: 400, title: "The request is not valid" },
  UNKNOWN_GROUP: { status: 422, title: "The device group does not exist" },
  UNKNOWN_DEVICES: { status: 422, title: "Some target devices do not exist" },
  TOO_MANY_DEVICES: { status: 422, title: "The job targets too many devices" },
  BUS_UNAVAILABLE: { status: 503, title: "The message bus did not accept the command; retry later" },
} as const;

export type DeviceManagerProblem = keyof typeof deviceManagerProblems;

export function problem(
  code: DeviceManagerProblem,
  detail: string,
  errors?: { pointer: string; detail: string }[],
): ProblemError {
  const entry = deviceManagerProblems[code];
  return new ProblemError({
    type: `urn:ivf:problem:device-manager:${code.toLowerCase().replace(/_/g, "-")}`,
    title: entry.title,
    status: entry.status,
    detail,
    ...(errors ? { errors } : {}),
  });
}
