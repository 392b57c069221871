/**
 * The seed use case's load: a fleet of smart meters (some over MQTT QoS 1, some over HTTP) in
 * three phases: steady load, a burst, then quiet.
 * - steady: `steady.rate` readings/s round robin over the fleet, on one MQTT session;
 * - burst: a reconnection storm first (`burst.connections` MQTT sessions open at once and every
 *   meter sends `burst.stormReadings` readings in the same second, as meters do after a network
 *   outage), then `burst.rate` readings/s spread over those sessions;
 * - quiet: `quiet.rate` readings/s for at most `quiet.seconds`, or until `quiet.endWhen()` says
 *   the platform has settled (checked every second).
 * Every reading is recorded in a ReadingLedger before it is sent; one MeterModel per meter for
 * the whole run keeps timestamps strictly increasing per meter, so no two readings share an id.
 * HTTP readings refused with 503/429 or failing on the network are retried (a real meter keeps
 * its reading until the platform accepts it); MQTT retransmission is the client's (QoS 1).
 */
import { InFlightWindow } from "./in-flight-window.js";
import { MeterModel } from "./meter-model.js";
import { httpSender, mqttSender, type MeterSender } from "./meter-senders.js";
import { ReadingLedger, type SentReading, type Transport } from "./reading-ledger.js";
import { meterIds } from "./run-meters.js";

export interface BurstLoadOptions {
  mqttUrl: string;
  apiKey: string;
  topicPrefix?: string;
  /** Base URL of a field-gateway HTTP binding; asked again after a failure (VNFCs come and go). */
  httpBaseUrl?: () => Promise<string | undefined>;
  meters: number;
  /** Share of the meters (0..1) that report over HTTP; the others use MQTT. */
  httpShare: number;
  devicePrefix: string;
  steady: { seconds: number; rate: number };
  burst: { seconds: number; rate: number; stormReadings: number; connections: number };
  quiet: { seconds: number; rate: number; endWhen?: () => Promise<boolean> };
  /** Readings awaiting acknowledgement at once (default 2000). */
  maxInFlight?: number;
  /** How long an HTTP reading is retried before it is given up (default 60 s). */
  httpRetryMs?: number;
  signal?: AbortSignal;
  onPhase?: (phase: string, at: number) => void;
}

export interface PhaseTimes {
  name: string;
  startedAt: number;
  endedAt: number;
}

export interface BurstLoadResult {
  ledger: ReadingLedger;
  phases: PhaseTimes[];
}

export const METER_ATTRIBUTES = ["energy", "power", "voltage", "current", "powerFactor"];

