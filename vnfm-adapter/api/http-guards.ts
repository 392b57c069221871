/**
 * Request guards shared by every API router: Accept negotiation (406), Content-Type of bodies
 * (415), the SOL013 Version header (required on v2: 400 when missing, 406 when unsupported),
 * and 405 for methods a resource does not support.
 */
import type { NextFunction, Request, RequestHandler, Response, Router } from "express";
import { vnfmError } from "../errors.js";

/** 406 unless the client accepts JSON (application/json, application/problem+json or a wildcard). */
export function requireJsonAccept(extra: string[] = []): RequestHandler {
  const acceptable = ["application/json", "application/problem+json", "application/*", "*/*", ...extra];
  return (req, _res, next) => {
    const header = req.headers.accept;
    if (!header) return next();
    const ranges = header.split(",").map((r) => r.split(";")[0]!.trim().toLowerCase());
    const refused = header.split(",").every((r) => /;\s*q=0(\.0+)?\s*($|;)/.test(r));
    if (!refused && ranges.some((r) => acceptable.includes(r))) return next();
    next(vnfmError("NOT_ACCEPTABLE", `cannot produce any of "${header}"; this API answers application/json`));
  };
}

export function requireJsonBody(types: string[] = ["application/json"]): RequestHandler {
  return (req, _res, next) => {
    const hasBody =
      Number(req.headers["content-length"] ?? 0) > 0 || req.headers["transfer-encoding"] !== undefined;
    if (!hasBody || !["POST", "PUT", "PATCH"].includes(req.method) || Buffer.isBuffer(req.body))
      return next();
    const type = (req.headers["content-type"] ?? "").split(";")[0]!.trim().toLowerCase();
    if (types.includes(type)) return next();
    next(
      vnfmError(
        "UNSUPPORTED_MEDIA_TYPE",
        `Content-Type "${type || "(none)"}" is not accepted here; use ${types.join(" or ")}`,
      ),
    );
  };
}

/** SOL013 4.2: Version header. `required` false (v1, ONAP SO) only checks a given value. */
export function versionHeader(supported: string[], required: boolean): RequestHandler {
  return (req, res, next) => {
    res.setHeader("Version", supported[0]!);
    const given = req.headers.version;
    if (given === undefined) {
      return next(
        required
          ? vnfmError("VERSION_MISSING", `the Version header is required; use one of ${supported.join(", ")}`)
          : undefined,
      );
    }
    const value = String(given).split("-impl:")[0]!;
    if (supported.includes(value)) return next();
    next(
      vnfmError(
        "VERSION_UNSUPPORTED",
        `API version "${String(given)}" is not supported; use one of ${supported.join(", ")}`,
      ),
    );
  };
}

type Method = "get" | "post" | "put" | "patch" | "delete";
type Handler = (req: Request, res: Response) => Promise<void> | void;

/** Registers the handlers of one resource; any other method gets 405 with an Allow header. */
export function resource(router: Router, path: string, handlers: Partial<Record<Method, Handler>>): void {
  const allowed = Object.keys(handlers).map((m) => m.toUpperCase());
  for (const [method, handler] of Object.entries(handlers) as [Method, Handler][]) {
    router[method](path, async (req: Request, res: Response, next: NextFunction) => {
      try {
        await handler(req, res);
      } catch (error) {
        next(error);
      }
    });
  }
  router.all(path, (req: Request, res: Response, next: NextFunction) => {
    res.setHeader("Allow", allowed.join(", "));
    next(
      vnfmError(
        "METHOD_NOT_ALLOWED",
        `${req.method} is not supported on this resource; use ${allowed.join(", ")}`,
      ),
    );
  });
}
