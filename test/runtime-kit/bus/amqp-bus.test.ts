import type { Socket } from "node:net";
import amqp from "amqplib";
import { afterEach, expect, it } from "vitest";
import { AmqpBus } from "../../../vnfs/runtime-kit/bus/amqp/amqp-bus.js";
import type { MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { serviceAddresses, describeWithServices } from "../../support/services.js";
import { busContract, quietLogger } from "./bus-contract.js";
import { eventually } from "./bus-test-kit.js";

const url = serviceAddresses.rabbitmq.url;

/** Deletes test queues and exchanges with a plain client, ignoring those already gone. */
async function removeTopology(names: { exchanges: string[]; queues: string[] }): Promise<void> {
  if (names.exchanges.length + names.queues.length === 0) return;
  const model = await amqp.connect(url);
  try {
    for (const q of names.queues) {
      const ch = await model.createChannel();
      ch.on("error", () => undefined);
      await ch.deleteQueue(q).catch(() => undefined);
      await ch.close().catch(() => undefined);
    }
    for (const x of names.exchanges) {
      const ch = await model.createChannel();
      ch.on("error", () => undefined);
      await ch.deleteExchange(x).catch(() => undefined);
      await ch.close().catch(() => undefined);
    }
  } finally {
    await model.close();
  }
}

await describeWithServices(["rabbitmq"], "AMQP bus adapter", () => {
  busContract("amqp (RabbitMQ)", async () => ({
    open: (instanceId) => AmqpBus.connect({ url, instanceId, logger: quietLogger, closeDrainMs: 200 }),
    child: { adapter: "amqp", url },
    remove: removeTopology,
  }));

  const buses: MessageBus[] = [];
  const run = `amqp-reconnect.${Date.now().toString(36)}`;
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
    await removeTopology({ exchanges: [run], queues: [`${run}.q`, `${run}.q.dlq`] });
  });

  /** Kills the TCP connection under the bus, as a network failure or broker restart would. */
  function dropConnection(bus: AmqpBus): void {
    const model = (bus as unknown as { connection: { model: { connection: { stream: Socket } } | null } })
      .connection.model;
    if (!model) throw new Error("bus is not connected");
    model.connection.stream.destroy(new Error("simulated network failure"));
  }

  it("reconnects after the connection drops, resumes consumers and loses no confirmed message", async () => {
    const bus = await AmqpBus.connect({
      url,
      instanceId: "reconnect",
      logger: quietLogger,
      initialBackoffMs: 50,
    });
    buses.push(bus);
    await bus.declareExchange(run);
    const spec = { name: `${run}.q`, exchange: run, bindings: ["#"] };
    const seen = new Set<string>();
    await bus.consume(spec, async (d) => void seen.add(d.messageId), { prefetch: 50 });
    const batch = (from: number) =>
      Array.from({ length: 100 }, (_, i) => ({
        routingKey: "r",
        messageId: `m-${from + i}`,
        body: from + i,
      }));
    await bus.publishBatch(run, batch(0));
    dropConnection(bus);
    // Published during the outage: waits for the reconnection, resolves only once confirmed.
    await bus.publishBatch(run, batch(100));
    await eventually(() => expect(bus.isHealthy()).toBe(true));
    dropConnection(bus);
    await bus.publishBatch(run, batch(200));
    await eventually(() => expect(seen.size).toBe(300), 20_000);
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 0, consumers: 1 }),
    );
  });

  it("declares its topology again after reconnecting, even when it was deleted meanwhile", async () => {
    const bus = await AmqpBus.connect({
      url,
      instanceId: "redeclare",
      logger: quietLogger,
      initialBackoffMs: 1500,
    });
    buses.push(bus);
    await bus.declareExchange(run);
    const spec = { name: `${run}.q`, exchange: run, bindings: ["meter.#"] };
    const seen: string[] = [];
    await bus.consume(spec, async (d) => void seen.push(d.messageId));
    dropConnection(bus);
    await removeTopology({ exchanges: [run], queues: [spec.name, `${spec.name}.dlq`] });
    await bus.publish(run, { routingKey: "meter.m1", messageId: "after-restore", body: 1 });
    await eventually(() => expect(seen).toEqual(["after-restore"]));
    expect(bus.isHealthy()).toBe(true);
  });

  it("fails a publish clearly when RabbitMQ does not confirm in time, never reporting success", async () => {
    const bus = await AmqpBus.connect({
      url,
      instanceId: "outage",
      logger: quietLogger,
      publishTimeoutMs: 400,
      initialBackoffMs: 5000,
      maxBackoffMs: 5000,
    });
    buses.push(bus);
    await bus.declareExchange(run);
    // A socket that silently stops answering (no error, no FIN): only the publish deadline notices.
    const model = (bus as unknown as { connection: { model: { connection: { stream: Socket } } } }).connection
      .model;
    model.connection.stream.pause();
    model.connection.stream.write = () => true;
    const started = Date.now();
    await expect(bus.publish(run, { routingKey: "r", body: 1 })).rejects.toThrow(
      /not confirmed|did not confirm/,
    );
    expect(Date.now() - started).toBeLessThan(3000);
    dropConnection(bus);
    await expect(bus.publish(run, { routingKey: "r", body: 2 })).rejects.toThrow(/not confirmed/);
  });
});
