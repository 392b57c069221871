import type { Request } from "express";
import type { CompiledOperation, ParameterGroup } from "./operation-table.js";
import { violations, type Violation } from "./schema-compiler.js";

/** Parameters after validation and type coercion (express 5's req.query is read-only). */
export interface ValidatedRequest {
  path: Record<string, unknown>;
  query: Record<string, unknown>;
  header: Record<string, unknown>;
  body: unknown;
}

/**
 * Validates one request against its operation: path, query (with coercion: "?limit=5" becomes 5,
 * a single value of an array parameter becomes a one-element array), headers, and the body by
 * its content type. Returns every violation, located by JSON pointer ("/query/limit",
 * "/body/values/0"), or the coerced values.
 */
export function validateRequest(
  operation: CompiledOperation,
  req: Request,
): { ok: true; value: ValidatedRequest } | { ok: false; errors: Violation[] } {
  const errors: Violation[] = [];
  const path = checkGroup(operation.path, { ...req.params }, "/path", errors);
  const query = checkGroup(operation.query, queryObject(req, operation.query), "/query", errors);
  const header = checkGroup(operation.header, headerObject(req, operation.header), "/header", errors);
  const body = checkBody(operation, req, errors);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, value: { path, query, header, body } };
}

function checkGroup(
  group: ParameterGroup,
  values: Record<string, unknown>,
  root: string,
  errors: Violation[],
): Record<string, unknown> {
  if (!group.validate(values)) errors.push(...violations(group.validate.errors, root));
  return values;
}

function queryObject(req: Request, group: ParameterGroup): Record<string, unknown> {
  const query: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(req.query as Record<string, unknown>)) {
    query[name] = group.arrays.has(name) && !Array.isArray(value) ? [value] : value;
  }
  return query;
}

function headerObject(req: Request, group: ParameterGroup): Record<string, unknown> {
  const headers: Record<string, unknown> = {};
  for (const name of group.names) {
    const value = req.headers[name];
    if (value !== undefined) headers[name] = value;
  }
  return headers;
}

function checkBody(operation: CompiledOperation, req: Request, errors: Violation[]): unknown {
  if (!operation.body) return undefined;
  const contentType = (req.get("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  // A body the parser did not read (e.g. an undeclared content type) still counts as sent.
  const hasBody =
    (req.body !== undefined && contentType !== "") ||
    Number(req.get("content-length") ?? 0) > 0 ||
    req.get("transfer-encoding") !== undefined;
  if (!hasBody) {
    if (operation.body.required) errors.push({ pointer: "/body", detail: "a request body is required" });
    return undefined;
  }
  if (!operation.body.byMediaType.has(contentType)) {
    errors.push({
      pointer: "/header/content-type",
      detail: `must be one of ${[...operation.body.byMediaType.keys()].join(", ")}`,
    });
    return undefined;
  }
  const validate = operation.body.byMediaType.get(contentType);
  if (validate && !validate(req.body)) errors.push(...violations(validate.errors, "/body"));
  return req.body;
}
