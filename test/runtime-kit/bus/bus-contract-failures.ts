import { expect, it } from "vitest";
import { PoisonMessageError } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { Inbox, eventually, sleep } from "./bus-test-kit.js";
import type { ContractContext } from "./bus-contract.js";

/** Contract cases: consumers that die or fail (see bus-contract.ts). */
export function failureCases(t: ContractContext): void {
  const { open, setup, dlqSpec, numbered, spawn } = t;
  it("redelivers, marked redelivered with deliveryCount 2, what a killed consumer process held", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus);
    const child = spawn(spec, "hold", 5);
    await child.ready;
    await bus.publishBatch(exchange, numbered(5));
    await eventually(() => expect(child.deliveries).toHaveLength(5), 15_000);
    expect(child.deliveries.every((d) => d.deliveryCount === 1)).toBe(true);
    await child.kill();
    const inbox = new Inbox();
    await bus.consume(spec, inbox.handler, { prefetch: 10 });
    await eventually(() => expect(inbox.deliveries).toHaveLength(5), 15_000);
    expect(inbox.ids().sort()).toEqual(numbered(5).map((m) => m.messageId));
    for (const d of inbox.deliveries) {
      // A redelivery still shows where the publisher sent the message.
      expect(d).toMatchObject({ redelivered: true, deliveryCount: 2, exchange, routingKey: "meter.reading" });
    }
  });

  it("dead-letters a message whose every delivery kills its consumer, after maxDeliveries", async () => {
    const bus = await open();
    const { exchange, spec } = await setup(bus, { maxDeliveries: 2 });
    await bus.publish(exchange, { routingKey: "r", messageId: "killer", body: { crash: true } });
    for (const expected of [1, 2]) {
      const child = spawn(spec, "hold", 1);
      await child.ready;
      await eventually(
        () => expect(child.deliveries.map((d) => d.deliveryCount)).toEqual([expected]),
        15_000,
      );
      await child.kill();
    }
    const survivor = new Inbox();
    const dead = new Inbox();
    await bus.consume(spec, survivor.handler);
    await bus.consume(dlqSpec(spec), dead.handler);
    await eventually(() => expect(dead.ids()).toEqual(["killer"]), 15_000);
    expect(dead.deliveries[0]!.headers["x-dead-letter-reason"]).toBe("max-deliveries");
    expect(survivor.deliveries).toHaveLength(0);
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
}
