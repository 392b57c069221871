import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { CommandCollections } from "../records/command-records.js";
import { applyTransition } from "./command-lifecycle.js";
import type { DeviceManagerKpis } from "../kpis.js";

const BATCH = 500;

/**
 * Marks pending and delivered commands whose expiresAt has passed as expired. Several instances
 * may sweep at once: the transition is checked and written with optimistic concurrency, so a
 * command expires once, and an `executed` that wins the race stays executed.
 */
export async function sweepExpired(
  collections: CommandCollections,
  kpis: DeviceManagerKpis,
  now = new Date(),
): Promise<number> {
  const at = now.toISOString();
  let expired = 0;
  for (const state of ["pending", "delivered"] as const) {
    for (;;) {
      const due = await collections.commands.find({
        where: { state, expiresAt: { lt: at } },
        orderBy: [{ field: "expiresAt" }],
        limit: BATCH,
      });
      for (const record of due) {
        const outcome = await applyTransition(collections.commands, record.id, {
          to: "expired",
          at,
          statusCode: "Timeout",
          detail: `not executed before ${record.expiresAt}`,
        });
        if (outcome === "applied") expired++;
      }
      if (due.length < BATCH) break;
    }
  }
  if (expired > 0) kpis.commands.inc({ state: "expired" }, expired);
  return expired;
}

export function startExpirySweeper(
  collections: CommandCollections,
  kpis: DeviceManagerKpis,
  intervalMs: number,
  logger: Logger,
): () => Promise<void> {
  let running: Promise<unknown> | undefined;
  const timer = setInterval(() => {
    if (running) return; // a slow sweep is not overlapped by the next one
    running = sweepExpired(collections, kpis)
      .catch((error: unknown) => logger.error({ err: error }, "command expiry sweep failed"))
      .finally(() => (running = undefined));
  }, intervalMs);
  timer.unref();
  return async () => {
    clearInterval(timer);
    await running;
  };
}
