/**
 * Auto-scaling benchmark (issue 5 "Proof"): the burst scenario of test/monitoring/burst-autoscale
 * on the local VIM (real VNFM, real request-processor VNFCs on the embedded bus and store, the
 * agent hosted by the VNFM), measured twice in one run:
 * 1. baseline: the same burst with auto-scaling disabled (one instance drains it alone);
 * 2. auto-scaled: burst onset -> scale decision (SCALE_OUT occurrence started), -> scaled
 *    (occurrence COMPLETED: the new VNFC is ready), -> the new VNFC consuming (first processed
 *    message on its /metrics), peak backlog age, drain time, messages lost.
 * Run: `npm run bench:autoscale` (builds first; BENCH_AUTOSCALE_BURST_RATE, default 12,000 msg/s: several
 * times what one instance drains on the 2-core reference machine; BENCH_AUTOSCALE_BURST_SECONDS;
 * BENCH_AUTOSCALE_ENTRY=source starts VNFCs with tsx instead of from dist/ as `npm start` does). Prints a table, then
 * one line of JSON.
 */
import { loadavg } from "node:os";
import { burstScenario } from "../../vnfs/simulators/burst/load-phases.js";
import { runBurst, type BurstRun } from "../monitoring/support/burst-run.js";
import { BurstStand } from "../monitoring/support/burst-stand.js";

const BURST_RATE = Number(process.env.BENCH_AUTOSCALE_BURST_RATE ?? 12_000);
const BURST_SECONDS = Number(process.env.BENCH_AUTOSCALE_BURST_SECONDS ?? 12);
const ENTRY = process.env.BENCH_AUTOSCALE_ENTRY === "source" ? "source" : "dist";
const OSM_SOURCE = "../shared/notes/osm.md §3 (3.2, 3.4)";

const phases = burstScenario({
  steadyRate: 20,
  steadySeconds: 5,
  burstRate: BURST_RATE,
  burstSeconds: BURST_SECONDS,
  quietSeconds: 5,
});
const seconds = (from: number, to: number | undefined) =>
  to === undefined ? null : Number(((to - from) / 1000).toFixed(2));
const peakAge = (run: BurstRun) =>
  Number(Math.max(...run.samples.map((sample) => sample.oldestAgeSeconds)).toFixed(2));
const peakBacklog = (run: BurstRun) => Math.max(...run.samples.map((sample) => sample.backlog));
/** The agent's failed scrapes so far (a saturated VNFC answering /metrics late delays decisions). */
async function scrapeFailures(stand: BurstStand): Promise<number> {
  const metric = stand.monitoring.metrics.getSingleMetric("iotvf_monitor_scrape_failures_total");
  const values = metric ? (await metric.get()).values : [];
  return values.reduce((sum, entry) => sum + entry.value, 0);
}

