import type { Logger } from "../logging/logger.js";

export type ShutdownStep = { name: string; run: () => Promise<void> | void };

/**
 * Graceful shutdown in reverse start order (last opened, first closed): an IVF registers
 * "stop taking work" steps after "close connections" steps, so on SIGTERM it first stops
 * consuming, lets in-flight messages finish or hands them back, and only then closes the
 * bus and store. If the grace period runs out, the process exits non-zero; unacknowledged
 * messages are redelivered by the bus, so nothing acknowledged is lost either way.
 */
export class ShutdownCoordinator {
  private readonly steps: ShutdownStep[] = [];
  private running: Promise<void> | undefined;

  constructor(
    private readonly logger: Logger,
    private readonly graceMs: number,
  ) {}

  /** Registers a step; steps run in reverse registration order. */
  add(name: string, run: ShutdownStep["run"]): void {
    this.steps.push({ name, run });
  }

  get isShuttingDown(): boolean {
    return this.running !== undefined;
  }

  /** Runs every step once; later calls return the same promise. Step failures are logged, not rethrown. */
  shutdown(reason: string): Promise<void> {
    this.running ??= this.runSteps(reason);
    return this.running;
  }

  private async runSteps(reason: string): Promise<void> {
    this.logger.info({ reason, graceMs: this.graceMs }, "shutting down");
    for (const step of [...this.steps].reverse()) {
      try {
        await step.run();
        this.logger.debug({ step: step.name }, "shutdown step done");
      } catch (error) {
        this.logger.error({ step: step.name, err: error }, "shutdown step failed");
      }
    }
  }

  /** Wires SIGTERM/SIGINT to a bounded graceful shutdown followed by process exit. */
  installSignalHandlers(exit: (code: number) => void = (code) => process.exit(code)): void {
    const onSignal = (signal: NodeJS.Signals): void => {
      if (this.isShuttingDown) return;
      const timer = setTimeout(() => {
        this.logger.error(
          { graceMs: this.graceMs },
          "grace period exceeded, exiting with in-flight work handed back",
        );
        exit(1);
      }, this.graceMs);
      timer.unref();
      void this.shutdown(signal).then(() => {
        clearTimeout(timer);
        exit(0);
      });
    };
    process.once("SIGTERM", onSignal);
    process.once("SIGINT", onSignal);
  }
}
