import type { ValidateFunction } from "ajv";
import { compileSchemas, type CompiledSchemas } from "./schema-compiler.js";
import {
  HTTP_METHODS,
  OpenApiDocumentError,
  resolveRef,
  type HttpMethod,
  type JsonSchema,
  type OpenApiDocument,
  type ParameterObject,
  type RequestBodyObject,
  type ResponseObject,
} from "./openapi-document.js";

export interface ParameterGroup {
  /** Object schema over all parameters of one location; validates and coerces. */
  validate: ValidateFunction;
  /** Parameter names as declared (headers: lower-cased). */
  names: string[];
  /** Query parameters declared as arrays: a single value is wrapped. */
  arrays: Set<string>;
}

export interface CompiledOperation {
  operationId: string;
  method: HttpMethod;
  /** The OpenAPI path template, e.g. "/v1/devices/{deviceId}/latest". */
  pathTemplate: string;
  /** The same path in express syntax ("/v1/devices/:deviceId/latest"). */
  expressPath: string;
  matcher: RegExp;
  path: ParameterGroup;
  query: ParameterGroup;
  header: ParameterGroup;
  body?: { required: boolean; byMediaType: Map<string, ValidateFunction | undefined> };
  /** By status code ("200", "4XX", "default") then media type; undefined schema: any body. */
  responses: Map<string, Map<string, ValidateFunction | undefined>>;
}

/** Compiles every operation of a document once, at start-up (unknown or broken references fail then, not per request). */
export function compileOperations(document: OpenApiDocument, source: string): CompiledOperation[] {
  const schemas = compileSchemas(document, `openapi:${source.replace(/[^A-Za-z0-9._-]/g, "_")}`);
  const operations: CompiledOperation[] = [];
  for (const [template, item] of Object.entries(document.paths ?? {})) {
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (!operation) continue;
      const where = `${source} ${method.toUpperCase()} ${template}`;
      if (!operation.operationId)
        throw new OpenApiDocumentError(source, `${method.toUpperCase()} ${template} has no operationId`);
      const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])].map((parameter) =>
        resolveRef<ParameterObject>(document, parameter, where),
      );
      const body = operation.requestBody
        ? resolveRef<RequestBodyObject>(document, operation.requestBody, where)
        : undefined;
      operations.push({
        operationId: operation.operationId,
        method,
        pathTemplate: template,
        expressPath: template.replace(/\{([^}]+)\}/g, ":$1"),
        matcher: templateMatcher(template),
        path: parameterGroup(schemas, parameters, "path"),
        query: parameterGroup(schemas, parameters, "query"),
        header: parameterGroup(schemas, parameters, "header"),
        ...(body
          ? {
              body: { required: body.required === true, byMediaType: mediaValidators(schemas, body.content) },
            }
          : {}),
        responses: new Map(
          Object.entries(operation.responses ?? {}).map(([status, response]) => [
            status,
            mediaValidators(schemas, resolveRef<ResponseObject>(document, response, where).content ?? {}),
          ]),
        ),
      });
    }
  }
  return operations;
}

function parameterGroup(
  schemas: CompiledSchemas,
  parameters: ParameterObject[],
  location: ParameterObject["in"],
): ParameterGroup {
  const own = parameters.filter((parameter) => parameter.in === location);
  const name = (parameter: ParameterObject) =>
    location === "header" ? parameter.name.toLowerCase() : parameter.name;
  const schema = {
    type: "object",
    properties: Object.fromEntries(own.map((parameter) => [name(parameter), parameter.schema ?? {}])),
    required: own.filter((parameter) => parameter.required || location === "path").map(name),
    // Unknown query parameters are refused (a typo must not silently widen a query); headers are open.
    additionalProperties: location !== "query",
  };
  const arrays = new Set(
    own
      .filter((parameter) => typeof parameter.schema === "object" && parameter.schema.type === "array")
      .map(name),
  );
  return { validate: schemas.compileCoercing(schema), names: own.map(name), arrays };
}

function mediaValidators(
  schemas: CompiledSchemas,
  content: Record<string, { schema?: unknown }>,
): Map<string, ValidateFunction | undefined> {
  return new Map(
    Object.entries(content).map(([mediaType, media]) => [
      mediaType.toLowerCase(),
      media.schema === undefined ? undefined : schemas.compile(media.schema as JsonSchema),
    ]),
  );
}

function templateMatcher(template: string): RegExp {
  const pattern = template
    .split(/(\{[^}]+\})/)
    .map((part) => (part.startsWith("{") ? "([^/]+)" : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${pattern}$`);
}

/** The response validators for a status: exact code, then "4XX"-style range, then "default". */
export function responseFor(
  operation: CompiledOperation,
  status: number,
): Map<string, ValidateFunction | undefined> | undefined {
  return (
    operation.responses.get(String(status)) ??
    operation.responses.get(`${String(status)[0]}XX`) ??
    operation.responses.get("default")
  );
}
