/**
 * Error catalogue of the monitoring APIs (STYLE.md §3): a stable code, an HTTP status and a
 * title per error; rendered as SOL013 6.3 ProblemDetails (`application/problem+json`).
 */
export const monitoringErrors = {
  INVALID_BODY: { status: 400, title: "Invalid request body" },
  INVALID_QUERY: { status: 400, title: "Invalid query" },
  VERSION_MISSING: { status: 400, title: "Version header missing" },
  UNAUTHORIZED: { status: 401, title: "Unauthorized" },
  NOT_FOUND: { status: 404, title: "Not Found" },
  METHOD_NOT_ALLOWED: { status: 405, title: "Method Not Allowed" },
  VERSION_UNSUPPORTED: { status: 406, title: "API version not supported" },
  STATE_CONFLICT: { status: 409, title: "Conflict" },
  PRECONDITION_FAILED: { status: 412, title: "Precondition Failed" },
  UNSUPPORTED_MEDIA_TYPE: { status: 415, title: "Unsupported Media Type" },
  UNPROCESSABLE: { status: 422, title: "Unprocessable Entity" },
  CALLBACK_TEST_FAILED: { status: 422, title: "Callback URI test failed" },
  // SOL013 6.4: 429 is one of the common error responses of every resource.
  TOO_MANY_REQUESTS: { status: 429, title: "Too Many Requests" },
  INTERNAL: { status: 500, title: "Internal Server Error" },
} as const;

export type MonitoringErrorCode = keyof typeof monitoringErrors;

export interface ProblemDetails {
  type?: string;
  title?: string;
  status: number;
  detail: string;
  instance?: string;
  [extension: string]: unknown;
}

export class MonitoringApiError extends Error {
  readonly status: number;
  readonly title: string;
  constructor(
    readonly code: MonitoringErrorCode,
    detail: string,
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail);
    this.name = "MonitoringApiError";
    this.status = monitoringErrors[code].status;
    this.title = monitoringErrors[code].title;
  }

  toProblem(instance?: string): ProblemDetails {
    return {
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(instance ? { instance } : {}),
      ...this.extensions,
    };
  }
}

export function apiError(
  code: MonitoringErrorCode,
  detail: string,
  extensions?: Record<string, unknown>,
): MonitoringApiError {
  return new MonitoringApiError(code, detail, extensions);
}
