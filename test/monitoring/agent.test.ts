import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { MonitoringAgent } from "../../monitoring/agent.js";
import { staticToken } from "../../monitoring/autoscaling/access-token.js";
import { Sol003Scaler } from "../../monitoring/autoscaling/sol003-scaler.js";
import { Sol003InstanceSource } from "../../monitoring/discovery/sol003-instance-source.js";
import { staticProfileSource, type DeclaredModel } from "../../monitoring/discovery/monitoring-profile.js";
import { parseExposition } from "../../monitoring/scrape/exposition-parser.js";
import { startTestIvf } from "./support/test-ivf.js";
import { VnfmStandIn } from "./support/vnfm-stand-in.js";

const model: DeclaredModel = {
  descriptorId: "vnfd-rp",
  productName: "request-processor",
  monitoring: {
    kpis: [
      {
        id: "oldest_message_age",
        metric: "iotvf_oldest_message_age_seconds",
        unit: "seconds",
        description: "Oldest message age",
        aggregation: "max",
        collectionPeriodSeconds: 1,
        indicator: true,
      },
      {
        id: "backlog",
        metric: "iotvf_backlog_messages",
        unit: "messages",
        description: "Backlog",
        aggregation: "sum",
        collectionPeriodSeconds: 1,
      },
    ],
    scalingPolicies: [
      {
        id: "age",
        flavour: "default",
        aspect: "processor-aspect",
        scaleOut: {
          combine: "OR",
          criteria: [{ kpi: "oldest_message_age", operator: "GT", threshold: 2 }],
          evaluationWindowSeconds: 1,
          cooldownSeconds: 3,
        },
        scaleIn: {
          combine: "AND",
          criteria: [
            { kpi: "oldest_message_age", operator: "LT", threshold: 0.5 },
            { kpi: "backlog", operator: "LT", threshold: 5 },
          ],
          evaluationWindowSeconds: 2,
          cooldownSeconds: 3,
        },
      },
    ],
  },
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe("monitoring agent against real IVF processes", () => {
  const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-agent-"));
  let store: SqliteStore;
  let ivfs: Awaited<ReturnType<typeof startTestIvf>>[];
  let vnfm: VnfmStandIn;
  let agent: MonitoringAgent;
  let registry: Registry;

  beforeAll(async () => {
    store = await SqliteStore.open({ path: join(dir, "monitor.sqlite"), logger: pino({ level: "silent" }) });
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function setUp(vnfInstanceId: string): Promise<void> {
    ivfs = [await startTestIvf(), await startTestIvf()];
    vnfm = await new VnfmStandIn(vnfInstanceId, "vnfd-rp", "processor-aspect").start();
    vnfm.vnfcs = ivfs.map((ivf, index) => ({ id: `vnfc-${index}`, vduId: "processor", port: ivf.port }));
    registry = new Registry();
    const tokens = staticToken("agent-token");
    agent = await MonitoringAgent.create({
      source: new Sol003InstanceSource({ vnfmUrl: vnfm.url, tokens }),
      profiles: staticProfileSource([model]),
      scaler: new Sol003Scaler({ vnfmUrl: vnfm.url, tokens }),
      store,
      logger: pino({ level: "silent" }),
      metrics: registry,
      intervalMs: 200,
      scrapeTimeoutMs: 500,
      windowMs: 2000,
      healAfterFailures: 3,
      backlogAgeLimitSeconds: 4,
    });
  }

  afterEach(async () => {
    await agent?.stop();
    await vnfm?.close();
    for (const ivf of ivfs ?? []) await ivf.stop().catch(() => undefined);
  });

  /** Runs cycles until `done` holds (at most `ms`), as the agent's own loop would. */
  async function runUntil(done: () => boolean | Promise<boolean>, ms = 8000): Promise<void> {
    const end = Date.now() + ms;
    while (!(await done()) && Date.now() < end) await runFor(200);
  }

  /** Runs cycles every 200 ms for `ms` (as the agent's own loop would). */
  async function runFor(ms: number): Promise<void> {
    const end = Date.now() + ms;
    while (Date.now() < end) {
      await agent.cycle();
      await sleep(200);
    }
  }

  it("scales out once per cooldown on a sustained burst, then scales in after sustained quiet, through SOL003 with isAutomaticInvocation", async () => {
    await setUp("vnf-burst");
    await runFor(600);
    expect(vnfm.scaleCalls()).toEqual([]);
    for (const ivf of ivfs) Object.assign(ivf.queue, { ready: 500, oldestReadyAgeSeconds: 6 });
    const burstAt = Date.now();
    while (vnfm.scaleCalls().length === 0 && Date.now() - burstAt < 8000) await runFor(200);
    const decidedAfter = Date.now() - burstAt;
    expect(decidedAfter).toBeGreaterThanOrEqual(1000); // the 1 s window must hold first
    await runFor(1000); // the burst goes on, inside the 3 s cooldown
    const outs = vnfm.scaleCalls();
    expect(outs).toHaveLength(1);
    const [out] = outs;
    expect(out!.body).toMatchObject({
      type: "SCALE_OUT",
      aspectId: "processor-aspect",
      numberOfSteps: 1,
      additionalParams: { isAutomaticInvocation: true, scalingPolicyId: "age" },
    });
    expect(out!.authorization).toBe("Bearer agent-token");
    expect(out!.version).toBe("2.0.0");
    expect(decidedAfter).toBeLessThan(8000);

    for (const ivf of ivfs) Object.assign(ivf.queue, { ready: 0, oldestReadyAgeSeconds: 0 });
    // Scale-in needs the scale-out cooldown (3 s) over and 2 s of quiet; one step only (cooldown 3 s).
    const quietAt = Date.now();
    while (vnfm.scaleCalls().length < 2 && Date.now() - quietAt < 10_000) await runFor(200);
    expect(Date.now() - quietAt).toBeGreaterThanOrEqual(2000);
    expect(vnfm.scaleCalls().map((call) => call.body.type)).toEqual(["SCALE_OUT", "SCALE_IN"]);
    expect(vnfm.scaleLevel).toBe(0);
    await runFor(3000);
    expect(vnfm.scaleCalls()).toHaveLength(2); // level 0: never below the VNFD bound
  });

  it("leaves scaling alone when isAutoscaleEnabled is false", async () => {
    await setUp("vnf-manual");
    vnfm.autoscale = false;
    for (const ivf of ivfs) Object.assign(ivf.queue, { ready: 500, oldestReadyAgeSeconds: 9 });
    await runFor(2000);
    expect(vnfm.scaleCalls()).toEqual([]);
  });

  it("raises DEPENDENCY_UNREACHABLE and heals a VNFC failing readiness N times; raises and clears VNFC_DOWN", async () => {
    await setUp("vnf-heal");
    ivfs[0]!.queue.healthy = false;
    await runUntil(() => vnfm.healCalls().length > 0);
    await runFor(400); // more failing probes inside the heal cooldown: no second heal
    const heals = vnfm.healCalls();
    expect(heals).toHaveLength(1);
    expect(heals[0]!.body).toMatchObject({
      additionalParams: { isAutomaticInvocation: true, vnfcInstanceId: ["vnfc-0"] },
    });
    let alarms = await agent.alarms.list();
    expect(alarms.find((alarm) => alarm.faultType === "DEPENDENCY_UNREACHABLE")).toMatchObject({
      perceivedSeverity: "MAJOR",
      vnfcInstanceIds: ["vnfc-0"],
      probableCause: "dependency unreachable: bus",
    });
    ivfs[0]!.queue.healthy = true;
    await runUntil(async () => (await agent.alarms.activeKeys("vnf-heal")).size === 0);
    alarms = await agent.alarms.list();
    expect(alarms.find((alarm) => alarm.faultType === "DEPENDENCY_UNREACHABLE")!.perceivedSeverity).toBe(
      "CLEARED",
    );

    vnfm.autoheal = false;
    await ivfs[1]!.stop();
    await runUntil(async () => (await agent.alarms.list()).some((alarm) => alarm.faultType === "VNFC_DOWN"));
    alarms = await agent.alarms.list();
    expect(alarms.find((alarm) => alarm.faultType === "VNFC_DOWN")).toMatchObject({
      perceivedSeverity: "CRITICAL",
      vnfcInstanceIds: ["vnfc-1"],
    });
    expect(vnfm.healCalls()).toHaveLength(1); // auto-heal disabled now
    vnfm.vnfcs = vnfm.vnfcs.slice(0, 1); // the VNFC is gone (e.g. healed away)
    await runUntil(async () => (await agent.alarms.activeKeys("vnf-heal")).size === 0);
    alarms = await agent.alarms.list();
    expect(alarms.find((alarm) => alarm.faultType === "VNFC_DOWN")!.perceivedSeverity).toBe("CLEARED");
    ivfs = ivfs.slice(0, 1);
  });

  it("exposes osm_<kpi> per VNF instance and VDU with OSM's labels", async () => {
    await setUp("vnf-osm");
    ivfs[0]!.queue.oldestReadyAgeSeconds = 1.5;
    ivfs[1]!.queue.oldestReadyAgeSeconds = 0.5;
    await runFor(600);
    await runUntil(() => agent.hub.get("vnf-osm")?.snapshot?.reportingVnfcs === 2);
    const families = parseExposition(await registry.metrics());
    const sample = families
      .get("osm_oldest_message_age")!
      .samples.find((s) => s.labels.vnf_instance_id === "vnf-osm")!;
    expect(sample.labels).toMatchObject({ ns_id: "ns-1", vnf_member_index: "2", vdu_name: "processor" });
    expect(sample.value).toBe(1.5);
    expect(families.get("iotvf_monitor_vnfcs")!.samples[0]!.value).toBe(2);
  });
});
