import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { startIvf, type RunningIvf } from "../../../vnfs/runtime-kit/ivf-process.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import type { MessageBus } from "../../../vnfs/runtime-kit/bus/message-bus.js";

/** Queue statistics the test sets; the IVF's KPIs report them as a real work queue would. */
export interface QueueState {
  ready: number;
  unacked: number;
  oldestReadyAgeSeconds: number;
  healthy: boolean;
}

/**
 * A real IVF process (runtime kit startIvf, no bus, no store) exposing the standard KPIs on
 * /metrics and readiness on /readyz. Its work-queue statistics come from `queue`, which the test
 * changes to play steady load, a burst or a dependency outage.
 */
export async function startTestIvf(name = "request-processor"): Promise<{
  running: RunningIvf<Record<string, never>>;
  queue: QueueState;
  kpis: IvfKpis;
  port: number;
  stop(): Promise<void>;
}> {
  const dataDir = mkdtempSync(join(tmpdir(), "ivf-monitor-ivf-"));
  const queue: QueueState = { ready: 0, unacked: 0, oldestReadyAgeSeconds: 0, healthy: true };
  let kpis!: IvfKpis;
  const running = await startIvf(
    {
      name,
      settings: {},
      uses: { bus: false, store: false },
      async start(context) {
        kpis = new IvfKpis({ registry: context.metrics, capacityPerSecond: 100 });
        const queueSource = {
          queueStats: async () => ({
            ready: queue.ready,
            unacked: queue.unacked,
            oldestReadyAgeSeconds: queue.oldestReadyAgeSeconds,
          }),
        };
        kpis.watchQueue(queueSource as unknown as MessageBus, "work");
        kpis.watchReadiness(context.readiness);
        context.readiness.add("bus", () => queue.healthy);
      },
    },
    { IVF_HTTP_PORT: "0", IVF_LOG_LEVEL: "silent", IVF_DATA_DIR: dataDir, IVF_SHUTDOWN_GRACE: "1s" },
  );
  return {
    running,
    queue,
    kpis,
    port: running.server.port,
    async stop() {
      await running.stop("test done");
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
