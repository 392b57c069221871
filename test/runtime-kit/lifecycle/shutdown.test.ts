import { describe, expect, it } from "vitest";
import { ShutdownCoordinator } from "../../../vnfs/runtime-kit/lifecycle/shutdown.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";

const logger = createLogger({ ivf: "test", instanceId: "t1", level: "silent" });

describe("graceful shutdown", () => {
  it("runs steps in reverse order of registration, once", async () => {
    const order: string[] = [];
    const shutdown = new ShutdownCoordinator(logger, 1000);
    shutdown.add("close bus", () => {
      order.push("close bus");
    });
    shutdown.add("stop consumers", async () => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      order.push("stop consumers");
    });
    shutdown.add("stop http", () => {
      order.push("stop http");
    });
    await Promise.all([shutdown.shutdown("test"), shutdown.shutdown("again")]);
    expect(order).toEqual(["stop http", "stop consumers", "close bus"]);
    expect(shutdown.isShuttingDown).toBe(true);
  });

  it("keeps going when a step fails so later resources are still closed", async () => {
    const closed: string[] = [];
    const shutdown = new ShutdownCoordinator(logger, 1000);
    shutdown.add("close store", () => {
      closed.push("store");
    });
    shutdown.add("broken", () => {
      throw new Error("boom");
    });
    await shutdown.shutdown("test");
    expect(closed).toEqual(["store"]);
  });
});
