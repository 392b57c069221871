/**
 * One run of the burst scenario against a BurstStand: the load phases run in a child process
 * while a sampler records, every 250 ms, the work queue's backlog and oldest-message age (read
 * from the shared embedded bus), the instance's VNFC count and scale level, and when a VNFC
 * added after the onset first reports processed messages. After the phases it waits until `settled` holds,
 * then until the store holds everything the generator sent.
 */
import type { LoadRun } from "../../../vnfs/simulators/burst/bus-load-generator.js";
import { countStored } from "../../../vnfs/simulators/burst/burst-devices.js";
import type { LoadPhase } from "../../../vnfs/simulators/burst/load-phases.js";
import { runLoadInProcess } from "../../../vnfs/simulators/burst/load-process.js";
import { telemetryQueueStats, type BurstStand } from "./burst-stand.js";

export interface Sample {
  at: number;
  backlog: number;
  oldestAgeSeconds: number;
  vnfcs: number;
  level: number;
}

export interface BurstRun {
  load: LoadRun;
  /** Epoch ms of the burst phase's start. */
  onset: number;
  samples: Sample[];
  /** First time a VNFC that did not exist at the onset reported processed messages. */
  newVnfcConsumingAt?: number;
  /** First sample after the burst phase with an empty queue. */
  drainedAt?: number;
  /** Measurements the store gained during the run (one per primitive sent, each once). */
  stored: number;
  lost: number;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export async function runBurst(
  stand: BurstStand,
  instanceId: string,
  phases: LoadPhase[],
  options: { settled: (samples: Sample[]) => boolean; settleTimeoutMs: number; storeTimeoutMs?: number },
): Promise<BurstRun> {
  const samples: Sample[] = [];
  const storedBefore = await countStored(stand.iotStore, stand.devices.tenant);
  const initial = new Set((await stand.lcm.vnfcUrls(instanceId)).keys());
  let onset = 0;
  let burstEnded = 0;
  let newVnfcConsumingAt: number | undefined;
  let drainedAt: number | undefined;
  let sampling = true;
  const sampler = (async () => {
    let vnfcs = initial.size;
    let level = 0;
    for (let tick = 0; sampling; tick += 1) {
      const at = Date.now();
      const stats = await telemetryQueueStats(stand.bus);
      if (tick % 2 === 0) {
        const urls = await stand.lcm.vnfcUrls(instanceId).catch(() => undefined);
        if (urls) {
          vnfcs = urls.size;
          level = await stand.lcm.scaleLevel(instanceId).catch(() => level);
          if (onset && newVnfcConsumingAt === undefined)
            for (const [id, url] of urls)
              if (!initial.has(id) && (await processed(url)) > 0) newVnfcConsumingAt = Date.now();
        }
      }
      const backlog = stats.ready + stats.unacked;
      samples.push({ at, backlog, oldestAgeSeconds: stats.oldestReadyAgeSeconds, vnfcs, level });
      if (burstEnded && drainedAt === undefined && backlog === 0) drainedAt = at;
      await sleep(Math.max(0, 250 - (Date.now() - at)));
    }
  })();
  const onPhase = (phase: { name: string; startedAt: number }) => {
    if (phase.name === "burst") onset = phase.startedAt;
    else if (onset && !burstEnded) burstEnded = phase.startedAt;
  };
  let load: LoadRun;
  try {
    // In a child process: the generator's SQLite writes must not delay the agent hosted in this process.
    load = await runLoadInProcess({ dataDir: stand.sharedDataDir, devices: stand.devices, phases }, onPhase);
    if (!burstEnded) burstEnded = Date.now();
    const deadline = Date.now() + options.settleTimeoutMs;
    while (!options.settled(samples) && Date.now() < deadline) await sleep(250);
  } finally {
    sampling = false;
    await sampler;
  }
  const storeDeadline = Date.now() + (options.storeTimeoutMs ?? 60_000);
  const storedNow = async () => (await countStored(stand.iotStore, stand.devices.tenant)) - storedBefore;
  let stored = await storedNow();
  while (stored < load.sent && Date.now() < storeDeadline) {
    await sleep(500);
    stored = await storedNow();
  }
  return {
    load,
    onset,
    samples,
    ...(newVnfcConsumingAt !== undefined ? { newVnfcConsumingAt } : {}),
    ...(drainedAt !== undefined ? { drainedAt } : {}),
    stored,
    lost: Math.max(0, load.sent - stored),
  };
}

/** iotvf_messages_processed_total of one VNFC (all outcomes), 0 when it does not answer. */
async function processed(baseUrl: string): Promise<number> {
  try {
    const text = await (await fetch(`${baseUrl}/metrics`, { signal: AbortSignal.timeout(2000) })).text();
    let total = 0;
    for (const line of text.split("\n"))
      if (line.startsWith("iotvf_messages_processed_total"))
        total += Number(line.slice(line.lastIndexOf(" ")));
    return total;
  } catch {
    return 0;
  }
}