/** Waits until the agent sees the instance idle: empty queue, utilisation at most 0.3. */
async function quiet(stand: BurstStand, id: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  for (;;) {
    const values = stand.monitoring.agent.hub.get(id)?.snapshot?.values ?? {};
    if ((values.backlog ?? 1) === 0 && (values.utilization ?? 1) <= 0.3) return;
    if (Date.now() > deadline)
      throw new Error(`the instance is not idle after 120 s: ${JSON.stringify(values)}`);
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
}

async function main(): Promise<number> {
  const load = loadavg().map((n) => n.toFixed(2));
  const stand = await new BurstStand({ vnfcEntry: ENTRY }).start();
  try {
    const id = await stand.lcm.instantiate("request-processor-bench", false);
    const failuresAtStart = await scrapeFailures(stand);
    const baseline = await runBurst(stand, id, phases, {
      settled: (samples) => samples.length > 0 && samples.at(-1)!.backlog === 0,
      settleTimeoutMs: 300_000,
    });
    // The baseline's drain must be over in the agent's eyes too (utilisation is a 10 s rate), or
    // the auto-scaled run would start on the baseline's evidence.
    await quiet(stand, id);
    const failuresAfterBaseline = await scrapeFailures(stand);
    await stand.lcm.setAutoscale(id, true);
    await new Promise((resolve) => setTimeout(resolve, 3000)); // the agent sees the switch
    let scaledOut = false;
    const scaled = await runBurst(stand, id, phases, {
      settled: (samples) => {
        const last = samples.at(-1);
        if (last && last.level > 0) scaledOut = true;
        return scaledOut && last?.level === 0 && last.backlog === 0;
      },
      settleTimeoutMs: 300_000,
    });
    const failuresAfterScaled = await scrapeFailures(stand);
    const occs = await stand.lcm.scaleOccs(id);
    const outs = occs.filter((occ) => occ.operationParams?.type === "SCALE_OUT");
    const ins = occs.filter((occ) => occ.operationParams?.type === "SCALE_IN");
    const first = outs[0];
    const decision = first ? Date.parse(first.startTime!) : undefined;
    const completed = first?.operationState === "COMPLETED" ? Date.parse(first.stateEnteredTime!) : undefined;
    const figures = {
      benchmark: "autoscale",
      burst_rate_msgs_per_s: BURST_RATE,
      burst_seconds: BURST_SECONDS,
      sent_msgs: scaled.load.sent,
      onset_to_decision_s: seconds(scaled.onset, decision),
      onset_to_scaled_s: seconds(scaled.onset, completed),
      onset_to_consuming_s: seconds(scaled.onset, scaled.newVnfcConsumingAt),
      peak_backlog_age_s: peakAge(scaled),
      peak_backlog_msgs: peakBacklog(scaled),
      drain_s: seconds(scaled.onset, scaled.drainedAt),
      scale_outs: outs.length,
      scale_ins: ins.length,
      all_automatic: occs.every((occ) => occ.isAutomaticInvocation === true),
      last_drained_to_scale_in_s: ins[0]
        ? seconds(scaled.drainedAt ?? 0, Date.parse(ins[0].startTime!))
        : null,
      lost: scaled.lost,
      scrape_failures: failuresAfterScaled - failuresAfterBaseline,
      baseline_scrape_failures: failuresAfterBaseline - failuresAtStart,
      baseline_sent_msgs: baseline.load.sent,
      baseline_peak_backlog_age_s: peakAge(baseline),
      baseline_peak_backlog_msgs: peakBacklog(baseline),
      baseline_drain_s: seconds(baseline.onset, baseline.drainedAt),
      baseline_lost: baseline.lost,
      osm_min_reaction_s: 60,
      vnfc_entry: ENTRY,
      loadavg_at_start: load,
    };
    console.log(
      `\nauto-scaling benchmark: steady 20 msg/s, burst ${BURST_RATE} msg/s for ${BURST_SECONDS} s, then quiet; ` +
        `request-processor VNFCs on the local VIM (entry: ${ENTRY}); load ${load.join(" ")}`,
    );
    console.table([
      {
        run: "auto-scaled (this platform)",
        "onset->decision s": figures.onset_to_decision_s,
        "onset->scaled s": figures.onset_to_scaled_s,
        "onset->consuming s": figures.onset_to_consuming_s,
        "peak backlog age s": figures.peak_backlog_age_s,
        "peak backlog": figures.peak_backlog_msgs,
        "drain s": figures.drain_s,
        lost: figures.lost,
      },
      {
        run: "baseline: same burst, auto-scaling off",
        "onset->decision s": "-",
        "onset->scaled s": "-",
        "onset->consuming s": "-",
        "peak backlog age s": figures.baseline_peak_backlog_age_s,
        "peak backlog": figures.baseline_peak_backlog_msgs,
        "drain s": figures.baseline_drain_s,
        lost: figures.baseline_lost,
      },
      {
        run: "OSM (by design, reference)",
        "onset->decision s": ">= 60",
        "onset->scaled s": "> 60 (+ VM start)",
        "onset->consuming s": "> 60",
        "peak backlog age s": "-",
        "peak backlog": "-",
        "drain s": "-",
        lost: "-",
      },
    ]);
    console.log(
      `OSM reference: Prometheus alert rules with for: <threshold-time> in whole minutes (>= 1 min), rule ` +
        `evaluation every 15 s, VIM metrics every 5 min, cooldown in minutes: at least about 60 s from a ` +
        `sustained threshold to the scale decision, by design (source: ${OSM_SOURCE}).`,
    );
    const evidence = (first as { operationParams?: { additionalParams?: { evidence?: unknown } } })
      ?.operationParams?.additionalParams?.evidence;
    if (evidence !== undefined) console.log(`first scale-out decided on: ${String(evidence)}`);
    console.log(
      `failed /metrics scrapes by the agent: ${figures.scrape_failures} in the auto-scaled run, ${figures.baseline_scrape_failures} in the baseline`,
    );
    console.log(
      `scale operations: ${outs.length} SCALE_OUT, ${ins.length} SCALE_IN, all isAutomaticInvocation: ${figures.all_automatic}`,
    );
    console.log(JSON.stringify(figures));
    return figures.lost === 0 && figures.baseline_lost === 0 && outs.length > 0 ? 0 : 1;
  } finally {
    await stand.close();
  }
}

process.exitCode = await main();
