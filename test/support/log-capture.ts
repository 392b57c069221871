import { Writable } from "node:stream";
import { createLogger, type Logger } from "../../vnfs/runtime-kit/logging/logger.js";

/** A real product logger whose JSON lines are kept, parsed, for assertions. */
export function captureLogs(
  ivf = "test",
  level: "info" | "debug" = "info",
): {
  logger: Logger;
  lines: Record<string, unknown>[];
} {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n").filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger({ ivf, instanceId: `${ivf}-capture`, level }, sink), lines };
}
