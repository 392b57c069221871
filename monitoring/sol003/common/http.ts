import express, {
  type ErrorRequestHandler,
  type Request,
  type RequestHandler,
  type Response,
  type Router,
} from "express";
import { VersionConflictError } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { Logger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { MonitoringApiError, apiError } from "./api-error.js";
import { parseFilter, matchesFilter } from "./sol013-filter.js";

/**
 * HTTP plumbing shared by the three SOL003 monitoring APIs: JSON and merge-patch bodies, the
 * SOL013 9.1 Version header, 405 for undeclared methods, ProblemDetails for every error.
 */
export function jsonBodies(): RequestHandler {
  return express.json({
    limit: "256kb",
    type: ["application/json", "application/merge-patch+json"],
    strict: true,
  });
}

/**
 * SOL013 8.1: `Authorization: Bearer <token>` on every request except api_versions. The check
 * itself is the host's (the VNFM passes its token verifier; `ivf monitor` a static token).
 */
export function requireBearer(verify: (token: string) => Promise<unknown>): RequestHandler {
  return async (req, res, next) => {
    if (/\/api[-_]versions$/.test(req.path)) return next();
    const header = req.header("authorization");
    if (!header?.startsWith("Bearer ")) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="ivf-monitor"');
      return next(apiError("UNAUTHORIZED", "send Authorization: Bearer <token> (OAuth 2.0, SOL013 8.1)"));
    }
    try {
      const claims = (await verify(header.slice(7).trim())) as { sub?: unknown } | undefined;
      // The client the API rate limit counts (client-rate-limit.ts); a static token has none.
      if (typeof claims?.sub === "string") res.locals.client = claims.sub;
      next();
    } catch (error) {
      res.setHeader("WWW-Authenticate", 'Bearer realm="ivf-monitor", error="invalid_token"');
      next(
        apiError(
          "UNAUTHORIZED",
          `the access token is not valid: ${error instanceof Error ? error.message : String(error)}`,
        ),
      );
    }
  };
}

/** Requests must name a version of the API's major version (`Version: 1.3.0`). */
export function requireVersion(apiVersion: string): RequestHandler {
  const major = apiVersion.split(".")[0];
  return (req, res, next) => {
    res.setHeader("Version", apiVersion);
    if (/\/api[-_]versions$/.test(req.path)) return next();
    const requested = req.header("version");
    if (!requested)
      return next(
        apiError(
          "VERSION_MISSING",
          `the Version header is required (SOL013 9.1); send Version: ${apiVersion}`,
        ),
      );
    if (requested.split(".")[0] !== major) {
      return next(
        apiError(
          "VERSION_UNSUPPORTED",
          `Version ${requested} is not supported; this API serves ${apiVersion}`,
        ),
      );
    }
    next();
  };
}

export function apiVersionsHandler(uriPrefix: () => string, apiVersion: string): RequestHandler {
  return (_req, res) => {
    res.json({ uriPrefix: uriPrefix(), apiVersions: [{ version: apiVersion, isDeprecated: false }] });
  };
}

/** Answers 405 for every method not listed on a resource (SOL013 6.4, conformance tests). */
export function allowOnly(router: Router, path: string, methods: string[]): void {
  router.all(path, (req, _res, next) => {
    if (methods.includes(req.method) || (req.method === "HEAD" && methods.includes("GET"))) return next();
    next(
      apiError(
        "METHOD_NOT_ALLOWED",
        `${req.method} is not supported on ${req.baseUrl}${req.path}; allowed: ${methods.join(", ")}`,
      ),
    );
  });
}

export function requireMediaType(req: Request, types: string[]): void {
  if (!types.some((type) => req.is(type))) {
    throw apiError(
      "UNSUPPORTED_MEDIA_TYPE",
      `send the body as ${types.join(" or ")} (got ${req.header("content-type") ?? "no content type"})`,
    );
  }
}

/** Applies `?filter=` to a list; unknown parameters of SOL013 5.3 selectors are refused. */
export function filtered<T>(req: Request, items: T[], allowedPaths: readonly string[]): T[] {
  const supported = new Set(["filter", "nextpage_opaque_marker"]);
  for (const name of Object.keys(req.query)) {
    if (!supported.has(name))
      throw apiError("INVALID_QUERY", `query parameter "${name}" is not supported here (use filter)`);
  }
  const raw = req.query.filter;
  if (raw === undefined) return items;
  if (typeof raw !== "string") throw apiError("INVALID_QUERY", "filter must be given once, as a string");
  const terms = parseFilter(raw, allowedPaths);
  return items.filter((item) => matchesFilter(item, terms));
}

export function problemHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const instance = `${req.baseUrl}${req.path}`;
    const send = (problem: { status: number; [key: string]: unknown }) =>
      res.status(problem.status).type("application/problem+json").send(JSON.stringify(problem));
    if (error instanceof MonitoringApiError) return send(error.toProblem(instance));
    if (error instanceof VersionConflictError) {
      return send(
        apiError("PRECONDITION_FAILED", `${error.message}; read the resource again`).toProblem(instance),
      );
    }
    if (error?.type === "entity.parse.failed")
      return send(apiError("INVALID_BODY", `body is not valid JSON: ${error.message}`).toProblem(instance));
    if (error?.type === "entity.too.large")
      return send({
        ...apiError("INVALID_BODY", `body exceeds ${error.limit} bytes`).toProblem(instance),
        status: 413,
        title: "Payload Too Large",
      });
    logger.error({ err: error, method: req.method, path: instance }, "unhandled error in monitoring API");
    send(apiError("INTERNAL", "internal error; see the agent log").toProblem(instance));
  };
}

export function created(res: Response, location: string, body: unknown): void {
  res.status(201).location(location).json(body);
}
