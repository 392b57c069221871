/**
 * Error catalogue of the VNFM adapter (STYLE.md §3): every error the APIs return has a stable
 * code, an HTTP status and a message that says what is wrong and how to fix it. The API layer
 * renders a VnfmError as a SOL013 ProblemDetails (application/problem+json).
 */

export const errorCatalogue = {
  BAD_REQUEST: { status: 400, title: "Bad Request" },
  INVALID_BODY: { status: 400, title: "Invalid request body" },
  INVALID_QUERY: { status: 400, title: "Invalid query" },
  RESPONSE_TOO_BIG: { status: 400, title: "Response too big" },
  VERSION_MISSING: { status: 400, title: "Version header missing" },
  UNAUTHORIZED: { status: 401, title: "Unauthorized" },
  FORBIDDEN: { status: 403, title: "Forbidden" },
  NOT_FOUND: { status: 404, title: "Not Found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method Not Allowed" },
  NOT_ACCEPTABLE: { status: 406, title: "Not Acceptable" },
  VERSION_UNSUPPORTED: { status: 406, title: "API version not supported" },
  STATE_CONFLICT: { status: 409, title: "Conflict" },
  OPERATION_IN_PROGRESS: { status: 409, title: "Another operation is in progress" },
  BOUND_VIOLATION: { status: 409, title: "Scale bound reached" },
  PRECONDITION_FAILED: { status: 412, title: "Precondition Failed" },
  // The SOL003 v3.3.1 documents declare no 415 on any resource: an unsupported body type is a 400.
  UNSUPPORTED_MEDIA_TYPE: { status: 400, title: "Unsupported Content-Type" },
  // Task resources declare no 422 (SOL003 v3.3.1): a task the VNFD cannot satisfy is a 400.
  INVALID_TASK: { status: 400, title: "Invalid lifecycle request" },
  UNPROCESSABLE: { status: 422, title: "Unprocessable Entity" },
  PACKAGE_REJECTED: { status: 422, title: "VNF package rejected" },
  CALLBACK_TEST_FAILED: { status: 422, title: "Callback URI test failed" },
  // SOL013 6.4 lists 429 Too Many Requests among the common error responses of every resource.
  TOO_MANY_REQUESTS: { status: 429, title: "Too Many Requests" },
  INTERNAL: { status: 500, title: "Internal Server Error" },
} as const;

export type ErrorCode = keyof typeof errorCatalogue;

export class VnfmError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: ErrorCode,
    detail: string,
    /** Extra ProblemDetails members (RFC 7807 extension members), e.g. the findings of a rejected package. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = "VnfmError";
    this.status = errorCatalogue[code].status;
    this.title = errorCatalogue[code].title;
  }
}

export function vnfmError(code: ErrorCode, detail: string, extensions?: Record<string, unknown>): VnfmError {
  return new VnfmError(code, detail, extensions);
}

export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

/** The ProblemDetails stored in an op occ `error` and returned by the APIs. */
export function toProblem(error: unknown): ProblemDetails {
  if (error instanceof VnfmError) {
    return { title: error.title, status: error.status, detail: error.message, ...error.extensions };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { title: "Internal Server Error", status: 500, detail: message };
}
