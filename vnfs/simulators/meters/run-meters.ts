import { InFlightWindow } from "./in-flight-window.js";
import { MeterModel, type MeterReading } from "./meter-model.js";
import type { MeterSender } from "./meter-senders.js";

export interface MeterFleetOptions {
  count: number;
  /** Readings per second across the whole fleet. */
  rate: number;
  /** Stop after this many seconds (default: run until `messages` or `signal`). */
  durationSeconds?: number;
  /** Stop after this many readings in total. */
  messages?: number;
  /** Readings awaiting acknowledgement at once (flow control: never outrun the platform). */
  maxInFlight?: number;
  devicePrefix?: string;
  /** Meter models by device id, shared with whoever acts on them (e.g. answerMeterCommands); filled here when missing. */
  models?: Map<string, MeterModel>;
  signal?: AbortSignal;
  onAcked?: (deviceId: string, reading: MeterReading) => void;
  onError?: (deviceId: string, error: unknown) => void;
}

export interface MeterFleetStats {
  sent: number;
  acked: number;
  failed: number;
  elapsedSeconds: number;
}

export function meterIds(count: number, prefix = "meter-"): string[] {
  const width = Math.max(4, String(count).length);
  return Array.from({ length: count }, (_, index) => `${prefix}${String(index + 1).padStart(width, "0")}`);
}

/**
 * Runs a fleet of meters at a steady total rate (round robin over the meters, each with its own
 * jitter-free model), with at most `maxInFlight` unacknowledged readings.
 */
export async function runMeterFleet(
  sender: MeterSender,
  options: MeterFleetOptions,
): Promise<MeterFleetStats> {
  const meters = meterIds(options.count, options.devicePrefix).map((id) => {
    const model = options.models?.get(id) ?? new MeterModel(id);
    options.models?.set(id, model);
    return model;
  });
  const maxInFlight = options.maxInFlight ?? 200;
  const stats = { sent: 0, acked: 0, failed: 0 };
  const started = Date.now();
  const deadline =
    options.durationSeconds === undefined ? Infinity : started + options.durationSeconds * 1000;
  const inFlight = new InFlightWindow(maxInFlight);
  for (let index = 0; ; index += 1) {
    if (options.signal?.aborted || Date.now() >= deadline) break;
    if (options.messages !== undefined && stats.sent >= options.messages) break;
    const due = started + (index * 1000) / options.rate;
    if (due > Date.now()) await sleep(due - Date.now());
    await inFlight.slot();
    const meter = meters[index % meters.length]!;
    const reading = meter.read(Date.now());
    stats.sent += 1;
    const pending: Promise<void> = sender.send(meter.deviceId, reading).then(
      () => {
        stats.acked += 1;
        options.onAcked?.(meter.deviceId, reading);
      },
      (error: unknown) => {
        stats.failed += 1;
        options.onError?.(meter.deviceId, error);
      },
    );
    inFlight.track(pending);
  }
  await inFlight.drain();
  return { ...stats, elapsedSeconds: (Date.now() - started) / 1000 };
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
