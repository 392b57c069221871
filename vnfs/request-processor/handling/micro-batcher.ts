/**
 * Collects items handed in one at a time and processes them in batches: a batch leaves when it
 * holds `maxSize` items or when the oldest item has waited `lingerMs`, whichever comes first.
 * Each submitter gets its own promise, settled with the outcome the batch processor reports for
 * its item, so a consumer can still acknowledge or reject every delivery on its own.
 *
 * Batches run concurrently. In `ordered` mode each batch also gets a turn: `turn.ready()` resolves
 * once every earlier batch has finished, so a processor that writes order-independent effects
 * first and awaits its turn before its order-sensitive step (publishing events) overlaps the
 * former with the previous batch and still emits the latter in submission order.
 */
export interface MicroBatcherOptions {
  maxSize: number;
  lingerMs: number;
  /** Give batches turns in submission order (per-device order of the events they publish). */
  ordered?: boolean;
}

/** Per-item outcome of one batch: undefined = success, an Error = that item failed. */
export type BatchOutcomes = (Error | undefined)[];

/** A batch's place in line: resolves when every earlier batch finished (at once when unordered). */
export interface BatchTurn {
  ready(): Promise<void>;
}

export const NO_TURN: BatchTurn = { ready: () => Promise.resolve() };

interface Pending<T> {
  item: T;
  resolve: () => void;
  reject: (error: Error) => void;
}

export class MicroBatcher<T> {
  private pending: Pending<T>[] = [];
  private timer: NodeJS.Timeout | undefined;
  /** Settles when the most recently started batch finished (ordered mode). */
  private lastFinished: Promise<void> = Promise.resolve();

  constructor(
    private readonly options: MicroBatcherOptions,
    private readonly process: (items: T[], turn: BatchTurn) => Promise<BatchOutcomes>,
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
    if (!this.options.ordered) {
      void this.run(batch, NO_TURN);
      return;
    }
    const earlier = this.lastFinished;
    const finished = this.run(batch, { ready: () => earlier });
    this.lastFinished = finished;
  }

  private async run(batch: Pending<T>[], turn: BatchTurn): Promise<void> {
    let outcomes: BatchOutcomes;
    try {
      outcomes = await this.process(
        batch.map((entry) => entry.item),
        turn,
      );
    } catch (error) {
      const failure = error instanceof Error ? error : new Error(String(error));
      outcomes = batch.map(() => failure);
    }
    // A batch that failed before its turn still waits for it, so that "finished" stays in order.
    await turn.ready();
    batch.forEach((entry, index) => {
      const outcome = outcomes[index];
      if (outcome) entry.reject(outcome);
      else entry.resolve();
    });
  }
}
