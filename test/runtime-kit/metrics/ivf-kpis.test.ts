import { describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { Readiness } from "../../../vnfs/runtime-kit/http/readiness.js";
import type { MessageBus, QueueStats } from "../../../vnfs/runtime-kit/bus/message-bus.js";

function busWithStats(stats: Record<string, QueueStats>): MessageBus {
  // Only queueStats is consulted by the KPI gauges.
  return { queueStats: async (queue: string) => stats[queue]! } as unknown as MessageBus;
}

describe("standard IVF KPIs", () => {
  it("exposes counters and histograms with bounded labels and base units", async () => {
    const registry = new Registry();
    const kpis = new IvfKpis({ registry, capacityPerSecond: 100 });
    kpis.received.inc({ protocol: "mqtt" }, 3);
    kpis.recordProcessed("ok", 0.004, 2);
    kpis.dropped.inc({ reason: "malformed" });
    const text = await registry.metrics();
    expect(text).toMatch(/iotvf_messages_received_total\{protocol="mqtt"\} 3/);
    expect(text).toMatch(/iotvf_messages_processed_total\{outcome="ok"\} 2/);
    expect(text).toMatch(/iotvf_dropped_messages_total\{reason="malformed"\} 1/);
    expect(text).toMatch(/iotvf_processing_duration_seconds_bucket\{le="0.005"\} 1/);
  });

  it("sums backlog and takes the oldest age over watched queues", async () => {
    const registry = new Registry();
    const kpis = new IvfKpis({ registry, capacityPerSecond: 100 });
    const bus = busWithStats({
      a: { ready: 10, unacked: 5, oldestReadyAgeSeconds: 1.5, consumers: 1 },
      b: { ready: 2, unacked: 0, oldestReadyAgeSeconds: 4, consumers: 1 },
    });
    kpis.watchQueue(bus, "a");
    kpis.watchQueue(bus, "b");
    const text = await registry.metrics();
    expect(text).toMatch(/^iotvf_backlog_messages 17$/m);
    expect(text).toMatch(/^iotvf_oldest_message_age_seconds 4$/m);
  });

  it("counts a queue of envelopes in the device messages they carry, at the consumer's observed mean size", async () => {
    const registry = new Registry();
    const kpis = new IvfKpis({ registry, capacityPerSecond: 100 });
    const bus = busWithStats({
      envelopes: { ready: 8, unacked: 4, oldestReadyAgeSeconds: 0, consumers: 1 },
      singles: { ready: 3, unacked: 0, oldestReadyAgeSeconds: 0, consumers: 1 },
    });
    let meanSize = 1;
    kpis.watchQueue(bus, "envelopes", () => meanSize);
    kpis.watchQueue(bus, "singles");
    expect(await registry.metrics()).toMatch(/^iotvf_backlog_messages 15$/m);
    meanSize = 21; // the consumer now sees envelopes of 21 primitives on average
    expect(await registry.metrics()).toMatch(/^iotvf_backlog_messages 255$/m);
  });

  it("computes utilisation as processed rate over calibrated capacity", () => {
    const kpis = new IvfKpis({ registry: new Registry(), capacityPerSecond: 100 });
    expect(kpis.utilisation(10_000, 1_000_000)).toBe(0);
    kpis.recordProcessed("ok", 0.001, 500);
    expect(kpis.utilisation(10_000, 1_010_000)).toBeCloseTo(0.5, 5);
  });

  it("mirrors readiness as a 0/1 gauge", async () => {
    const registry = new Registry();
    const kpis = new IvfKpis({ registry, capacityPerSecond: 1 });
    const readiness = new Readiness();
    let up = true;
    readiness.add("bus", () => up);
    kpis.watchReadiness(readiness);
    expect(await registry.metrics()).toMatch(/^iotvf_instance_ready 1$/m);
    up = false;
    expect(await registry.metrics()).toMatch(/^iotvf_instance_ready 0$/m);
  });
});
