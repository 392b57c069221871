import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConformanceValidator } from "../support/openapi-conformance.js";
import { referenceAvailable, referencePath } from "../support/reference.js";
import { CallbackServer, VNF_ID, call, startHarness, type Harness } from "./support/api-harness.js";
import { faultOddities, indicatorOddities, perfOddities } from "./support/sol003-oddities.js";

const available = referenceAvailable();
const official = (name: string, oddities: Parameters<typeof ConformanceValidator.fromFile>[1]) =>
  ConformanceValidator.fromFile(referencePath("etsi-nfv", "sol003", `sol003_${name}_openapi.json`), oddities);
const ours = (name: string) =>
  ConformanceValidator.fromFile(new URL(`../../api-specs/${name}.yaml`, import.meta.url).pathname);

const until = async (condition: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

describe.skipIf(!available)("SOL003 monitoring APIs conform to the official OpenAPI (V3.3.1)", () => {
  let harness: Harness;
  let callback: CallbackServer;
  const perf = available ? official("perf", perfOddities) : undefined!;
  const fault = available ? official("fault", faultOddities) : undefined!;
  const indicator = available ? official("indicator", indicatorOddities) : undefined!;
  const pmSpec = ours("vnfpm-v2");
  const fmSpec = ours("vnffm-v1");
  const indSpec = ours("vnfind-v1");

  /** Calls the API and checks the response against the official document. */
  const conform = async (
    validator: ConformanceValidator,
    base: string,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ) => {
    const version = base === "/vnfpm/v2" ? "2.1.0" : "1.3.0";
    const response = await call(`${harness.url}${base}${path}`, method, body, { version, ...headers });
    // A method the document does not declare has no response to check: its 405 must be a ProblemDetails.
    const declared =
      validator.templateOf(path) !== undefined &&
      validator.checkResponse(path, method, 200, undefined)[0]?.includes("is not in the document") !== true;
    const problems = declared
      ? validator.checkResponse(path, method, response.status, response.body)
      : pmSpec.checkSchema("ProblemDetails", response.body);
    expect(
      problems,
      `${method} ${base}${path} -> ${response.status} ${JSON.stringify(response.body)}: ${problems.join("; ")}`,
    ).toEqual([]);
    return response;
  };

  beforeAll(async () => {
    harness = await startHarness();
    callback = await new CallbackServer().start();
  });
  afterAll(async () => {
    await harness?.close();
    await callback?.close();
  });

  describe("VNF Performance Management (vnfpm/v2)", () => {
    let jobId = "";

    it("creates a PM job after testing the callback, and lists and filters it", async () => {
      const created = await conform(perf, "/vnfpm/v2", "POST", "/pm_jobs", {
        objectType: "Vnf",
        objectInstanceIds: [VNF_ID],
        criteria: { performanceMetric: ["backlog_messages"], collectionPeriod: 1, reportingPeriod: 2 },
        callbackUri: callback.uri,
      });
      expect(created.status).toBe(201);
      const job = created.body as { id: string; _links: { self: { href: string } } };
      expect(created.headers.get("location")).toBe(job._links.self.href);
      jobId = job.id;
      const listed = await conform(
        perf,
        "/vnfpm/v2",
        "GET",
        "/pm_jobs?filter=(eq,objectType,Vnf);(cont,objectInstanceIds," + VNF_ID + ")",
      );
      expect((listed.body as unknown[]).length).toBe(1);
      const none = await conform(perf, "/vnfpm/v2", "GET", "/pm_jobs?filter=(eq,objectType,Vnfc)");
      expect(none.body).toEqual([]);
    });

    it("reports the collected values and announces each report", async () => {
      const start = Date.now() + 10;
      for (let second = 0; second <= 2; second++)
        await harness.publish(start + second * 1000, { backlog_messages: 10 * second });
      await until(() => callback.ofType("PerformanceInformationAvailableNotification").length >= 1);
      const notification = callback.ofType("PerformanceInformationAvailableNotification")[0]!;
      expect(pmSpec.checkSchema("PerformanceInformationAvailableNotification", notification)).toEqual([]);
      const href = (notification._links as { performanceReport: { href: string } }).performanceReport.href;
      const path = href.slice(href.indexOf("/pm_jobs"));
      const report = await conform(perf, "/vnfpm/v2", "GET", path);
      const entry = (
        report.body as { entries: { performanceMetric: string; performanceValues: { value: number }[] }[] }
      ).entries[0]!;
      expect(entry.performanceMetric).toBe("backlog_messages");
      expect(entry.performanceValues.map((value) => value.value)).toEqual([0, 10]);
      const job = await conform(perf, "/vnfpm/v2", "GET", `/pm_jobs/${jobId}`);
      expect((job.body as { reports: unknown[] }).reports.length).toBeGreaterThanOrEqual(1);
    });

    it("modifies the callback URI with a merge patch and never echoes credentials", async () => {
      const response = await conform(
        perf,
        "/vnfpm/v2",
        "PATCH",
        `/pm_jobs/${jobId}`,
        {
          callbackUri: callback.uri,
          authentication: { authType: ["BASIC"], paramsBasic: { userName: "nfvo", password: "s3cret" } },
        },
        {
          "content-type": "application/merge-patch+json",
        },
      );
      expect(response.status).toBe(200);
      expect(JSON.stringify(response.body)).not.toContain("s3cret");
    });

    it("refuses bad requests with ProblemDetails: 422 for unknown targets and periods, 400 for bad filters and missing Version, 405 for other methods", async () => {
      const base = { objectType: "Vnf", objectInstanceIds: [VNF_ID], callbackUri: callback.uri };
      const bad = [
        {
          ...base,
          criteria: { performanceMetric: ["backlog_messages"], collectionPeriod: 2, reportingPeriod: 3 },
        },
        {
          ...base,
          criteria: { performanceMetric: ["cpu_temperature"], collectionPeriod: 1, reportingPeriod: 1 },
        },
        {
          ...base,
          objectInstanceIds: ["no-such-vnf"],
          criteria: { performanceMetric: ["backlog_messages"], collectionPeriod: 1, reportingPeriod: 1 },
        },
      ];
      for (const body of bad)
        expect((await conform(perf, "/vnfpm/v2", "POST", "/pm_jobs", body)).status).toBe(422);
      expect((await conform(perf, "/vnfpm/v2", "POST", "/pm_jobs", { objectType: "Vnf" })).status).toBe(400);
      expect(
        (await conform(perf, "/vnfpm/v2", "GET", "/pm_jobs?filter=(eq,attribute_not_exist,x)")).status,
      ).toBe(400);
      const noVersion = await fetch(`${harness.url}/vnfpm/v2/pm_jobs`);
      expect(noVersion.status).toBe(400);
      expect(noVersion.headers.get("content-type")).toContain("application/problem+json");
      expect((await conform(perf, "/vnfpm/v2", "PUT", "/pm_jobs")).status).toBe(405);
      expect((await conform(perf, "/vnfpm/v2", "GET", "/pm_jobs/unknown")).status).toBe(404);
    });

    it("sends ThresholdCrossedNotification on each crossing of the hysteresis band, not while hovering", async () => {
      const created = await conform(perf, "/vnfpm/v2", "POST", "/thresholds", {
        objectType: "Vnf",
        objectInstanceId: VNF_ID,
        criteria: {
          performanceMetric: "oldest_message_age_seconds",
          thresholdType: "SIMPLE",
          simpleThresholdDetails: { thresholdValue: 5, hysteresis: 1 },
        },
        callbackUri: callback.uri,
      });
      expect(created.status).toBe(201);
      const start = Date.now() + 10_000;
      const series = [1, 7, 5.5, 4.5, 6.5, 3, 3.5];
      for (const [index, age] of series.entries())
        await harness.publish(start + index * 1000, { oldest_message_age_seconds: age });
      await harness.sender.drained();
      const crossings = callback.ofType("ThresholdCrossedNotification");
      expect(crossings.map((n) => [n.crossingDirection, n.performanceValue])).toEqual([
        ["UP", 7],
        ["DOWN", 3],
      ]);
      for (const notification of crossings)
        expect(pmSpec.checkSchema("ThresholdCrossedNotification", notification)).toEqual([]);
      await conform(perf, "/vnfpm/v2", "GET", "/thresholds");
      const id = (created.body as { id: string }).id;
      await conform(perf, "/vnfpm/v2", "GET", `/thresholds/${id}`);
      expect((await conform(perf, "/vnfpm/v2", "DELETE", `/thresholds/${id}`)).status).toBe(204);
    });

    it("collects per-VNFC values for objectType Vnfc, only for the named VNFCs", async () => {
      const created = await conform(perf, "/vnfpm/v2", "POST", "/pm_jobs", {
        objectType: "Vnfc",
        objectInstanceIds: [VNF_ID],
        subObjectInstanceIds: ["vnfc-b"],
        criteria: { performanceMetricGroup: ["IoTVfKpis"], collectionPeriod: 1, reportingPeriod: 1 },
        callbackUri: callback.uri,
      });
      expect(created.status).toBe(201);
      const id = (created.body as { id: string }).id;
      const before = callback.ofType("PerformanceInformationAvailableNotification").length;
      const start = Date.now() + 30_000;
      for (let second = 0; second <= 1; second++) {
        await harness.publish(
          start + second * 1000,
          { backlog_messages: 99 },
          { "vnfc-a": { backlog_messages: 1 }, "vnfc-b": { backlog_messages: 2 + second } },
        );
      }
      await until(() => callback.ofType("PerformanceInformationAvailableNotification").length > before);
      const notification = callback.ofType("PerformanceInformationAvailableNotification").at(-1)!;
      expect(notification).toMatchObject({
        pmJobId: id,
        objectType: "Vnfc",
        subObjectInstanceIds: ["vnfc-b"],
      });
      const href = (notification._links as { performanceReport: { href: string } }).performanceReport.href;
      const report = await conform(perf, "/vnfpm/v2", "GET", href.slice(href.indexOf("/pm_jobs")));
      const entries = (
        report.body as {
          entries: {
            subObjectInstanceId: string;
            performanceMetric: string;
            performanceValues: { value: number }[];
          }[];
        }
      ).entries;
      expect(
        entries.map((entry) => [
          entry.subObjectInstanceId,
          entry.performanceMetric,
          entry.performanceValues.map((v) => v.value),
        ]),
      ).toEqual([["vnfc-b", "backlog_messages", [2]]]);
      expect(
        (
          await conform(perf, "/vnfpm/v2", "POST", "/pm_jobs", {
            objectType: "Vnfc",
            objectInstanceIds: [VNF_ID],
            subObjectInstanceIds: ["vnfc-z"],
            criteria: { performanceMetric: ["backlog_messages"], collectionPeriod: 1, reportingPeriod: 1 },
            callbackUri: callback.uri,
          })
        ).status,
      ).toBe(422);
      expect((await conform(perf, "/vnfpm/v2", "DELETE", `/pm_jobs/${id}`)).status).toBe(204);
    });

    it("deletes a PM job with its reports", async () => {
      expect((await conform(perf, "/vnfpm/v2", "DELETE", `/pm_jobs/${jobId}`)).status).toBe(204);
      expect((await conform(perf, "/vnfpm/v2", "GET", `/pm_jobs/${jobId}`)).status).toBe(404);
    });

    it("answers the API versions resource", async () => {
      expect((await conform(perf, "/vnfpm/v2", "GET", "/api-versions")).body).toMatchObject({
        apiVersions: [{ version: "2.1.0" }],
      });
    });
  });

  describe("VNF Fault Management (vnffm/v1)", () => {
    it("subscribes after a successful callback test, answers 303 for a duplicate and 422 when the test fails", async () => {
      const request = {
        callbackUri: callback.uri,
        filter: { notificationTypes: ["AlarmNotification", "AlarmClearedNotification"] },
      };
      const created = await conform(fault, "/vnffm/v1", "POST", "/subscriptions", request);
      expect(created.status).toBe(201);
      const again = await conform(fault, "/vnffm/v1", "POST", "/subscriptions", request);
      expect(again.status).toBe(303);
      expect(again.headers.get("location")).toBe(created.headers.get("location"));
      callback.testStatus = 500;
      expect(
        (
          await conform(fault, "/vnffm/v1", "POST", "/subscriptions", {
            callbackUri: `${callback.uri}?other`,
          })
        ).status,
      ).toBe(422);
      callback.testStatus = 204;
      await conform(fault, "/vnffm/v1", "GET", "/subscriptions");
      await conform(fault, "/vnffm/v1", "GET", `/subscriptions/${(created.body as { id: string }).id}`);
    });

    it("notifies a raised alarm, lists it, acknowledges it once with If-Match, and notifies its clearing", async () => {
      const alarm = await harness.alarms.raise({
        vnfInstanceId: VNF_ID,
        faultType: "VNFC_DOWN",
        subject: "vnfc-a",
        vnfcInstanceIds: ["vnfc-a"],
        perceivedSeverity: "CRITICAL",
        eventType: "COMMUNICATIONS_ALARM",
        probableCause: "VNFC not responding",
      });
      await until(() => callback.ofType("AlarmNotification").length === 1);
      expect(fmSpec.checkSchema("AlarmNotification", callback.ofType("AlarmNotification")[0])).toEqual([]);
      const listed = await conform(
        fault,
        "/vnffm/v1",
        "GET",
        "/alarms?filter=(eq,perceivedSeverity,CRITICAL)",
      );
      expect((listed.body as { id: string }[]).map((entry) => entry.id)).toEqual([alarm.id]);
      const read = await conform(fault, "/vnffm/v1", "GET", `/alarms/${alarm.id}`);
      const etag = read.headers.get("etag")!;
      const patch = (ifMatch: string) =>
        conform(
          fault,
          "/vnffm/v1",
          "PATCH",
          `/alarms/${alarm.id}`,
          { ackState: "ACKNOWLEDGED" },
          { "content-type": "application/merge-patch+json", "if-match": ifMatch },
        );
      expect((await patch('"999"')).status).toBe(412);
      expect((await patch(etag)).status).toBe(200);
      const stale = await conform(
        fault,
        "/vnffm/v1",
        "PATCH",
        `/alarms/${alarm.id}`,
        { ackState: "ACKNOWLEDGED" },
        { "content-type": "application/merge-patch+json" },
      );
      expect(stale.status).toBe(409);
      await harness.alarms.clear(VNF_ID, "VNFC_DOWN", "vnfc-a");
      await until(() => callback.ofType("AlarmClearedNotification").length === 1);
      const cleared = callback.ofType("AlarmClearedNotification")[0]!;
      expect(fmSpec.checkSchema("AlarmClearedNotification", cleared)).toEqual([]);
      expect(cleared.alarmId).toBe(alarm.id);
      expect((await conform(fault, "/vnffm/v1", "GET", `/alarms/${alarm.id}`)).body).toMatchObject({
        perceivedSeverity: "CLEARED",
        ackState: "ACKNOWLEDGED",
      });
    });

    it("refuses an invalid acknowledgement body and unknown alarms", async () => {
      const [alarm] = await harness.alarms.list();
      expect(
        (
          await conform(
            fault,
            "/vnffm/v1",
            "PATCH",
            `/alarms/${alarm!.id}`,
            { ackState: "MAYBE" },
            { "content-type": "application/merge-patch+json" },
          )
        ).status,
      ).toBe(400);
      expect((await conform(fault, "/vnffm/v1", "GET", "/alarms/nope")).status).toBe(404);
      expect((await conform(fault, "/vnffm/v1", "DELETE", "/alarms")).status).toBe(405);
    });
  });

  describe("VNF Indicator (vnfind/v1)", () => {
    it("serves the declared indicators with their current values and notifies value changes", async () => {
      const created = await conform(indicator, "/vnfind/v1", "POST", "/subscriptions", {
        callbackUri: callback.uri,
        filter: { indicatorIds: ["backlog_messages"] },
      });
      expect(created.status).toBe(201);
      const start = Date.now() + 40_000; // after every earlier publication of this shared harness
      await harness.publish(start, { backlog_messages: 5 });
      await harness.publish(start + 1000, { backlog_messages: 5 });
      await harness.publish(start + 2000, { backlog_messages: 12 });
      await harness.sender.drained();
      const changes = callback.ofType("VnfIndicatorValueChangeNotification");
      // 5 differs from the value the PM tests left (99); the repeated 5 is no change.
      expect(changes.map((n) => n.value)).toEqual([5, 12]);
      expect(indSpec.checkSchema("VnfIndicatorValueChangeNotification", changes[0])).toEqual([]);
      const all = await conform(indicator, "/vnfind/v1", "GET", "/indicators");
      expect(all.body).toMatchObject([{ id: "backlog_messages", value: 12, vnfInstanceId: VNF_ID }]);
      await conform(indicator, "/vnfind/v1", "GET", `/indicators/${VNF_ID}`);
      await conform(indicator, "/vnfind/v1", "GET", `/indicators/${VNF_ID}/backlog_messages`);
      expect((await conform(indicator, "/vnfind/v1", "GET", `/indicators/${VNF_ID}/nope`)).status).toBe(404);
      const id = (created.body as { id: string }).id;
      await conform(indicator, "/vnfind/v1", "GET", "/subscriptions");
      await conform(indicator, "/vnfind/v1", "GET", `/indicators/subscriptions/${id}`);
      expect(
        (await conform(indicator, "/vnfind/v1", "DELETE", `/indicators/subscriptions/${id}`)).status,
      ).toBe(204);
    });
  });
});
