import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import {
  PoisonMessageError,
  type Delivery,
  type Json,
  type MessageBus,
  type QueueSpec,
} from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { Inbox, eventually, gate, sleep, startChildConsumer, type ChildConsumer } from "./bus-test-kit.js";

/** How a consumer in another OS process opens the same bus. */
export type ChildBusConfig =
  | { adapter: "amqp"; url: string }
  | {
      adapter: "embedded";
      path: string;
      options: { heartbeatMs: number; staleConsumerMs: number; idlePollMs: number };
    };

export interface BusFixture {
  /** Opens an independent bus client (its own connection), as another process would. */
  open(instanceId: string): Promise<MessageBus>;
  child: ChildBusConfig;
  /** Deletes what a test declared (a broker outlives the test run). */
  remove(names: { exchanges: string[]; queues: string[] }): Promise<void>;
  dispose?(): Promise<void>;
}

export const quietLogger = pino({ level: "silent" });

/**
 * The behaviour every adapter of the bus port must show (message-bus.ts). Each case uses its
 * own exchange and queue names and removes them afterwards.
 */
export function busContract(name: string, factory: () => Promise<BusFixture>): void {
  describe(`message bus contract: ${name}`, () => {
    let fixture: BusFixture;
    const opened: MessageBus[] = [];
    const children: ChildConsumer[] = [];
    const declared = { exchanges: [] as string[], queues: [] as string[] };
    const run = randomUUID().slice(0, 8);
    let counter = 0;

    beforeAll(async () => {
      fixture = await factory();
    });
    afterEach(async () => {
      await Promise.all(children.splice(0).map((c) => c.kill()));
      await Promise.all(opened.splice(0).map((b) => b.close()));
      await fixture.remove({ exchanges: declared.exchanges.splice(0), queues: declared.queues.splice(0) });
    });
    afterAll(async () => {
      await fixture?.dispose?.();
    });

    async function open(): Promise<MessageBus> {
      const bus = await fixture.open(`test-${opened.length}`);
      opened.push(bus);
      return bus;
    }

    /** A fresh exchange and a queue spec bound to it with `#`. */
    async function setup(
      bus: MessageBus,
      extra: Partial<QueueSpec> = {},
    ): Promise<{ exchange: string; spec: QueueSpec }> {
      counter++;
      const exchange = `contract.${run}.x${counter}`;
      const spec: QueueSpec = { name: `contract.${run}.q${counter}`, exchange, bindings: ["#"], ...extra };
      declared.exchanges.push(exchange);
      declared.queues.push(spec.name, `${spec.name}.dlq`);
      await bus.declareExchange(exchange);
      await bus.declareQueue(spec);
      return { exchange, spec };
    }

    function queueSpec(exchange: string, bindings: string[], extra: Partial<QueueSpec> = {}): QueueSpec {
      counter++;
      const spec = { name: `contract.${run}.q${counter}`, exchange, bindings, ...extra };
      declared.queues.push(spec.name, `${spec.name}.dlq`);
      return spec;
    }

    function dlqSpec(spec: QueueSpec): QueueSpec {
      return { name: `${spec.name}.dlq`, exchange: spec.exchange, bindings: [] };
    }

    function numbered(count: number, prefix = "m"): { routingKey: string; messageId: string; body: Json }[] {
      return Array.from({ length: count }, (_, i) => ({
        routingKey: "meter.reading",
        messageId: `${prefix}-${i}`,
        body: { i },
      }));
    }

    it("delivers a published message with its body, headers, message id and publish time", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus);
      const inbox = new Inbox();
      await bus.consume(spec, inbox.handler);
      const before = Date.now();
      await bus.publish(exchange, {
        routingKey: "meter.reading",
        messageId: "reading-1",
        headers: { tenant: "acme", "content-kind": "telemetry" },
        body: { deviceId: "m-1", values: [1.5, null, true], unit: "kWh" },
      });
      await eventually(() => expect(inbox.deliveries).toHaveLength(1));
      const d = inbox.deliveries[0]!;
      expect(d).toMatchObject({
        messageId: "reading-1",
        exchange,
        routingKey: "meter.reading",
        headers: { tenant: "acme", "content-kind": "telemetry" },
        body: { deviceId: "m-1", values: [1.5, null, true], unit: "kWh" },
        redelivered: false,
        deliveryCount: 1,
      });
      expect(Object.keys(d.headers).sort()).toEqual(["content-kind", "tenant"]);
      expect(d.publishedAt).toBeGreaterThanOrEqual(before - 1000);
      expect(d.publishedAt).toBeLessThanOrEqual(Date.now() + 1000);
    });

    it("generates a message id when the publisher gives none", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus);
      const inbox = new Inbox();
      await bus.consume(spec, inbox.handler);
      await bus.publishBatch(exchange, [
        { routingKey: "a", body: 1 },
        { routingKey: "a", body: 2 },
      ]);
      await eventually(() => expect(inbox.deliveries).toHaveLength(2));
      const [first, second] = inbox.ids();
      expect(first).toMatch(/\S{8,}/);
      expect(first).not.toBe(second);
    });

    it("refuses a publish to an undeclared exchange and a header with the reserved prefix", async () => {
      const bus = await open();
      const { exchange } = await setup(bus);
      await expect(bus.publish(`contract.${run}.missing`, { routingKey: "a", body: 1 })).rejects.toThrow(
        /missing/,
      );
      await expect(
        bus.publish(exchange, { routingKey: "a", body: 1, headers: { "x-ivf-delivery-count": "9" } }),
      ).rejects.toThrow(/reserved/);
      await expect(bus.publish(exchange, { routingKey: "a.*", body: 1 })).rejects.toThrow(/routing key/);
      // The bus still works after refusing bad input.
      await bus.publish(exchange, { routingKey: "a", body: 1 });
    });

    it("keeps publish order for one publisher, one queue, one consumer with prefetch 1", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus);
      for (const m of numbered(100, "single")) await bus.publish(exchange, m);
      await bus.publishBatch(exchange, numbered(400, "batch"));
      const inbox = new Inbox();
      await bus.consume(spec, inbox.handler, { prefetch: 1 });
      await eventually(() => expect(inbox.deliveries).toHaveLength(500), 20_000);
      expect(inbox.ids()).toEqual(
        [...numbered(100, "single"), ...numbered(400, "batch")].map((m) => m.messageId),
      );
    });

    it("fans out: every bound queue gets its own copy of each matching message", async () => {
      const bus = await open();
      const { exchange, spec: all } = await setup(bus);
      const oneWord = queueSpec(exchange, ["meter.*.reading"]);
      const deep = queueSpec(exchange, ["meter.#"]);
      const other = queueSpec(exchange, ["valve.*"]);
      const inboxes = [new Inbox(), new Inbox(), new Inbox(), new Inbox()] as const;
      await bus.consume(all, inboxes[0].handler);
      await bus.consume(oneWord, inboxes[1].handler);
      await bus.consume(deep, inboxes[2].handler);
      await bus.consume(other, inboxes[3].handler);
      await bus.publishBatch(exchange, [
        { routingKey: "meter.m1.reading", messageId: "a", body: 1 },
        { routingKey: "meter.m1.status.battery", messageId: "b", body: 2 },
        { routingKey: "meter", messageId: "c", body: 3 },
        { routingKey: "gateway.up", messageId: "d", body: 4 },
      ]);
      await eventually(() => {
        expect(inboxes[0].ids().sort()).toEqual(["a", "b", "c", "d"]);
        expect(inboxes[1].ids()).toEqual(["a"]);
        expect(inboxes[2].ids().sort()).toEqual(["a", "b", "c"]);
      });
      await sleep(200);
      expect(inboxes[3].ids()).toEqual([]);
      expect(inboxes[1].deliveries).toHaveLength(1);
    });

    it("shares a queue's load between competing consumers, each message once", async () => {
      const [busA, busB] = [await open(), await open()];
      const { exchange, spec } = await setup(busA);
      const seen = { a: [] as string[], b: [] as string[] };
      const slow = (into: string[]) => async (d: Delivery<Json>) => {
        into.push(d.messageId);
        await sleep(2);
      };
      await busA.consume(spec, slow(seen.a), { prefetch: 5 });
      await busB.consume(spec, slow(seen.b), { prefetch: 5 });
      await busA.publishBatch(exchange, numbered(400));
      await eventually(() => expect(seen.a.length + seen.b.length).toBe(400), 20_000);
      expect(new Set([...seen.a, ...seen.b]).size).toBe(400);
      expect(seen.a.length).toBeGreaterThan(400 * 0.3);
      expect(seen.b.length).toBeGreaterThan(400 * 0.3);
    });

    it("redelivers, marked redelivered with deliveryCount 2, what a killed consumer process held", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus);
      const child = startChildConsumer(fixture.child, spec, "hold", 5);
      children.push(child);
      await child.ready;
      await bus.publishBatch(exchange, numbered(5));
      await eventually(() => expect(child.deliveries).toHaveLength(5), 15_000);
      expect(child.deliveries.every((d) => d.deliveryCount === 1)).toBe(true);
      await child.kill();
      const inbox = new Inbox();
      await bus.consume(spec, inbox.handler, { prefetch: 10 });
      await eventually(() => expect(inbox.deliveries).toHaveLength(5), 15_000);
      expect(inbox.ids().sort()).toEqual(numbered(5).map((m) => m.messageId));
      for (const d of inbox.deliveries) expect(d).toMatchObject({ redelivered: true, deliveryCount: 2 });
    });

    it("retries a failing message, dead-letters it after maxDeliveries, and keeps the queue moving", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus, { maxDeliveries: 3 });
      const attempts: number[] = [];
      const done: string[] = [];
      await bus.consume(
        spec,
        async (d) => {
          if (d.messageId === "bad") {
            attempts.push(d.deliveryCount);
            throw new Error("database unavailable");
          }
          done.push(d.messageId);
        },
        { prefetch: 1 },
      );
      await bus.publishBatch(exchange, [{ routingKey: "r", messageId: "bad", body: 0 }, ...numbered(5)]);
      const dead = new Inbox();
      await bus.consume(dlqSpec(spec), dead.handler);
      await eventually(() => {
        expect(done.sort()).toEqual(numbered(5).map((m) => m.messageId));
        expect(dead.ids()).toEqual(["bad"]);
      });
      expect(attempts).toEqual([1, 2, 3]);
      expect(dead.deliveries[0]!.headers).toMatchObject({
        "x-dead-letter-reason": "max-deliveries",
        "x-dead-letter-queue": spec.name,
      });
      expect(dead.deliveries[0]!.headers["x-dead-letter-error"]).toMatch(/database unavailable/);
      expect(dead.deliveries[0]!.body).toBe(0);
    });

    it("sends a message whose handler throws PoisonMessageError to the DLQ at once", async () => {
      const bus = await open();
      const { exchange, spec } = await setup(bus, { maxDeliveries: 5 });
      const attempts: number[] = [];
      await bus.consume(spec, async (d) => {
        attempts.push(d.deliveryCount);
        throw new PoisonMessageError("reading for unknown meter");
      });
      await bus.publish(exchange, {
        routingKey: "r",
        messageId: "poison",
        body: { meter: "?" },
        headers: { tenant: "t1" },
      });
      const dead = new Inbox();
      await bus.consume(dlqSpec(spec), dead.handler);
      await eventually(() => expect(dead.ids()).toEqual(["poison"]));
      await sleep(300);
      expect(attempts).toEqual([1]);
      expect(dead.deliveries[0]!.headers).toMatchObject({ tenant: "t1", "x-dead-letter-reason": "poison" });
      expect(dead.deliveries[0]!.headers["x-dead-letter-error"]).toMatch(/unknown meter/);
    });

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
      await expect(bus.queueStats(`contract.${run}.nope`)).rejects.toThrow(/nope/);
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
  });
}
