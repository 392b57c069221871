/**
 * Keeps at most `limit` sends unacknowledged. Waiting for a free slot is one promise resolved by
 * whichever send settles first; racing the whole pending set instead attaches a reaction to every
 * pending send on each wait (thousands per message at a window of 1,000, measured as most of the
 * load generator's CPU in `npm run bench:ingest`).
 */
export class InFlightWindow {
  private pending = 0;
  private readonly slotWaiters: (() => void)[] = [];
  private readonly drainWaiters: (() => void)[] = [];

  constructor(private readonly limit: number) {}

  get size(): number {
    return this.pending;
  }

  /** Resolves once fewer than `limit` sends are pending. */
  async slot(): Promise<void> {
    while (this.pending >= this.limit) await new Promise<void>((resolve) => this.slotWaiters.push(resolve));
  }

  /** Counts a send until it settles (its outcome stays the caller's). */
  track(send: Promise<unknown>): void {
    this.pending += 1;
    const settled = () => {
      this.pending -= 1;
      this.slotWaiters.shift()?.();
      if (this.pending === 0) for (const resolve of this.drainWaiters.splice(0)) resolve();
    };
    send.then(settled, settled);
  }

  /** Resolves once every tracked send has settled. */
  async drain(): Promise<void> {
    while (this.pending > 0) await new Promise<void>((resolve) => this.drainWaiters.push(resolve));
  }
}