export async function runBurstLoad(options: BurstLoadOptions): Promise<BurstLoadResult> {
  const ledger = new ReadingLedger();
  const models = meterIds(options.meters, options.devicePrefix).map((id) => new MeterModel(id));
  const httpMeters = Math.round(options.meters * Math.min(1, Math.max(0, options.httpShare)));
  const transportOf = (meter: number): Transport => (meter < httpMeters ? "http" : "mqtt");
  const maxInFlight = options.maxInFlight ?? 2000;
  const inFlight = new InFlightWindow(maxInFlight);
  const sessions: MeterSender[] = [await mqttSender(options.mqttUrl, options.apiKey, options.topicPrefix)];
  const phases: PhaseTimes[] = [];
  const http = new HttpDelivery(options);

  const dispatch = async (meter: number, phase: string, session: number): Promise<void> => {
    await inFlight.slot();
    const model = models[meter]!;
    const reading = model.read(Date.now());
    const transport = transportOf(meter);
    const entry = ledger.record({
      deviceId: model.deviceId,
      timestamp: reading.timestamp,
      transport,
      phase,
      attributes: METER_ATTRIBUTES,
    });
    const sent =
      transport === "http"
        ? http.deliver(entry, reading)
        : sessions[session % sessions.length]!.send(model.deviceId, reading).then(
            () => void ((entry.attempts = 1), (entry.accepted = true)),
            (error: unknown) => void (entry.lastError = String(error)),
          );
    inFlight.track(sent);
  };

  const paced = async (phase: string, seconds: number, rate: number, until?: () => Promise<boolean>) => {
    const started = Date.now();
    const deadline = started + seconds * 1000;
    let nextCheck = started + 1000;
    for (let index = 0; rate > 0; index += 1) {
      const due = started + (index * 1000) / rate;
      // A platform slower than the rate holds the loop back: the phase still ends on time.
      if (due >= deadline || Date.now() >= deadline || options.signal?.aborted) break;
      if (until && Date.now() >= nextCheck) {
        nextCheck = Date.now() + 1000;
        if (await until()) break;
      }
      if (due > Date.now()) await sleep(due - Date.now());
      await dispatch(index % options.meters, phase, index);
    }
    // No load at all: still wait out the phase (or until the platform has settled).
    while (rate <= 0 && Date.now() < deadline && !options.signal?.aborted) {
      if (until && (await until())) break;
      await sleep(Math.min(1000, deadline - Date.now()));
    }
  };

  const phase = async (name: string, work: () => Promise<void>): Promise<void> => {
    const startedAt = Date.now();
    options.onPhase?.(name, startedAt);
    await work();
    phases.push({ name, startedAt, endedAt: Date.now() });
  };

  try {
    await phase("steady", () => paced("steady", options.steady.seconds, options.steady.rate));
    await phase("burst", async () => {
      const { connections, stormReadings, seconds, rate } = options.burst;
      // The storm is part of the burst: the phase ends on time even if the storm is not through.
      const deadline = Date.now() + seconds * 1000;
      const storm = await Promise.all(
        Array.from({ length: Math.max(0, connections) }, () =>
          mqttSender(options.mqttUrl, options.apiKey, options.topicPrefix),
        ),
      );
      sessions.push(...storm);
      const stormGoesOn = () => Date.now() < deadline && !options.signal?.aborted;
      for (let round = 0; round < stormReadings && stormGoesOn(); round += 1)
        for (let meter = 0; meter < options.meters && stormGoesOn(); meter += 1)
          await dispatch(meter, "burst", meter);
      await paced("burst", Math.max(0, deadline - Date.now()) / 1000, rate);
    });
    await phase("quiet", () =>
      paced("quiet", options.quiet.seconds, options.quiet.rate, options.quiet.endWhen),
    );
    await inFlight.drain();
  } finally {
    await Promise.all(sessions.map((session) => session.close().catch(() => undefined)));
  }
  return { ledger, phases };
}

/** HTTP readings with retries: 503/429 and network errors are retried with back-off until a deadline. */
class HttpDelivery {
  private baseUrl: string | undefined;

  constructor(private readonly options: BurstLoadOptions) {}

  async deliver(entry: SentReading, reading: Parameters<MeterSender["send"]>[1]): Promise<void> {
    const deadline = Date.now() + (this.options.httpRetryMs ?? 60_000);
    for (let delay = 200; ; delay = Math.min(delay * 2, 2000)) {
      entry.attempts += 1;
      try {
        this.baseUrl ??= await this.options.httpBaseUrl?.();
        if (!this.baseUrl) throw new Error("no field-gateway HTTP binding is known");
        await httpSender(this.baseUrl, this.options.apiKey).send(entry.deviceId, reading);
        entry.accepted = true;
        return;
      } catch (error) {
        entry.lastError = error instanceof Error ? error.message : String(error);
        const retryable = !/^HTTP (4\d\d)/.test(entry.lastError) || /^HTTP 429/.test(entry.lastError);
        if (!/^HTTP /.test(entry.lastError)) this.baseUrl = undefined;
        if (!retryable || Date.now() + delay > deadline || this.options.signal?.aborted) return;
        await sleep(delay);
      }
    }
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
