import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import type { Delivery, Json } from "../../../vnfs/runtime-kit/bus/message-bus.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { BatchPublisher } from "../../../vnfs/field-gateway/ingest/batch-publisher.js";
import { IngestError } from "../../../vnfs/field-gateway/ingest/ingest-errors.js";
import { waitFor } from "./gateway-fixture.js";

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

describe("batch publisher", () => {
  it("publishes in order, and a message the bus refuses fails alone without holding up its batch", async () => {
    const received: number[] = [];
    const consumer = await bus.consume(
      { name: "batch.q", exchange: "batch.x", bindings: ["#"] },
      async (delivery: Delivery<Json>) => {
        received.push((delivery.body as { n: number }).n);
      },
      { prefetch: 1 },
    );
    const publisher = new BatchPublisher({
      bus,
      exchange: "batch.x",
      logger,
      batchSize: 10,
      lingerMs: 5,
      maxInFlight: 100,
    });
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
