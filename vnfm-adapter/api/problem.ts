/**
 * SOL013 6.4 ProblemDetails on every error, as application/problem+json. Express body-parser
 * errors and unexpected exceptions are mapped here too, so no route ever answers an error
 * in another shape.
 */
import type { ErrorRequestHandler, Response } from "express";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { VnfmError, vnfmError, type ProblemDetails } from "../errors.js";

export function sendProblem(res: Response, error: VnfmError, instance?: string): void {
  const body: ProblemDetails = {
    title: error.title,
    status: error.status,
    detail: error.message,
    ...error.extensions,
  };
  if (instance) body.instance = instance;
  res.status(error.status).type("application/problem+json").send(JSON.stringify(body));
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    if (res.headersSent) return;
    let mapped: VnfmError;
    if (error instanceof VnfmError) mapped = error;
    else if (error?.type === "entity.parse.failed")
      mapped = vnfmError("INVALID_BODY", `request body is not valid JSON: ${error.message}`);
    else if (error?.type === "entity.too.large")
      mapped = vnfmError("INVALID_BODY", `request body exceeds ${error.limit} bytes`);
    else if (typeof error?.status === "number" && error.status >= 400 && error.status < 500)
      mapped = vnfmError("BAD_REQUEST", String(error.message));
    else {
      logger.error({ err: error, method: req.method, path: req.path }, "unhandled error in API handler");
      mapped = vnfmError("INTERNAL", "internal error; see the VNFM log");
    }
    if (mapped.status === 401) res.setHeader("WWW-Authenticate", 'Bearer realm="vnfm"');
    sendProblem(res, mapped, req.originalUrl);
  };
}
