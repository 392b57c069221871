import { expect, it } from "vitest";
import { Inbox, eventually, gate, sleep } from "./bus-test-kit.js";
import type { ContractContext } from "./bus-contract.js";

/** Contract cases: prefetch, stop, statistics and queue kinds (see bus-contract.ts). */
export function consumerCases(t: ContractContext): void {
  const { open, setup, queueSpec, numbered } = t;
  it("holds at most prefetch unacknowledged deliveries per consumer", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus);
    const release = gate();
    let running = 0;
    let peak = 0;
    let handled = 0;
    const consumer = await bus.consume(
      spec,
      async () => {
        running++;
        peak = Math.max(peak, running);
        await release.promise;
        running--;
        handled++;
      },
      { prefetch: 3 },
    );
    await bus.publishBatch(exchange, numbered(20));
    await eventually(() => expect(consumer.inFlight).toBe(3));
    await sleep(300);
    expect(peak).toBe(3);
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 17, unacked: 3, consumers: 1 }),
    );
    release.open();
    await eventually(() => expect(handled).toBe(20));
    expect(peak).toBe(3);
  });

  it("Consumer.stop waits for in-flight handlers, then hands back the unfinished ones", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus);
    const hung = gate();
    const finished: string[] = [];
    const consumer = await bus.consume(
      spec,
      async (d) => {
        if (d.messageId === "slow") await sleep(150);
        else await hung.promise;
        finished.push(d.messageId);
      },
      { prefetch: 2 },
    );
    await bus.publishBatch(exchange, [
      { routingKey: "r", messageId: "slow", body: 1 },
      { routingKey: "r", messageId: "hung", body: 2 },
    ]);
    await eventually(() => expect(consumer.inFlight).toBe(2));
    const started = Date.now();
    await consumer.stop(600);
    expect(Date.now() - started).toBeGreaterThanOrEqual(500);
    expect(finished).toEqual(["slow"]);
    hung.open(); // the late handler settles after the hand-back; that must not ack anything
    const inbox = new Inbox();
    await bus.consume(spec, inbox.handler);
    await eventually(() => expect(inbox.ids()).toEqual(["hung"]));
    expect(inbox.deliveries[0]).toMatchObject({ redelivered: true, deliveryCount: 2 });
    await sleep(300);
    expect(inbox.ids()).toEqual(["hung"]);
  });

  it("reports ready, unacknowledged and consumer counts", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus);
    await bus.publishBatch(exchange, numbered(5));
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 5, unacked: 0, consumers: 0 }),
    );
    const stats = await bus.queueStats(spec.name);
    expect(stats.oldestReadyAgeSeconds).toBeGreaterThanOrEqual(0);
    const release = gate();
    await bus.consume(spec, () => release.promise, { prefetch: 2 });
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 3, unacked: 2, consumers: 1 }),
    );
    release.open();
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 0, unacked: 0 }),
    );
    expect((await bus.queueStats(spec.name)).oldestReadyAgeSeconds).toBe(0);
    await expect(bus.queueStats(`contract.${t.run}.nope`)).rejects.toThrow(/nope/);
  });

  it("delivers every message of a 5,000-message batch exactly once", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus);
    const counts = new Map<string, number>();
    await bus.consume(
      spec,
      async (d) => {
        counts.set(d.messageId, (counts.get(d.messageId) ?? 0) + 1);
      },
      { prefetch: 200 },
    );
    await bus.publishBatch(exchange, numbered(5000));
    await eventually(() => expect(counts.size).toBe(5000), 30_000);
    await sleep(300);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 0, unacked: 0 }),
    );
  });

  it("with a single active consumer, only one consumer receives, and a standby takes over in order", async () => {
    const [busA, busB] = [await open(), await open()];
    const { exchange, spec } = await setup(busA, { singleActiveConsumer: true });
    const [a, b] = [new Inbox(), new Inbox()];
    const consumerA = await busA.consume(spec, a.handler, { prefetch: 1 });
    await sleep(50);
    await busB.consume(spec, b.handler, { prefetch: 1 });
    await busA.publishBatch(exchange, numbered(50, "first"));
    await eventually(() => expect(a.deliveries).toHaveLength(50));
    expect(b.deliveries).toHaveLength(0);
    await consumerA.stop();
    await busA.publishBatch(exchange, numbered(50, "second"));
    await eventually(() => expect(b.deliveries).toHaveLength(50), 15_000);
    expect(b.ids()).toEqual(numbered(50, "second").map((m) => m.messageId));
    expect(a.deliveries).toHaveLength(50);
  });

  it("removes an autoDelete queue when its last consumer stops", async () => {
    const bus = await open();
    const { exchange } = await setup(bus);
    const spec = queueSpec(exchange, ["#"], { autoDelete: true });
    const c1 = await bus.consume(spec, async () => undefined);
    const c2 = await bus.consume(spec, async () => undefined);
    await c1.stop();
    expect((await bus.queueStats(spec.name)).consumers).toBe(1);
    await c2.stop();
    await eventually(() => expect(bus.queueStats(spec.name)).rejects.toThrow(/not|NOT_FOUND|declared/));
  });
}
