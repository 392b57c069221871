/**
 * Readiness is the conjunction of named checks (dependencies reachable, consumers attached).
 * Each check answers quickly; a check that throws or exceeds its timeout counts as not ready.
 */
export type ReadinessCheck = () => Promise<boolean> | boolean;

export interface ReadinessReport {
  ready: boolean;
  checks: Record<string, { ready: boolean; error?: string }>;
}

export class Readiness {
  private readonly checks = new Map<string, ReadinessCheck>();
  private draining = false;

  constructor(private readonly timeoutMs = 1000) {}

  add(name: string, check: ReadinessCheck): void {
    this.checks.set(name, check);
  }

  /** After this, readiness is false: the instance is leaving and must not receive new work. */
  markDraining(): void {
    this.draining = true;
  }

  async report(): Promise<ReadinessReport> {
    const entries = await Promise.all(
      [...this.checks].map(async ([name, check]) => [name, await this.runCheck(check)] as const),
    );
    const checks = Object.fromEntries(entries);
    if (this.draining) checks.shutdown = { ready: false, error: "instance is draining" };
    return { ready: Object.values(checks).every((entry) => entry.ready), checks };
  }

  private async runCheck(check: ReadinessCheck): Promise<{ ready: boolean; error?: string }> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`check timed out after ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
    });
    try {
      const ready = await Promise.race([Promise.resolve(check()), timeout]);
      return ready ? { ready: true } : { ready: false, error: "dependency not ready" };
    } catch (error) {
      return { ready: false, error: error instanceof Error ? error.message : String(error) };
    } finally {
      clearTimeout(timer);
    }
  }
}
