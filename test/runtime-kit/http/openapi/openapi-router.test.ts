import express from "express";
import { Registry } from "prom-client";
import { afterEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../../vnfs/runtime-kit/logging/logger.js";
import { listen, type StartedServer } from "../../../../vnfs/runtime-kit/http/http-server.js";
import {
  checkDocument,
  type OpenApiDocument,
} from "../../../../vnfs/runtime-kit/http/openapi/openapi-document.js";
import {
  mountOpenApi,
  ProblemError,
  type MountOptions,
  type OperationHandler,
} from "../../../../vnfs/runtime-kit/http/openapi/openapi-router.js";

/** A small document built in code (STYLE.md §5: fixtures in code), in both OpenAPI versions. */
function documentFor(version: "3.0.3" | "3.1.0"): OpenApiDocument {
  const nullableName =
    version === "3.1.0" ? { type: ["string", "null"] } : { type: "string", nullable: true };
  return checkDocument(
    {
      openapi: version,
      info: { title: "test", version: "1" },
      paths: {
        "/things/{thingId}": {
          parameters: [
            { name: "thingId", in: "path", required: true, schema: { type: "string", pattern: "^[a-z]+$" } },
          ],
          get: {
            operationId: "getThing",
            parameters: [
              {
                name: "limit",
                in: "query",
                schema: { type: "integer", minimum: 1, maximum: 10, default: 5 },
              },
              { name: "tag", in: "query", schema: { type: "array", items: { type: "string" } } },
              { name: "x-trace", in: "header", required: true, schema: { type: "string", minLength: 3 } },
            ],
            responses: {
              "200": {
                description: "ok",
                content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
              },
              "400": { $ref: "#/components/responses/Problem" },
              "404": { $ref: "#/components/responses/Problem" },
            },
          },
          put: {
            operationId: "putThing",
            requestBody: {
              required: true,
              content: { "application/json": { schema: { $ref: "#/components/schemas/Thing" } } },
            },
            responses: {
              "204": { description: "stored" },
              "4XX": { $ref: "#/components/responses/Problem" },
            },
          },
        },
      },
      components: {
        schemas: {
          Thing: {
            type: "object",
            additionalProperties: false,
            required: ["id", "size"],
            properties: { id: { type: "string" }, size: { type: "integer", minimum: 0 }, name: nullableName },
          },
        },
        responses: {
          Problem: {
            description: "problem",
            content: { "application/problem+json": { schema: { type: "object", required: ["status"] } } },
          },
        },
      },
    },
    "test.yaml",
  );
}

let server: StartedServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function serve(
  handlers: Record<string, OperationHandler>,
  extra: Partial<MountOptions> = {},
  version: "3.0.3" | "3.1.0" = "3.1.0",
) {
  const app = express();
  app.use(express.json());
  const metrics = new Registry();
  mountOpenApi(app, {
    document: documentFor(version),
    source: "test.yaml",
    handlers,
    responseValidation: "throw",
    logger: createLogger({ ivf: "test", instanceId: "t", level: "silent" }),
    metrics,
    ...extra,
  });
  server = await listen(app, "127.0.0.1", 0);
  return { url: server.url, metrics };
}

const seen: unknown[] = [];
const handlers: Record<string, OperationHandler> = {
  getThing: async (input) => {
    seen.push(input);
    if (input.path.thingId === "missing")
      throw new ProblemError({ type: "about:blank", title: "Not found", status: 404 });
    return { status: 200, body: { id: input.path.thingId, size: input.query.limit } };
  },
  putThing: async () => ({ status: 204 }),
};

describe("OpenAPI request validation", () => {
  it("coerces query values to their declared types, applies defaults and wraps single array values", async () => {
    const { url } = await serve(handlers);
    seen.length = 0;
    const response = await fetch(`${url}/things/abc?limit=7&tag=red`, { headers: { "x-trace": "abcd" } });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ id: "abc", size: 7 });
    expect(seen[0]).toMatchObject({ query: { limit: 7, tag: ["red"] } });
    await fetch(`${url}/things/abc`, { headers: { "x-trace": "abcd" } });
    expect(seen[1]).toMatchObject({ query: { limit: 5 } });
  });

  it("answers 400 problem+json listing every violation with its JSON pointer", async () => {
    const { url } = await serve(handlers);
    const response = await fetch(`${url}/things/ABC?limit=99&colour=blue`);
    expect(response.status).toBe(400);
    expect(response.headers.get("content-type")).toContain("application/problem+json");
    const problem = (await response.json()) as {
      status: number;
      errors: { pointer: string; detail: string }[];
    };
    expect(problem.status).toBe(400);
    const pointers = problem.errors.map((error) => error.pointer).sort();
    expect(pointers).toEqual(["/header/x-trace", "/path/thingId", "/query/colour", "/query/limit"]);
  });

  it("validates the body by content type, resolving component references", async () => {
    const { url } = await serve(handlers);
    const put = (body: string, type = "application/json") =>
      fetch(`${url}/things/abc`, { method: "PUT", headers: { "content-type": type }, body });
    expect((await put(JSON.stringify({ id: "a", size: 1, name: null }))).status).toBe(204);
    const bad = await put(JSON.stringify({ id: 3, size: -1, extra: true }));
    expect(bad.status).toBe(400);
    const problem = (await bad.json()) as { errors: { pointer: string }[] };
    expect(problem.errors.map((error) => error.pointer).sort()).toEqual([
      "/body/extra",
      "/body/id",
      "/body/size",
    ]);
    const wrongType = await put("id=a", "text/plain");
    expect(((await wrongType.json()) as { errors: { pointer: string }[] }).errors[0]!.pointer).toBe(
      "/header/content-type",
    );
  });

  it("supports OpenAPI 3.0 nullable as well as 3.1 type arrays", async () => {
    const { url } = await serve(handlers, {}, "3.0.3");
    const response = await fetch(`${url}/things/abc`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ id: "a", size: 1, name: null }),
    });
    expect(response.status).toBe(204);
  });

  it("answers 405 with Allow for an undeclared method on a declared path", async () => {
    const { url } = await serve(handlers);
    const response = await fetch(`${url}/things/abc`, { method: "DELETE" });
    expect(response.status).toBe(405);
    expect(response.headers.get("allow")).toBe("GET, PUT");
  });

  it("authenticates before validating, so an anonymous caller learns nothing about parameters", async () => {
    const { url } = await serve(handlers, {
      authenticate: async (req) => {
        if (req.get("authorization") !== "yes")
          throw new ProblemError({ type: "about:blank", title: "no", status: 404 });
        return "someone";
      },
    });
    expect((await fetch(`${url}/things/ABC?limit=99`)).status).toBe(404);
  });

  it("refuses to mount when handlers and operations do not match", () => {
    const app = express();
    expect(() =>
      mountOpenApi(app, {
        document: documentFor("3.1.0"),
        source: "test.yaml",
        handlers: { getThing: handlers.getThing!, deleteThing: handlers.getThing! },
        responseValidation: "throw",
        logger: createLogger({ ivf: "test", instanceId: "t", level: "silent" }),
        metrics: new Registry(),
      }),
    ).toThrow(/missing: putThing; not in the document: deleteThing/);
  });
});

