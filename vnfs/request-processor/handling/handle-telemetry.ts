import type { Delivery, Json } from "../../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import {
  InvalidPrimitiveError,
  parseTelemetryPrimitive,
  type TelemetryPrimitive,
} from "../../runtime-kit/primitives/request-primitive.js";
import {
  classifyTelemetryKey,
  parseTelemetryEnvelope,
  refusedItemRoutingKey,
} from "../../runtime-kit/primitives/telemetry-envelope.js";
import type { DeliverySizes } from "./delivery-sizes.js";
import { MicroBatcher, type MicroBatcherOptions } from "./micro-batcher.js";
import { SemanticError, type SemanticValidator } from "./semantic-validation.js";
import { accepted, storeBatch, type Accepted, type StorageDeps } from "./store-batch.js";

export interface TelemetryHandlerDeps extends StorageDeps {
  validator: SemanticValidator;
  logger: Logger;
  /** How primitives are grouped for storage (docs/design/telemetry-path.md "Batching"). */
  batch?: MicroBatcherOptions;
  /** Told the number of primitives of every delivery (the backlog KPI's weight). */
  sizes?: DeliverySizes;
}

export const DEFAULT_BATCH: MicroBatcherOptions = { maxSize: 1000, lingerMs: 5 };

/** Header naming why a primitive was taken out of its envelope (the single path dead-letters it). */
export const REFUSAL_HEADER = "ivf-refusal";

/**
 * Handles one delivery of the telemetry stream (TR 103 527 Figure 11 steps 2-5): a single request
 * primitive or an envelope of primitives. Each primitive gets structural and semantic validation on
 * its own and joins a storage batch (store-batch.ts). Every step is safe to repeat, so a
 * redelivery after a crash at any point stores nothing twice and still publishes the events.
 *
 * A single primitive that can never succeed throws PoisonMessageError (straight to the DLQ). In an
 * envelope, such a primitive is handed back to the bus alone under `telemetry.<tenant>.@refused.<k>`
 * (confirmed before the envelope is acknowledged); its partition consumer dead-letters it with the
 * reason, so the DLQ holds exactly the bad primitive and the others are stored.
 */
export function telemetryHandler(deps: TelemetryHandlerDeps): (delivery: Delivery) => Promise<void> {
  const batcher = new MicroBatcher<Accepted>(deps.batch ?? DEFAULT_BATCH, (items, turn) =>
    storeBatch(deps, items, turn),
  );
  const handlePrimitive = primitiveHandler(deps, batcher);
  return async (delivery) => {
    deps.kpis.inFlight.inc();
    if (delivery.redelivered) deps.kpis.redelivered.inc();
    try {
      const key = classifyTelemetryKey(delivery.routingKey);
      if (key.kind === "envelope") await handleEnvelope(deps, handlePrimitive, delivery, key);
      else if (key.kind === "refused") throw refusedAgain(delivery);
      else {
        deps.sizes?.observe(1);
        await handlePrimitive(delivery.body, delivery.routingKey);
      }
    } catch (error) {
      logFailure(deps.logger, delivery, error);
      throw error;
    } finally {
      deps.kpis.inFlight.dec();
    }
  };
}

type PrimitiveHandler = (body: unknown, routingKey: string) => Promise<void>;

/** Validation, batching and the per-primitive KPIs. */
function primitiveHandler(deps: TelemetryHandlerDeps, batcher: MicroBatcher<Accepted>): PrimitiveHandler {
  return async (body, routingKey) => {
    const started = performance.now();
    try {
      const primitive = parse(body);
      await deps.validator.check(primitive, { routingKey });
      await batcher.submit(accepted(primitive));
      deps.kpis.recordProcessed("ok", (performance.now() - started) / 1000);
      deps.kpis.endToEndLatency.observe(Math.max(0, Date.now() - Date.parse(primitive.receivedAt)) / 1000);
    } catch (error) {
      const poison = error instanceof PoisonMessageError;
      deps.kpis.recordProcessed(poison ? "rejected" : "error", (performance.now() - started) / 1000);
      if (poison) deps.kpis.dropped.inc({ reason: dropReason(error) });
      throw error;
    }
  };
}

/**
 * The primitives of an envelope, each under the routing key it would have had alone within this
 * envelope's tenant and partition (so a primitive of another tenant or partition fails the
 * validator's routing check). Started together so that per-device order is kept by the validator's
 * per-device chaining, exactly as for consecutive single deliveries.
 */
async function handleEnvelope(
  deps: TelemetryHandlerDeps,
  handlePrimitive: PrimitiveHandler,
  delivery: Delivery,
  key: { tenant: string; partition: number },
): Promise<void> {
  const envelope = parseTelemetryEnvelope(delivery.body, key);
  deps.sizes?.observe(envelope.primitives.length);
  const outcomes = await Promise.allSettled(
    envelope.primitives.map((item) => handlePrimitive(item, itemRoutingKey(envelope, item))),
  );
  const refused: { item: Json; reason: string }[] = [];
  for (const [index, outcome] of outcomes.entries()) {
    if (outcome.status === "fulfilled") continue;
    // Anything else than a refusal fails the envelope: it is redelivered whole (idempotent storage).
    if (!(outcome.reason instanceof PoisonMessageError)) throw outcome.reason;
    refused.push({ item: envelope.primitives[index]!, reason: outcome.reason.message });
  }
  if (refused.length === 0) return;
  await deps.bus.publishBatch(
    delivery.exchange,
    refused.map(({ item, reason }) => ({
      routingKey: refusedItemRoutingKey(envelope.tenant, envelope.partition),
      headers: { [REFUSAL_HEADER]: reason.slice(0, 1024), "ivf-envelope": delivery.messageId },
      body: item,
    })),
  );
}

function itemRoutingKey(envelope: { tenant: string; partition: number }, item: Json): string {
  const deviceId = (item as { deviceId?: unknown } | null)?.deviceId;
  const word = typeof deviceId === "string" ? deviceId : "?";
  return `telemetry.${envelope.tenant}.${word}.${envelope.partition}`;
}

/**
 * A primitive handed back from an envelope: dead-lettered with the reason its envelope gave. Its
 * refusal was counted (processed "rejected", dropped) when the envelope was handled, not again here.
 */
function refusedAgain(delivery: Delivery): PoisonMessageError {
  const reason = delivery.headers[REFUSAL_HEADER] ?? "no reason given";
  return new PoisonMessageError(`refused in envelope ${delivery.headers["ivf-envelope"] ?? "?"}: ${reason}`);
}

function dropReason(error: unknown): string {
  return error instanceof SemanticError && error.code === "UNKNOWN_DEVICE" ? "unknown_device" : "invalid";
}

function logFailure(logger: Logger, delivery: Delivery, error: unknown): void {
  const poison = error instanceof PoisonMessageError;
  logger.warn(
    {
      messageId: delivery.messageId,
      routingKey: delivery.routingKey,
      deliveryCount: delivery.deliveryCount,
      err: error,
    },
    poison ? "primitive refused; dead-lettered" : "primitive failed; will be redelivered",
  );
}

function parse(body: unknown): TelemetryPrimitive {
  try {
    return parseTelemetryPrimitive(body);
  } catch (error) {
    if (error instanceof InvalidPrimitiveError) throw new PoisonMessageError(error.message, { cause: error });
    throw error;
  }
}
