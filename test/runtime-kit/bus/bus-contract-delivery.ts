import { expect, it } from "vitest";
import type { Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { Inbox, eventually, sleep } from "./bus-test-kit.js";
import type { ContractContext } from "./bus-contract.js";

/** Contract cases: publishing, routing and load sharing (see bus-contract.ts). */
export function deliveryCases(t: ContractContext): void {
  const { open, setup, queueSpec, numbered } = t;
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
    await expect(bus.publish(`contract.${t.run}.missing`, { routingKey: "a", body: 1 })).rejects.toThrow(
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
}
