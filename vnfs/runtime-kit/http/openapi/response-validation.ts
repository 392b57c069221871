import type { CompiledOperation } from "./operation-table.js";
import { responseFor } from "./operation-table.js";
import { violations, type Violation } from "./schema-compiler.js";

export class ResponseValidationError extends Error {
  constructor(
    readonly operationId: string,
    readonly status: number,
    readonly errors: Violation[],
  ) {
    super(
      `response ${status} of ${operationId} does not conform to the API description: ${errors.map((e) => `${e.pointer} ${e.detail}`).join("; ")}`,
    );
    this.name = "ResponseValidationError";
  }
}

/**
 * Checks an outgoing response against the operation's declared responses: the status must be
 * declared (exactly, as a range like 4XX, or via default), the media type must be one of its
 * content types, and the body must match that schema. Returns the violations ([] when valid).
 */
export function checkResponse(
  operation: CompiledOperation,
  status: number,
  contentType: string,
  body: unknown,
): Violation[] {
  const declared = responseFor(operation, status);
  if (!declared) return [{ pointer: "/status", detail: `${status} is not a declared response` }];
  if (declared.size === 0)
    return body === undefined ? [] : [{ pointer: "/body", detail: "the response declares no content" }];
  const mediaType = contentType.split(";")[0]!.trim().toLowerCase();
  if (!declared.has(mediaType)) {
    return [
      {
        pointer: "/header/content-type",
        detail: `${mediaType || "(none)"} is not one of ${[...declared.keys()].join(", ")}`,
      },
    ];
  }
  const validate = declared.get(mediaType);
  if (validate && !validate(body)) return violations(validate.errors, "/body");
  return [];
}
