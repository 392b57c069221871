import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type StartedServer } from "../../vnfs/runtime-kit/http/http-server.js";
import { clientCredentialsToken } from "../../monitoring/autoscaling/access-token.js";
import { Sol003Scaler } from "../../monitoring/autoscaling/sol003-scaler.js";
import { toMonitoredVnf } from "../../monitoring/discovery/sol003-instance-source.js";
import { probeReadiness, scrapeMetrics } from "../../monitoring/scrape/scraper.js";
import { matchesFilter, parseFilter } from "../../monitoring/sol003/common/sol013-filter.js";

let server: StartedServer;
const tokenRequests: string[] = [];
let scaleStatus = 202;

beforeAll(async () => {
  const app = express();
  app.get(
    "/ok",
    (_req, res) => void res.type("text/plain; version=0.0.4").send("iotvf_backlog_messages 3\n"),
  );
  app.get("/json", (_req, res) => void res.json({ not: "metrics" }));
  app.get("/slow", (_req, res) => void setTimeout(() => res.type("text/plain").send("x 1\n"), 3000).unref());
  app.get("/huge", (_req, res) => {
    res.type("text/plain");
    res.write("x".repeat(64 * 1024));
    res.end("x".repeat(64 * 1024));
  });
  app.get("/garbage", (_req, res) => void res.type("text/plain").send("x{a=1} 1\n"));
  app.get(
    "/notready",
    (_req, res) =>
      void res.status(503).json({
        ready: false,
        checks: { store: { ready: false }, bus: { ready: true }, shutdown: { ready: false } },
      }),
  );
  app.post("/token", express.urlencoded({ extended: false }), (req, res) => {
    tokenRequests.push(String(req.header("authorization")));
    res.json({ access_token: `t${tokenRequests.length}`, expires_in: 3600 });
  });
  app.post("/vnflcm/v2/vnf_instances/:id/scale", (req, res) => {
    if (scaleStatus === 202) return void res.status(202).location("/vnflcm/v2/vnf_lcm_op_occs/1").end();
    res
      .status(scaleStatus)
      .type("application/problem+json")
      .send(JSON.stringify({ status: scaleStatus, detail: `refused ${req.header("authorization")}` }));
  });
  server = await listen(app, "127.0.0.1", 0);
});
afterAll(() => server.close());

