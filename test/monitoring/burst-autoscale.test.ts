import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { burstScenario } from "../../vnfs/simulators/burst/load-phases.js";
import { ConformanceValidator } from "../support/openapi-conformance.js";
import { referenceAvailable, referencePath } from "../support/reference.js";
import { call } from "./support/api-harness.js";
import { indicatorOddities } from "./support/sol003-oddities.js";
import { runBurst, type BurstRun } from "./support/burst-run.js";
import { BurstStand, telemetryQueueStats } from "./support/burst-stand.js";
import type { ScaleOcc } from "./support/burst-lcm.js";

/**
 * The burst scenario end to end on the local VIM (issue 5 "Proof"): real request-processor
 * VNFCs started by the real VNFM, the agent hosted by that VNFM deciding from the VNFD's policy
 * (oldest-message age, backlog, utilisation), a steady load, a burst well above what one
 * instance drains, then quiet. Timings are asserted against the policy, never against the
 * machine's speed: the VNFCs' start-up time varies with the load of the machine.
 */
const startOf = (occ: ScaleOcc) => Date.parse(occ.startTime!);

describe.runIf(referenceAvailable())("burst scenario on the local VIM", () => {
  let stand: BurstStand;
  let instanceId: string;

  beforeAll(async () => {
    stand = await new BurstStand().start();
    instanceId = await stand.lcm.instantiate("request-processor-burst", true);
  }, 240_000);
  afterAll(async () => stand?.close(), 120_000);

  it("serves the instance's indicators on the VNFM's apiRoot, valid against the official document", async () => {
    const official = ConformanceValidator.fromFile(
      referencePath("etsi-nfv", "sol003", "sol003_indicator_openapi.json"),
      indicatorOddities,
    );
    const token = await stand.token();
    const path = `/indicators/${instanceId}`;
    let response = await call(`${stand.url}/vnfind/v1${path}`, "GET", undefined, {
      authorization: `Bearer ${token}`,
    });
    const deadline = Date.now() + 30_000;
    // Values appear after the agent's first cycles on the new instance.
    while ((!Array.isArray(response.body) || response.body.length === 0) && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 500));
      response = await call(`${stand.url}/vnfind/v1${path}`, "GET", undefined, {
        authorization: `Bearer ${token}`,
      });
    }
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    expect(official.checkResponse(path, "GET", response.status, response.body)).toEqual([]);
    const indicators = response.body as { id: string; vnfInstanceId: string }[];
    expect(indicators.map((indicator) => indicator.id).sort()).toEqual([
      "backlog",
      "oldest_message_age",
      "utilization",
    ]);
    expect(indicators.every((indicator) => indicator.vnfInstanceId === instanceId)).toBe(true);
  });

  it("scales out on the burst and back in after sustained quiet, within the VNFD bounds, one decision per cooldown, storing every message exactly once", async () => {
    const tuning = stand.tuning;
    let sawScaleOut = false;
    const run: BurstRun = await runBurst(
      stand,
      instanceId,
      burstScenario({
        steadyRate: 20,
        steadySeconds: 5,
        burstRate: 4000,
        burstSeconds: 12,
        quietSeconds: 5,
      }),
      {
        settled: (samples) => {
          const last = samples.at(-1);
          if (last && last.level > 0) sawScaleOut = true;
          return sawScaleOut && last?.level === 0 && last.backlog === 0;
        },
        settleTimeoutMs: Number(process.env.BURST_SETTLE_MS ?? 300_000),
      },
    );
    // Back at level 0: nothing more may happen (no scale-in below the VNFD's minimum).
    const settledOccs = (await stand.lcm.scaleOccs(instanceId)).length;
    await new Promise((resolve) =>
      setTimeout(resolve, (tuning.scaleInWindowSeconds + tuning.scaleInCooldownSeconds) * 1000),
    );
    const occs = await stand.lcm.scaleOccs(instanceId);
    expect(occs).toHaveLength(settledOccs);

    const outs = occs.filter((occ) => occ.operationParams?.type === "SCALE_OUT");
    const ins = occs.filter((occ) => occ.operationParams?.type === "SCALE_IN");
    const view = stand.monitoring.agent.hub.get(instanceId);
    const diagnosis = JSON.stringify({
      occs,
      peakAge: Math.max(...run.samples.map((sample) => sample.oldestAgeSeconds)),
      peakBacklog: Math.max(...run.samples.map((sample) => sample.backlog)),
      autoscale: view?.vnf.isAutoscaleEnabled,
      policies: view?.profile.scalingPolicies.map((policy) => policy.id),
      kpis: view?.snapshot?.values,
      timeline: run.samples
        .filter((_, index) => index % 4 === 0)
        .map((sample) => [
          ((sample.at - run.onset) / 1000).toFixed(1),
          sample.backlog,
          sample.oldestAgeSeconds.toFixed(1),
          sample.level,
        ]),
      agent: (await stand.monitoring.metrics.metrics())
        .split("\n")
        .filter((line) => line.startsWith("iotvf_monitor")),
    });
    expect(outs.length, diagnosis).toBeGreaterThanOrEqual(1);
    expect(ins.length).toBe(outs.length);
    for (const occ of occs) {
      expect(occ.isAutomaticInvocation).toBe(true);
      expect(occ.operationState).toBe("COMPLETED");
      expect(occ.operationParams).toMatchObject({ aspectId: "processor_aspect", numberOfSteps: 1 });
    }
    expect(startOf(outs[0]!)).toBeGreaterThan(run.onset);

    // Never beyond the VNFD's bounds, at any sample.
    const levels = run.samples.map((sample) => sample.level);
    expect(Math.max(...levels)).toBeLessThanOrEqual(tuning.maxScaleLevel);
    expect(Math.min(...levels)).toBeGreaterThanOrEqual(0);
    const vnfcs = run.samples.map((sample) => sample.vnfcs);
    expect(Math.min(...vnfcs)).toBeGreaterThanOrEqual(tuning.initialInstances);
    expect(Math.max(...vnfcs)).toBeLessThanOrEqual(tuning.initialInstances + tuning.maxScaleLevel);
    expect(outs.length).toBeLessThanOrEqual(tuning.maxScaleLevel);

    // No flapping: every scale-out precedes every scale-in, one decision per cooldown.
    expect(startOf(outs.at(-1)!)).toBeLessThan(startOf(ins[0]!));
    const tolerance = 750; // the occurrence is stamped by the VNFM shortly after the agent's decision
    for (let i = 1; i < outs.length; i++)
      expect(startOf(outs[i]!) - startOf(outs[i - 1]!)).toBeGreaterThanOrEqual(
        tuning.scaleOutCooldownSeconds * 1000 - tolerance,
      );
    for (let i = 1; i < ins.length; i++)
      expect(startOf(ins[i]!) - startOf(ins[i - 1]!)).toBeGreaterThanOrEqual(
        tuning.scaleInCooldownSeconds * 1000 - tolerance,
      );

    // Scale-in only after sustained quiet: the backlog criterion (< 50) held a whole window first.
    const lastBusy = run.samples.filter((sample) => sample.backlog >= 50).at(-1)!;
    expect(startOf(ins[0]!) - lastBusy.at).toBeGreaterThanOrEqual(
      tuning.scaleInWindowSeconds * 1000 - tolerance,
    );

    // A VNFC added by the scale-out took work from the queue.
    expect(run.newVnfcConsumingAt).toBeGreaterThan(run.onset);

    // Exactly once: every primitive the bus confirmed is stored, once.
    expect(run.load.sent).toBeGreaterThan(5000);
    expect(run.stored).toBe(run.load.sent);
    expect(run.lost).toBe(0);
    expect((await telemetryQueueStats(stand.bus, ".dlq")).ready).toBe(0);
  }, 600_000);
});
