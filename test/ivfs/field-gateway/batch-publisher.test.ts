import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import type { Delivery, Json, MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import {
  BatchPublisher,
  type BatchPublisherOptions,
} from "../../../vnfs/field-gateway/ingest/batch-publisher.js";
import { IngestError } from "../../../vnfs/field-gateway/ingest/ingest-errors.js";
import { waitFor } from "./gateway-fixture.js";
import { packTelemetry, primitivesOf } from "../../../vnfs/runtime-kit/primitives/telemetry-envelope.js";

const logger = createLogger({ ivf: "test", instanceId: "t", level: "silent" });
let dir: string;
let bus: EmbeddedBus;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "ivf-fg-batch-"));
  bus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  await bus.declareExchange("batch.x");
});
afterAll(async () => {
  await bus?.close();
  rmSync(dir, { recursive: true, force: true });
});

function publisherOn(target: MessageBus, extra: Partial<BatchPublisherOptions> = {}): BatchPublisher {
  return new BatchPublisher({
    bus: target,
    exchange: "batch.x",
    logger,
    batchSize: 10,
    lingerMs: 5,
    maxInFlight: 100,
    ...extra,
  });
}

describe("batch publisher", () => {
  it("packs a batch into envelopes, and sends each message alone when an envelope grows beyond the bus's limit", async () => {
    const received: Json[] = [];
    const consumer = await bus.consume(
      { name: "batch.env", exchange: "batch.x", bindings: ["telemetry.#"] },
      async (delivery: Delivery<Json>) => {
        received.push(...primitivesOf(delivery));
      },
      { prefetch: 1 },
    );
    const spy = { messages: 0 };
    const publishBatch = bus.publishBatch.bind(bus);
    const counting = Object.create(bus) as typeof bus;
    counting.publishBatch = async (exchange, messages) => {
      spy.messages += messages.length;
      return publishBatch(exchange, messages);
    };
    const publisher = publisherOn(counting, { pack: packTelemetry });
    const small = (n: number) => ({ routingKey: "telemetry.acme.d1.0", messageId: `s${n}`, body: { n } });
    await Promise.all([1, 2, 3].map((n) => publisher.publish(small(n))));
    expect(spy.messages).toBe(1); // three primitives, one envelope
    // Two primitives of 2.5 MB each: their envelope would exceed the 4 MiB body limit.
    const big = (n: number) => ({ ...small(n), body: { n, blob: "x".repeat(2.5 * 1024 * 1024) } });
    await Promise.all([4, 5].map((n) => publisher.publish(big(n))));
    await waitFor(() => received.length === 5);
    expect(received.map((body) => (body as { n: number }).n)).toEqual([1, 2, 3, 4, 5]);
    expect(spy.messages).toBe(1 + 1 + 2); // the refused envelope, then each big primitive alone
    await consumer.stop();
    await publisher.close();
  });

  it("publishes in order, and a message the bus refuses fails alone without holding up its batch", async () => {
    const received: number[] = [];
    const consumer = await bus.consume(
      { name: "batch.q", exchange: "batch.x", bindings: ["#"] },
      async (delivery: Delivery<Json>) => {
        received.push((delivery.body as { n: number }).n);
      },
      { prefetch: 1 },
    );
    const publisher = publisherOn(bus);
    const results = await Promise.allSettled([
      publisher.publish({ routingKey: "a", body: { n: 1 } }),
      publisher.publish({ routingKey: "a", body: { n: 2, blob: "x".repeat(5 * 1024 * 1024) } }),
      publisher.publish({ routingKey: "a", body: { n: 3 } }),
    ]);
    expect(results.map((result) => result.status)).toEqual(["fulfilled", "rejected", "fulfilled"]);
    const refusal = (results[1] as PromiseRejectedResult).reason as IngestError;
    expect(refusal).toBeInstanceOf(IngestError);
    expect(refusal.code).toBe("INVALID_PAYLOAD");
    await waitFor(() => received.length === 2);
    expect(received).toEqual([1, 3]);
    expect(publisher.inFlight).toBe(0);
    await consumer.stop();
    await publisher.close();
    await expect(publisher.publish({ routingKey: "a", body: {} })).rejects.toMatchObject({
      code: "BUS_UNAVAILABLE",
    });
  });
});
