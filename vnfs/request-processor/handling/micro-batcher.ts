/**
 * Collects items handed in one at a time and processes them in batches: a batch leaves when it
 * holds `maxSize` items or when the oldest item has waited `lingerMs`, whichever comes first.
 * Each submitter gets its own promise, settled with the outcome the batch processor reports for
 * its item, so a consumer can still acknowledge or reject every delivery on its own.
 */
export interface MicroBatcherOptions {
  maxSize: number;
  lingerMs: number;
  /** Process one batch at a time, in submission order (per-device order of effects and events). */
  ordered?: boolean;
}

/** Per-item outcome of one batch: undefined = success, an Error = that item failed. */
export type BatchOutcomes = (Error | undefined)[];

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class MicroBatcher<T> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  private previous: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: MicroBatcherOptions,
    private readonly process: (items: T[]) => Promise<BatchOutcomes>,
  ) {}

  /** Resolves once the batch holding `item` was processed and `item` succeeded. */
  submit(item: T): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ item, resolve, reject });
      if (this.pending.length >= this.options.maxSize) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.options.lingerMs);
    });
  }

  /** Sends what is pending now (also used on drain). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (this.pending.length === 0) return;
    const batch = this.pending;
    this.pending = [];
    if (this.options.ordered) this.previous = this.previous.then(() => this.run(batch));
    else void this.run(batch);
  }

  private async run(batch: Pending<T>[]): Promise<void> {
    let outcomes: BatchOutcomes;
    try {
      outcomes = await this.process(batch.map((entry) => entry.item));
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      outcomes = batch.map(() => failure);
    }
    batch.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome) entry.reject(outcome);
      else entry.resolve();
    });
  }
}
