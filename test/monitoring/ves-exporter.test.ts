import { readFileSync } from "node:fs";
import express from "express";
import pino from "pino";
import { Ajv } from "ajv";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listen, type StartedServer } from "../../vnfs/runtime-kit/http/http-server.js";
import { measurementEvent } from "../../monitoring/exporters/ves-events.js";
import { VesExporter } from "../../monitoring/exporters/ves-exporter.js";
import { defaultProfile } from "../../monitoring/discovery/monitoring-profile.js";
import type { VnfView } from "../../monitoring/hub/monitoring-hub.js";
import { referenceAvailable, referencePath } from "../support/reference.js";

const available = referenceAvailable();

/**
 * The ONAP schema is JSON Schema draft-04. Ajv 8 has no draft-04 meta-schema; the schema only
 * uses keywords whose meaning draft-07 kept (checked below: no boolean exclusiveMinimum/Maximum,
 * no `id`), so it is compiled as draft-07 after removing its `$schema`.
 */
function vesValidator() {
  const schema = JSON.parse(
    readFileSync(referencePath("onap-ves", "CommonEventFormat_30.2.1_ONAP.json"), "utf8"),
  ) as Record<string, unknown>;
  const text = JSON.stringify(schema);
  expect(schema.$schema).toBe("http://json-schema.org/draft-04/schema#");
  expect(text).not.toMatch(/"exclusive(Minimum|Maximum)"\s*:\s*(true|false)/);
  expect(text).not.toMatch(/"id"\s*:\s*"/);
  delete schema.$schema;
  const ajv = new Ajv({ strict: false, allErrors: true });
  return ajv.compile(schema);
}

const view = (at: number): VnfView => ({
  vnf: {
    id: "vnf-ves",
    vnfdId: "vnfd-1",
    vnfInstanceName: "rp-1",
    vnfProductName: "request-processor",
    flavourId: "default",
    isAutoscaleEnabled: true,
    isAutohealEnabled: false,
    scaleLevels: {},
    maxScaleLevels: {},
    vnfcs: [],
    metadata: {},
  },
  profile: defaultProfile("vnfd-1"),
  snapshot: {
    at,
    reportingVnfcs: 2,
    values: { backlog_messages: 12, oldest_message_age_seconds: 0.25 },
    perVnfc: { a: { backlog_messages: 5 }, b: { backlog_messages: 7 } },
  },
});

class Collector {
  readonly batches: { eventList: unknown[] }[] = [];
  readonly authorizations: (string | undefined)[] = [];
  status = 202;
  private server!: StartedServer;
  async start(): Promise<this> {
    const app = express();
    app.use(express.json({ limit: "5mb" }));
    app.post("/eventListener/v7/eventBatch", (req, res) => {
      this.authorizations.push(req.header("authorization"));
      if (this.status === 202) this.batches.push(req.body as { eventList: unknown[] });
      res.status(this.status).end();
    });
    this.server = await listen(app, "127.0.0.1", 0);
    return this;
  }
  get url() {
    return this.server.url;
  }
  close() {
    return this.server.close();
  }
}

describe.skipIf(!available)("ONAP VES 7.2.1 measurement export", () => {
  let collector: Collector;
  beforeAll(async () => {
    collector = await new Collector().start();
  });
  afterAll(() => collector.close());

  it("builds measurement events that are valid against CommonEventFormat 30.2.1, alone and batched", () => {
    const validate = vesValidator();
    const event = measurementEvent(
      view(1_700_000_000_000),
      { reportingEntityName: "ivf-monitor-test", nfVendorName: "iot-vnf-platform" },
      7,
      10,
    )!;
    expect(validate({ event }), JSON.stringify(validate.errors)).toBe(true);
    expect(validate({ eventList: [event, event] }), JSON.stringify(validate.errors)).toBe(true);
    const { sourceName: _dropped, ...header } = event.commonEventHeader;
    expect(validate({ event: { ...event, commonEventHeader: header } })).toBe(false); // the schema does bite
    expect(event.commonEventHeader).toMatchObject({
      domain: "measurement",
      vesEventListenerVersion: "7.2.1",
      sequence: 7,
      sourceId: "vnf-ves",
    });
    expect(event.measurementFields.additionalMeasurements).toContainEqual({
      name: "iotvf",
      hashMap: { backlog_messages: "12", oldest_message_age_seconds: "0.25" },
    });
  });

  it("posts batches to /eventListener/v7/eventBatch with Basic authentication, in order", async () => {
    const exporter = new VesExporter({
      collectorUrl: collector.url,
      logger: pino({ level: "silent" }),
      basicAuth: { user: "ves", password: "pw" },
      maxBatch: 2,
    });
    exporter.enqueue(
      [1, 2, 3].map((n) =>
        measurementEvent(view(1_700_000_000_000 + n), { reportingEntityName: "t", nfVendorName: "v" }, n, 1)!,
      ),
    );
    await exporter.flush();
    expect(collector.batches.map((batch) => batch.eventList.length)).toEqual([2, 1]);
    expect(collector.authorizations[0]).toBe(`Basic ${Buffer.from("ves:pw").toString("base64")}`);
    expect(exporter.stats.posted).toBe(3);
  });

  it("keeps events while the collector is down, backs off, and delivers them when it returns; the queue stays bounded", async () => {
    collector.batches.length = 0;
    collector.status = 503;
    const exporter = new VesExporter({
      collectorUrl: collector.url,
      logger: pino({ level: "silent" }),
      maxQueue: 3,
      retryBaseMs: 200,
    });
    const events = [1, 2, 3, 4, 5].map((n) =>
      measurementEvent(view(1_700_000_000_000 + n), { reportingEntityName: "t", nfVendorName: "v" }, n, 1)!,
    );
    exporter.enqueue(events);
    expect(exporter.pending).toBe(3);
    expect(exporter.stats.dropped).toBe(2);
    await exporter.flush();
    expect(exporter.pending).toBe(3);
    await exporter.flush(); // within the back-off: no attempt
    expect(exporter.stats.failedPosts).toBe(1);
    collector.status = 202;
    await new Promise((resolve) => setTimeout(resolve, 250));
    await exporter.flush();
    expect(exporter.pending).toBe(0);
    const sequences = collector.batches.flatMap((batch) =>
      batch.eventList.map(
        (event) => (event as { commonEventHeader: { sequence: number } }).commonEventHeader.sequence,
      ),
    );
    expect(sequences).toEqual([3, 4, 5]);
  });

  it("drops a batch the collector refuses as invalid (4xx) instead of retrying it forever", async () => {
    collector.status = 400;
    const exporter = new VesExporter({
      collectorUrl: collector.url,
      logger: pino({ level: "silent" }),
      retryBaseMs: 1,
    });
    exporter.enqueue([
      measurementEvent(view(1_700_000_000_000), { reportingEntityName: "t", nfVendorName: "v" }, 1, 1)!,
    ]);
    await exporter.flush();
    expect(exporter.pending).toBe(0);
    expect(exporter.stats.dropped).toBe(1);
    collector.status = 202;
  });
});
