import { afterEach, describe, expect, it } from "vitest";
import { checkServices, serviceAddresses } from "../support/services.js";
import { readMetric, stopIvfProcess, type IvfProcess } from "./support/ivf-processes.js";
import { logLines, OrderStand, waitFor } from "./support/ordered-telemetry.js";

/**
 * Per-device order through scaling (docs/design/telemetry-path.md "Per-device order"): every
 * device sends 1, 2, 3, ... at a steady rate while real request-processor processes are scaled
 * 1 -> 3 -> 1 (graceful SIGTERM) or one owner is killed (SIGKILL). Every device's stored events
 * must arrive in sequence order without gaps, and storage must hold each reading exactly once.
 */
const DEVICES = 40;
const ROUNDS_PER_SECOND = 15;
const TAIL_ROUNDS = 30;
const rabbit = await checkServices("rabbitmq");
const buses = [
  { name: "embedded bus", amqpUrl: undefined },
  ...(rabbit ? [{ name: "RabbitMQ", amqpUrl: serviceAddresses.rabbitmq.url }] : []),
];

function assertOrderedAndComplete(stand: OrderStand, stored: Map<string, number[]>): void {
  const expected = Array.from({ length: stand.rounds }, (_, index) => index + 1);
  for (const deviceId of stand.deviceIds) {
    expect(stand.eventSequences.get(deviceId), `events of ${deviceId}`).toEqual(expected);
    const values = [...(stored.get(deviceId) ?? [])].sort((a, b) => a - b);
    expect(values, `stored readings of ${deviceId}`).toEqual(expected);
  }
}

function takenAfterReady(ivf: IvfProcess): number | undefined {
  const ready = logLines(ivf, '"listening"')[0]?.time;
  const taken = logLines(ivf, "telemetry partition taken")[0]?.time;
  return typeof ready === "string" && typeof taken === "string"
    ? Date.parse(taken) - Date.parse(ready)
    : undefined;
}

function keepLogsOnFailure(stand: OrderStand): string {
  return stand.processes.map((ivf) => `--- ${ivf.instance}\n${ivf.logs.slice(-15).join("\n")}`).join("\n");
}

describe.each(buses)("per-device order through scaling ($name)", ({ amqpUrl }) => {
  let stand: OrderStand;

  afterEach(async () => {
    await Promise.all(stand.processes.map((ivf) => stopIvfProcess(ivf, 20_000)));
    await stand.close();
  }, 60_000);

  it("keeps every device's events in order with no gaps while request-processors scale 1 -> 3 -> 1", async () => {
    stand = new OrderStand({ devices: DEVICES, ...(amqpUrl ? { amqpUrl } : {}) });
    await stand.open();
    const first = await stand.startProcessor("rp1");
    let publishing = true;
    const publisher = stand.publishWhile(() => publishing, ROUNDS_PER_SECOND);
    try {
      await waitFor(() => stand.rounds >= 20, 30_000, "first rounds published");
      const [second, third] = await Promise.all([stand.startProcessor("rp2"), stand.startProcessor("rp3")]);
      await waitFor(
        async () =>
          (await readMetric(second, "iotvf_messages_processed_total", 'outcome="ok"')) > 0 &&
          (await readMetric(third, "iotvf_messages_processed_total", 'outcome="ok"')) > 0,
        60_000,
        "the new instances consuming",
      );
      const latencies = [takenAfterReady(second), takenAfterReady(third)];
      console.warn(`ready -> first partition consumed (ms): ${latencies.join(", ")}`);
      const roundsAtScaleIn = stand.rounds;
      await waitFor(() => stand.rounds >= roundsAtScaleIn + 20, 30_000, "rounds published at 3 instances");
      expect(await Promise.all([stopIvfProcess(second), stopIvfProcess(third)])).toEqual([0, 0]);
      const roundsAfterScaleIn = stand.rounds;
      await waitFor(() => stand.rounds >= roundsAfterScaleIn + TAIL_ROUNDS, 30_000, "tail rounds published");
    } finally {
      publishing = false;
      await publisher;
    }
    await waitFor(() => stand.eventsComplete(), 120_000, "every event").catch((error: Error) => {
      throw new Error(`${error.message}\n${keepLogsOnFailure(stand)}`);
    });
    assertOrderedAndComplete(stand, await stand.storedSequences());
    expect(await stand.deadLettered()).toBe(0);
    expect(logLines(first, "telemetry partition given back").length).toBeGreaterThan(0);
    console.warn(
      `published ${stand.published} (${stand.rounds} per device), duplicate events ${stand.duplicateEvents}`,
    );
  }, 300_000);

  it("moves a killed owner's partitions after lease expiry, in order, losing nothing", async () => {
    stand = new OrderStand({ devices: DEVICES, ...(amqpUrl ? { amqpUrl } : {}) });
    await stand.open();
    const [survivor, victim] = await Promise.all([stand.startProcessor("rp1"), stand.startProcessor("rp2")]);
    let publishing = true;
    const publisher = stand.publishWhile(() => publishing, ROUNDS_PER_SECOND);
    try {
      await waitFor(
        async () => (await readMetric(victim, "iotvf_messages_processed_total", 'outcome="ok"')) >= 100,
        60_000,
        "the victim consuming",
      );
      victim.child.kill("SIGKILL");
      expect(await victim.exited).toBe("SIGKILL");
      const killedAt = Date.now();
      await waitFor(
        async () => (await stand.leaseOwners()).every((owner) => owner === survivor.instance),
        60_000,
        "the survivor owning every partition",
      );
      console.warn(
        `survivor owns every partition ${Date.now() - killedAt} ms after the kill (lease TTL 3 s)`,
      );
      const roundsAtTakeover = stand.rounds;
      await waitFor(() => stand.rounds >= roundsAtTakeover + TAIL_ROUNDS, 30_000, "tail rounds published");
    } finally {
      publishing = false;
      await publisher;
    }
    await waitFor(() => stand.eventsComplete(), 120_000, "every event").catch((error: Error) => {
      throw new Error(`${error.message}\n${keepLogsOnFailure(stand)}`);
    });
    assertOrderedAndComplete(stand, await stand.storedSequences());
    expect(await stand.deadLettered()).toBe(0);
    console.warn(
      `published ${stand.published} (${stand.rounds} per device), duplicate events ${stand.duplicateEvents}`,
    );
  }, 300_000);
});
