import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterAll, afterEach, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import { topicMatches } from "../../../vnfs/runtime-kit/bus/embedded/topic-pattern.js";
import type { MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { busContract, quietLogger, type ChildBusConfig } from "./bus-contract.js";
import { Inbox, eventually, sleep, startChildConsumer, type ChildConsumer } from "./bus-test-kit.js";

const dir = mkdtempSync(join(tmpdir(), "ivf-embedded-bus-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Short timings so that a killed consumer's leases come back within about a second. */
const timings = { heartbeatMs: 200, staleConsumerMs: 1000, idlePollMs: 25 };

busContract("embedded (SQLite file)", async () => {
  const path = join(dir, "contract.sqlite");
  return {
    open: (instanceId) =>
      EmbeddedBus.open({ ...timings, path, instanceId, logger: quietLogger, closeDrainMs: 200 }),
    child: { adapter: "embedded", path, options: timings },
    remove: async () => undefined,
  };
});

describe("embedded bus across processes", () => {
  const path = join(dir, "processes.sqlite");
  const child: ChildBusConfig = { adapter: "embedded", path, options: timings };
  const buses: MessageBus[] = [];
  const children: ChildConsumer[] = [];
  afterEach(async () => {
    await Promise.all(children.splice(0).map((c) => c.kill()));
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  const open = async (): Promise<EmbeddedBus> => {
    const bus = await EmbeddedBus.open({ ...timings, path, instanceId: "parent", logger: quietLogger });
    buses.push(bus);
    return bus;
  };

  it("two consumer processes share one queue and receive every message exactly once", async () => {
    const bus = await open();
    await bus.declareExchange("procs");
    const spec = { name: "procs.work", exchange: "procs", bindings: ["#"] };
    await bus.declareQueue(spec);
    for (let i = 0; i < 2; i++) children.push(startChildConsumer(child, spec, "ack", 10, 1));
    await Promise.all(children.map((c) => c.ready));
    await bus.publishBatch(
      "procs",
      Array.from({ length: 1000 }, (_, i) => ({ routingKey: "w", messageId: `w-${i}`, body: i })),
    );
    await eventually(
      () => expect(children[0]!.deliveries.length + children[1]!.deliveries.length).toBe(1000),
      20_000,
    );
    const ids = children.flatMap((c) => c.deliveries.map((d) => d.messageId));
    expect(new Set(ids).size).toBe(1000);
    expect(children[0]!.deliveries.length).toBeGreaterThan(200);
    expect(children[1]!.deliveries.length).toBeGreaterThan(200);
    await eventually(async () =>
      expect(await bus.queueStats(spec.name)).toMatchObject({ ready: 0, unacked: 0, consumers: 2 }),
    );
  });

  it("hands a killed process's leases to a live consumer within staleConsumerMs plus one heartbeat", async () => {
    const bus = await open();
    await bus.declareExchange("procs");
    const spec = { name: "procs.crash", exchange: "procs", bindings: ["#"] };
    const holder = startChildConsumer(child, spec, "hold", 3);
    children.push(holder);
    await holder.ready;
    const inbox = new Inbox();
    await bus.publishBatch(
      "procs",
      [1, 2, 3].map((i) => ({ routingKey: "w", messageId: `c-${i}`, body: i })),
    );
    await eventually(() => expect(holder.deliveries).toHaveLength(3));
    await bus.consume(spec, inbox.handler);
    await sleep(300);
    expect(inbox.deliveries).toHaveLength(0); // the holder is alive: its leases are respected
    const killedAt = Date.now();
    await holder.kill();
    await eventually(() => expect(inbox.deliveries).toHaveLength(3), 5000);
    expect(Date.now() - killedAt).toBeLessThan(timings.staleConsumerMs + 2 * timings.heartbeatMs + 500);
    expect(inbox.deliveries.map((d) => d.deliveryCount)).toEqual([2, 2, 2]);
  });
});

describe("embedded bus details", () => {
  const buses: MessageBus[] = [];
  afterEach(async () => {
    await Promise.all(buses.splice(0).map((b) => b.close()));
  });
  const open = async (name: string): Promise<EmbeddedBus> => {
    const bus = await EmbeddedBus.open({
      ...timings,
      path: join(dir, name),
      instanceId: "t",
      logger: quietLogger,
    });
    buses.push(bus);
    return bus;
  };

  it("matches topic patterns word by word", () => {
    expect(topicMatches("a.*.c", "a.b.c")).toBe(true);
    expect(topicMatches("a.*.c", "a.c")).toBe(false);
    expect(topicMatches("a.#", "a")).toBe(true);
    expect(topicMatches("a.#.z", "a.b.c.z")).toBe(true);
    expect(topicMatches("a.#.z", "a.z")).toBe(true);
    expect(topicMatches("#.z", "a.b")).toBe(false);
    expect(topicMatches("#", "")).toBe(true);
    expect(topicMatches("*", "a.b")).toBe(false);
    expect(topicMatches("a.b", "a.bb")).toBe(false);
    expect(topicMatches("#.#.b", "b")).toBe(true);
  });

  it("keeps messages across a restart of every process (the file is the bus)", async () => {
    const first = await open("restart.sqlite");
    await first.declareExchange("e");
    await first.declareQueue({ name: "q", exchange: "e", bindings: ["#"] });
    await first.publish("e", { routingKey: "k", messageId: "kept", body: { v: 1 } });
    await first.close();
    const second = await open("restart.sqlite");
    const inbox = new Inbox();
    await second.consume({ name: "q", exchange: "e", bindings: ["#"] }, inbox.handler);
    await eventually(() => expect(inbox.ids()).toEqual(["kept"]));
  });

  it("reports the age of the oldest ready message", async () => {
    const bus = await open("age.sqlite");
    await bus.declareExchange("e");
    await bus.declareQueue({ name: "q", exchange: "e", bindings: ["#"] });
    await bus.publish("e", { routingKey: "k", body: 1 });
    await sleep(400);
    expect((await bus.queueStats("q")).oldestReadyAgeSeconds).toBeGreaterThanOrEqual(0.35);
  });

  it("refuses to redeclare a queue with different flags, naming the queue", async () => {
    const bus = await open("flags.sqlite");
    await bus.declareExchange("e");
    await bus.declareQueue({ name: "q", exchange: "e", bindings: ["#"] });
    await expect(
      bus.declareQueue({ name: "q", exchange: "e", bindings: ["#"], singleActiveConsumer: true }),
    ).rejects.toThrow(/queue "q" already exists/);
    await expect(bus.declareQueue({ name: "bad name", exchange: "e", bindings: [] })).rejects.toThrow(
      /queue name/,
    );
    await expect(bus.declareQueue({ name: "q2", exchange: "nope", bindings: [] })).rejects.toThrow(
      /exchange "nope"/,
    );
  });

  it("refuses a bus file written by another schema version instead of guessing", async () => {
    const path = join(dir, "version.sqlite");
    await (await open("version.sqlite")).close();
    buses.pop();
    const db = new Database(path);
    db.prepare("UPDATE bus_meta SET value = '999' WHERE key = 'schema_version'").run();
    db.close();
    await expect(EmbeddedBus.open({ path, instanceId: "t", logger: quietLogger })).rejects.toThrow(
      /schema version 999/,
    );
  });

  it("turns a corrupt stored body into a dead letter instead of crashing the consumer", async () => {
    const path = join(dir, "corrupt.sqlite");
    const bus = await open("corrupt.sqlite");
    await bus.declareExchange("e");
    await bus.declareQueue({ name: "q", exchange: "e", bindings: ["#"] });
    await bus.publishBatch("e", [
      { routingKey: "k", messageId: "broken", body: 1 },
      { routingKey: "k", messageId: "fine", body: 2 },
    ]);
    const db = new Database(path);
    db.prepare("UPDATE messages SET body = '{not json' WHERE message_id = 'broken'").run();
    db.close();
    const inbox = new Inbox();
    const dead = new Inbox();
    await bus.consume({ name: "q", exchange: "e", bindings: ["#"] }, inbox.handler);
    await bus.consume({ name: "q.dlq", exchange: "e", bindings: [] }, dead.handler);
    await eventually(() => {
      expect(inbox.ids()).toEqual(["fine"]);
      expect(dead.ids()).toEqual(["broken"]);
    });
    expect(dead.deliveries[0]!.headers["x-dead-letter-reason"]).toBe("poison");
    expect(dead.deliveries[0]!.body).toBe("{not json");
  });
});
