import { randomUUID } from "node:crypto";
import { pino } from "pino";
import { afterAll, afterEach, beforeAll, describe } from "vitest";
import type { Json, MessageBus, QueueSpec } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { consumerCases } from "./bus-contract-consumers.js";
import { deliveryCases } from "./bus-contract-delivery.js";
import { failureCases } from "./bus-contract-failures.js";
import { startChildConsumer, type ChildConsumer } from "./bus-test-kit.js";

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

/** What each group of contract cases gets: fresh names, buses and child processes, all cleaned up. */
export interface ContractContext {
  run: string;
  open(): Promise<MessageBus>;
  /** A fresh exchange and a queue spec bound to it with `#` (both declared). */
  setup(bus: MessageBus, extra?: Partial<QueueSpec>): Promise<{ exchange: string; spec: QueueSpec }>;
  /** A fresh queue spec on an existing exchange (not declared). */
  queueSpec(exchange: string, bindings: string[], extra?: Partial<QueueSpec>): QueueSpec;
  dlqSpec(spec: QueueSpec): QueueSpec;
  numbered(count: number, prefix?: string): { routingKey: string; messageId: string; body: Json }[];
  /** A consumer of `spec` in another OS process. */
  spawn(spec: QueueSpec, mode: "hold" | "ack", prefetch: number): ChildConsumer;
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

    const queueSpec = (exchange: string, bindings: string[], extra: Partial<QueueSpec> = {}): QueueSpec => {
      counter++;
      const spec = { name: `contract.${run}.q${counter}`, exchange, bindings, ...extra };
      declared.queues.push(spec.name, `${spec.name}.dlq`);
      return spec;
    };

    const context: ContractContext = {
      run,
      async open() {
        const bus = await fixture.open(`test-${opened.length}`);
        opened.push(bus);
        return bus;
      },
      async setup(bus, extra = {}) {
        const exchange = `contract.${run}.x${++counter}`;
        declared.exchanges.push(exchange);
        const spec = queueSpec(exchange, ["#"], extra);
        await bus.declareExchange(exchange);
        await bus.declareQueue(spec);
        return { exchange, spec };
      },
      queueSpec,
      dlqSpec: (spec) => ({ name: `${spec.name}.dlq`, exchange: spec.exchange, bindings: [] }),
      numbered: (count, prefix = "m") =>
        Array.from({ length: count }, (_, i) => ({
          routingKey: "meter.reading",
          messageId: `${prefix}-${i}`,
          body: { i },
        })),
      spawn(spec, mode, prefetch) {
        const child = startChildConsumer(fixture.child, spec, mode, prefetch);
        children.push(child);
        return child;
      },
    };

    deliveryCases(context);
    failureCases(context);
    consumerCases(context);
  });
}
