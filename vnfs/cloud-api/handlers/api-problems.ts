import { ProblemError } from "../../runtime-kit/http/openapi/openapi-router.js";

/** The error answers of cloud-api (STYLE.md §3), as RFC 9457 problem details. */
export function unauthorized(detail: string, scheme: string): ProblemError {
  return new ProblemError(
    { type: "urn:ivf:problem:cloud-api:unauthorized", title: "Authentication required", status: 401, detail },
    { "WWW-Authenticate": scheme },
  );
}

/** A device of another tenant answers exactly like a device that does not exist (no cross-tenant inference). */
export function deviceNotFound(deviceId: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:device-not-found",
    title: "Device not found",
    status: 404,
    detail: `device "${deviceId}" does not exist in your tenant`,
  });
}

export function invalidCursor(detail: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:invalid-cursor",
    title: "Invalid paging cursor",
    status: 400,
    detail,
    errors: [{ pointer: "/query/cursor", detail }],
  });
}

export function invalidRange(detail: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:invalid-range",
    title: "Invalid time range",
    status: 400,
    detail,
    errors: [{ pointer: "/query/to", detail }],
  });
}

export function tooManyRequests(detail: string, retryAfterSeconds: number): ProblemError {
  return new ProblemError(
    { type: "urn:ivf:problem:cloud-api:too-many-requests", title: "Too many requests", status: 429, detail },
    { "Retry-After": String(retryAfterSeconds) },
  );
}

export function unprocessable(detail: string, errors?: { pointer: string; detail: string }[]): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:unprocessable",
    title: "Unprocessable request",
    status: 422,
    detail,
    ...(errors ? { errors } : {}),
  });
}

export function conflict(detail: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:conflict",
    title: "Conflict",
    status: 409,
    detail,
  });
}

/** Same answer for another tenant's subscription and a missing one. */
export function subscriptionNotFound(subscriptionId: string): ProblemError {
  return new ProblemError({
    type: "urn:ivf:problem:cloud-api:subscription-not-found",
    title: "Subscription not found",
    status: 404,
    detail: `subscription "${subscriptionId}" does not exist in your tenant`,
  });
}
