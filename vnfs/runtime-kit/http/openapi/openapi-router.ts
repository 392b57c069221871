import type { Express, NextFunction, Request, Response } from "express";
import { Counter, type Registry } from "prom-client";
import type { Logger } from "../../logging/logger.js";
import type { OpenApiDocument } from "./openapi-document.js";
import { compileOperations, type CompiledOperation } from "./operation-table.js";
import {
  PROBLEM_MEDIA_TYPE,
  requestValidationProblem,
  sendProblem,
  type ProblemDetails,
} from "./problem-details.js";
import { validateRequest, type ValidatedRequest } from "./request-validation.js";
import { ResponseValidationError, checkResponse } from "./response-validation.js";

/** What an operation handler returns; the router validates it against the document, then sends it. */
export interface OperationResult {
  status: number;
  body?: unknown;
  /** Defaults to application/json (application/problem+json for status >= 400). */
  contentType?: string;
  headers?: Record<string, string>;
}

/** `input.auth` is what `MountOptions.authenticate` returned (undefined without it). */
export type OperationHandler = (
  input: ValidatedRequest & { auth: unknown },
  req: Request,
) => Promise<OperationResult>;

/** Thrown by handlers for an expected error answer (401, 404...): sent as problem details. */
export class ProblemError extends Error {
  constructor(
    readonly problem: ProblemDetails,
    readonly headers: Record<string, string> = {},
  ) {
    super(problem.detail ?? problem.title);
    this.name = "ProblemError";
  }
}

export interface MountOptions {
  document: OpenApiDocument;
  /** Name used in errors and metrics, e.g. "cloud-api.yaml". */
  source: string;
  /** One handler per operationId; a missing or extra handler fails at start-up. */
  handlers: Record<string, OperationHandler>;
  /**
   * "throw" (tests): a non-conforming response becomes a 500 naming every violation;
   * "log" (production): it is logged as an error, counted, and sent unchanged.
   */
  responseValidation: "throw" | "log";
  /**
   * Runs before request validation, so an unauthenticated caller learns nothing about the API's
   * shape; throws ProblemError (401) to refuse. Its result reaches handlers as `input.auth`.
   */
  authenticate?: (req: Request) => Promise<unknown>;
  logger: Logger;
  metrics: Registry;
}

/**
 * Mounts every operation of an OpenAPI document on an express app: request validation (400 with
 * every violation), the handler, response validation. Paths of the document called with an
 * undeclared method answer 405 with Allow. This is the pattern every IVF API follows
 * (docs/api-pattern.md).
 */
export function mountOpenApi(app: Express, options: MountOptions): CompiledOperation[] {
  const operations = compileOperations(options.document, options.source);
  checkHandlers(operations, options);
  const violationsTotal = new Counter({
    name: "iotvf_api_response_violations_total",
    help: "Responses that did not conform to the function's OpenAPI document, by operation",
    labelNames: ["operation"],
    registers: [options.metrics],
  });
  for (const operation of operations) {
    const handler = options.handlers[operation.operationId]!;
    app[operation.method](operation.expressPath, (req: Request, res: Response, next: NextFunction) => {
      void runOperation(operation, handler, req, res, options, violationsTotal).catch(next);
    });
  }
  app.use(methodNotAllowed(operations));
  return operations;
}

function checkHandlers(operations: CompiledOperation[], options: MountOptions): void {
  const declared = new Set(operations.map((operation) => operation.operationId));
  const missing = [...declared].filter((id) => !options.handlers[id]);
  const extra = Object.keys(options.handlers).filter((id) => !declared.has(id));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(
      `${options.source}: handlers do not match the operations` +
        (missing.length ? `; missing: ${missing.join(", ")}` : "") +
        (extra.length ? `; not in the document: ${extra.join(", ")}` : ""),
    );
  }
}

async function runOperation(
  operation: CompiledOperation,
  handler: OperationHandler,
  req: Request,
  res: Response,
  options: MountOptions,
  violationsTotal: Counter<"operation">,
): Promise<void> {
  let result: OperationResult;
  try {
    const auth = options.authenticate ? await options.authenticate(req) : undefined;
    const checked = validateRequest(operation, req);
    result = checked.ok
      ? await handler({ ...checked.value, auth }, req)
      : problemResult(requestValidationProblem(checked.errors, req.originalUrl));
  } catch (error) {
    if (!(error instanceof ProblemError)) throw error;
    result = { ...problemResult(error.problem), headers: error.headers };
  }
  const contentType = result.contentType ?? (result.status >= 400 ? PROBLEM_MEDIA_TYPE : "application/json");
  const violations = checkResponse(operation, result.status, contentType, result.body);
  if (violations.length > 0) {
    const failure = new ResponseValidationError(operation.operationId, result.status, violations);
    violationsTotal.inc({ operation: operation.operationId });
    options.logger.error(
      { operationId: operation.operationId, status: result.status, violations },
      failure.message,
    );
    if (options.responseValidation === "throw") {
      result = problemResult({
        type: "urn:ivf:problem:response-validation",
        title: "Response validation failed",
        status: 500,
        detail: failure.message,
      });
    }
  }
  res.status(result.status).set(result.headers ?? {});
  if (result.body === undefined) res.end();
  else res.type(contentType).send(JSON.stringify(result.body));
}

function problemResult(problem: ProblemDetails): OperationResult {
  return { status: problem.status, body: problem, contentType: PROBLEM_MEDIA_TYPE };
}

function methodNotAllowed(operations: CompiledOperation[]) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const allowed = operations
      .filter((operation) => operation.matcher.test(req.path))
      .map((operation) => operation.method.toUpperCase());
    if (allowed.length === 0) {
      next();
      return;
    }
    res.set("Allow", allowed.join(", "));
    sendProblem(res, {
      type: "urn:ivf:problem:method-not-allowed",
      title: "Method not allowed",
      status: 405,
      detail: `${req.method} is not supported on ${req.path}; use ${allowed.join(", ")}`,
      instance: req.originalUrl,
    });
  };
}