describe("scraper", () => {
  it("parses a good target", async () => {
    const result = await scrapeMetrics(`${server.url}/ok`, { timeoutMs: 1000 });
    expect(result.ok && result.families.get("iotvf_backlog_messages")!.samples[0]!.value).toBe(3);
  });

  it("fails cleanly, with the reason, on a slow, huge, malformed, non-metrics or absent target", async () => {
    // Generous timeouts except for /slow: a loaded CI machine must not turn a size error into a timeout.
    const cases: [string, RegExp, number][] = [
      ["/slow", /timed out after 300 ms/, 300],
      ["/huge", /exceeds 65536 bytes/, 5000],
      ["/garbage", /line 1: invalid label name|expected ="/, 5000],
      ["/json", /content type "application\/json/, 5000],
      ["/missing", /HTTP 404/, 5000],
    ];
    for (const [path, reason, timeoutMs] of cases) {
      const result = await scrapeMetrics(`${server.url}${path}`, {
        timeoutMs,
        limits: { maxBytes: 64 * 1024 },
      });
      expect(result.ok).toBe(false);
      expect(!result.ok && result.error).toMatch(reason);
    }
    const refused = await scrapeMetrics("http://127.0.0.1:1/metrics", { timeoutMs: 500 });
    expect(refused.ok).toBe(false);
  });

  it("reads the failing dependencies from /readyz, ignoring the shutdown marker", async () => {
    expect(await probeReadiness(`${server.url}/notready`, 500)).toMatchObject({
      reachable: true,
      ready: false,
      failingChecks: ["store"],
    });
  });
});

describe("SOL003 clients", () => {
  it("Sol003Scaler reports 202 as started, 409 as retryable and 422 as refused, with the ProblemDetails detail", async () => {
    const scaler = new Sol003Scaler({ vnfmUrl: server.url });
    const request = {
      vnfInstanceId: "v1",
      type: "SCALE_OUT" as const,
      aspectId: "a",
      numberOfSteps: 1,
      policyId: "p",
      evidence: [],
    };
    expect(await scaler.scale(request)).toEqual({
      started: true,
      operationUri: "/vnflcm/v2/vnf_lcm_op_occs/1",
    });
    scaleStatus = 409;
    expect(await scaler.scale(request)).toMatchObject({ started: false, retryable: true, status: 409 });
    scaleStatus = 422;
    expect(await scaler.scale(request)).toMatchObject({
      started: false,
      retryable: false,
      detail: expect.stringContaining("refused undefined"),
    });
    scaleStatus = 202;
  });

  it("obtains a client-credentials token once and reuses it until it expires", async () => {
    const tokens = clientCredentialsToken({
      tokenEndpoint: `${server.url}/token`,
      clientId: "agent",
      clientSecret: "s",
    });
    expect(await tokens.token()).toBe("t1");
    expect(await tokens.token()).toBe("t1");
    expect(tokenRequests).toEqual([`Basic ${Buffer.from("agent:s").toString("base64")}`]);
  });

  it("maps a SOL003 VnfInstance to the monitored view, skipping VNFCs without a usable endpoint", () => {
    const vnf = toMonitoredVnf({
      id: "v1",
      vnfdId: "d1",
      instantiationState: "INSTANTIATED",
      vnfConfigurableProperties: { isAutoscaleEnabled: true },
      instantiatedVnfInfo: {
        flavourId: "default",
        scaleStatus: [{ aspectId: "a", scaleLevel: 2 }],
        maxScaleLevels: [{ aspectId: "a", scaleLevel: 4 }],
        vnfcResourceInfo: [
          { id: "c1", vduId: "w", metadata: { pid: 1, port: 8081 } },
          { id: "c2", vduId: "w", metadata: { metricsUrl: "http://10.0.0.5:9100/metrics" } },
          { id: "c3", vduId: "w", metadata: { port: 70000 } },
          { id: "c4", vduId: "w", metadata: { baseUrl: "file:///etc/passwd" } },
        ],
      },
    })!;
    expect(vnf).toMatchObject({
      isAutoscaleEnabled: true,
      isAutohealEnabled: false,
      scaleLevels: { a: 2 },
      maxScaleLevels: { a: 4 },
    });
    expect(vnf.vnfcs).toEqual([
      { id: "c1", vduId: "w", baseUrl: "http://127.0.0.1:8081" },
      { id: "c2", vduId: "w", baseUrl: "http://10.0.0.5:9100" },
    ]);
    expect(toMonitoredVnf({ id: "v2", instantiationState: "NOT_INSTANTIATED" })).toBeUndefined();
  });
});

describe("SOL013 attribute filter", () => {
  const alarm = {
    id: "a1",
    perceivedSeverity: "MAJOR",
    vnfcInstanceIds: ["c1", "c2"],
    count: 5,
    nested: { kind: "x" },
  };
  const allowed = ["id", "perceivedSeverity", "vnfcInstanceIds", "count", "nested/kind"];
  const holds = (filter: string) => matchesFilter(alarm, parseFilter(filter, allowed));

  it("evaluates operators on scalars, arrays (any element) and nested paths", () => {
    expect(holds("(eq,perceivedSeverity,MAJOR)")).toBe(true);
    expect(holds("(neq,perceivedSeverity,MAJOR)")).toBe(false);
    expect(holds("(in,perceivedSeverity,MINOR,MAJOR);(eq,vnfcInstanceIds,c2)")).toBe(true);
    expect(holds("(nin,vnfcInstanceIds,c1)")).toBe(false);
    expect(holds("(gt,count,4);(lte,count,5)")).toBe(true);
    expect(holds("(cont,nested/kind,x)")).toBe(true);
    expect(holds("(eq,id,'a1')")).toBe(true);
  });

  it("refuses unknown attributes, operators and malformed terms with a 400 that says what to use", () => {
    expect(() => parseFilter("(eq,attribute_not_exist,1)", allowed)).toThrow(
      /not supported; use one of id, perceivedSeverity/,
    );
    expect(() => parseFilter("(like,id,1)", allowed)).toThrow(/operator "like"/);
    expect(() => parseFilter("eq,id,1", allowed)).toThrow(/not of the form/);
    expect(() => parseFilter("(eq,id,1,2)", allowed)).toThrow(/exactly one value/);
    expect(() => parseFilter(`(eq,id,${"x".repeat(5000)})`, allowed)).toThrow(/longer than 4096/);
  });
});
