/**
 * `ivf up --scenario burst` on a brought-up platform: drives the burst load (simulated meters
 * over MQTT and HTTP), follows the monitoring agent's backlog KPIs, waits for accepted readings
 * to reach the store, then reads what really happened (store rows, the VNFM's SCALE op occs)
 * and computes the report. The platform scales by itself: this module never asks for a scale.
 */
import type { PhaseTimes } from "../../../simulators/meters/burst-load.js";
import { runBurstLoadInChild } from "../../../simulators/meters/burst-process.js";
import { DEMO_TENANT } from "../demo-tenant.js";
import type { Platform } from "../platform.js";
import type { Progress } from "../progress.js";
import type { VnfInstance } from "../vnfm-client.js";
import { BacklogWatch } from "./backlog-watch.js";
import type { BurstOptions } from "./burst-options.js";
import { computeBurstReport, type BurstReport } from "./burst-report.js";
import { fetchScaleEvents, scaleLevels } from "./scale-events.js";
import { StoredMeasurements, sharedDataDir } from "./stored-measurements.js";

export interface BurstOutcome {
  report: BurstReport;
  phases: PhaseTimes[];
  origin: number;
}

export async function runBurstScenario(
  platform: Platform,
  progress: Progress,
  options: BurstOptions,
  signal: AbortSignal,
): Promise<BurstOutcome> {
  const client = platform.client!;
  const instances = platform.instances.filter((entry) => entry.vnfInstanceId);
  const origin = Date.now();
  const devicePrefix = `burst-${origin.toString(36)}-`;
  const startLevels = await scaleLevels(client, instances);
  const watch = new BacklogWatch(`${platform.monitorUrl!}/metrics`, instances);
  watch.start();
  const settled = async (): Promise<boolean> => {
    const events = await fetchScaleEvents(client, instances, origin);
    if (!events.some((event) => event.automatic && event.type === "SCALE_OUT" && event.state === "COMPLETED"))
      return false;
    if (!events.some((event) => event.automatic && event.type === "SCALE_IN" && event.state === "COMPLETED"))
      return false;
    if (events.some((event) => !event.endTime)) return false;
    const levels = await scaleLevels(client, instances);
    return [...startLevels].every(([aspect, level]) => levels.get(aspect) === level);
  };
  const store = await StoredMeasurements.open({
    sharedDataDir: sharedDataDir(platform.options.home),
    tenant: DEMO_TENANT,
    devicePrefix,
    logger: platform.options.logger,
  });
  try {
    // The meters run in their own process: this one hosts the VNFM, the agent and the broker.
    const load = await runBurstLoadInChild({
      mqttUrl: platform.mqttUrl,
      apiKey: platform.credentials.deviceApiKey,
      httpBaseUrl: () => gatewayUrl(platform),
      meters: options.meters,
      httpShare: options.httpShare,
      devicePrefix,
      steady: { seconds: options.steadySeconds, rate: options.steadyRate },
      burst: {
        seconds: options.burstSeconds,
        rate: options.burstRate,
        stormReadings: options.stormReadings,
        connections: options.stormConnections,
      },
      quiet: {
        seconds: options.quietSeconds,
        rate: options.quietRate,
        endWhen: () => settled().catch(() => false),
      },
      signal,
      onPhase: (name, at) =>
        progress.line(
          `  ▸ t+${((at - origin) / 1000).toFixed(1)} s  scenario phase: ${PHASE_TITLES[name] ?? name}`,
        ),
    });
    const { accepted } = load.ledger.counts();
    await progress.step("Wait for accepted readings to be stored", async (note) => {
      const expected = accepted * 5;
      const deadline = Date.now() + options.drainSeconds * 1000;
      let count = await store.count();
      while (count < expected && Date.now() < deadline && !signal.aborted) {
        note(`${Math.floor(count / 5)}/${accepted} readings stored`);
        await new Promise((done) => setTimeout(done, 1000));
        count = await store.count();
      }
      note(`${Math.floor(count / 5)}/${accepted} readings stored`);
    });
    watch.stop();
    const report = await progress.step("Read the VNFM's scale events and the store", async (note) => {
      const scaleEvents = await fetchScaleEvents(client, instances, origin);
      const stored = await store.rows();
      note(`${scaleEvents.length} scale event(s), ${stored.length} stored measurement(s)`);
      return computeBurstReport({
        sent: load.ledger.all(),
        stored,
        scaleEvents,
        backlogPeaks: watch.result().peaks,
      });
    });
    return { report, phases: load.phases, origin };
  } finally {
    watch.stop();
    await store.close();
  }
}

const PHASE_TITLES: Record<string, string> = {
  steady: "steady load",
  burst: "burst (reconnection storm, then a high rate)",
  quiet: "quiet (until the platform has scaled back in)",
};

/** A field-gateway VNFC's HTTP binding, picked at random among the current VNFCs. */
async function gatewayUrl(platform: Platform): Promise<string | undefined> {
  const { body } = await platform.client!.request<VnfInstance[]>(
    "lcm",
    "GET",
    "/vnflcm/v2/vnf_instances?all_fields",
  );
  const ports = (
    body.find((instance) => instance.vnfInstanceName === "field-gateway")?.instantiatedVnfInfo
      ?.vnfcResourceInfo ?? []
  )
    .map((vnfc) => vnfc.metadata?.port)
    .filter((port): port is number => typeof port === "number");
  if (ports.length === 0) return undefined;
  return `http://127.0.0.1:${ports[Math.floor(Math.random() * ports.length)]}`;
}