describe("OpenAPI response validation", () => {
  const broken: Record<string, OperationHandler> = {
    getThing: async () => ({ status: 200, body: { id: "a", size: "big" } }),
    putThing: async () => ({ status: 201, body: {} }),
  };

  it("turns a non-conforming response into a 500 naming the violation in throw mode", async () => {
    const { url } = await serve(broken);
    const response = await fetch(`${url}/things/abc`, { headers: { "x-trace": "abcd" } });
    expect(response.status).toBe(500);
    expect(((await response.json()) as { detail: string }).detail).toMatch(/\/body\/size must be integer/);
    const undeclared = await fetch(`${url}/things/abc`, {
      method: "PUT",
      headers: { "content-type": "application/json" },
      body: '{"id":"a","size":1}',
    });
    expect(((await undeclared.json()) as { detail: string }).detail).toMatch(
      /201 is not a declared response/,
    );
  });

  it("sends the response unchanged and counts the violation in log mode", async () => {
    const { url, metrics } = await serve(broken, { responseValidation: "log" });
    const response = await fetch(`${url}/things/abc`, { headers: { "x-trace": "abcd" } });
    expect(response.status).toBe(200);
    expect(await metrics.getSingleMetricAsString("iotvf_api_response_violations_total")).toMatch(
      /operation="getThing"} 1/,
    );
  });
});
