/**
 * Failure injection around a real VIM driver: the next N starts fail as a VIM would refuse
 * them, and starts can be held at a gate (to cancel, or restart the VNFM, mid-operation).
 * The conductor starts VNFCs in parallel, so the gate counts as reached only once a start is
 * held *and* the starts let through have finished; it also records how many starts overlapped.
 */
import type {
  VimDriver,
  VnfcLaunch,
  VnfcRef,
  VnfcStatus,
} from "../../../vnfm-adapter/infra-drivers/vim-driver.js";

export class FaultyDriver implements VimDriver {
  failNextStarts = 0;
  startsSeen = 0;
  /** Starts in flight now, and the most ever in flight at once. */
  startsInFlight = 0;
  maxStartsInFlight = 0;
  private readonly passedStarts: Promise<unknown>[] = [];
  private gate?: { promise: Promise<void>; open: () => void };
  /** Resolves the first time a start waits at the gate. */
  private gateReached?: () => void;

  constructor(readonly inner: VimDriver) {}

  get vimType(): string {
    return this.inner.vimType;
  }

  /** Holds every start after `passing` more starts until `release()`; resolves when one is held and the passing ones finished. */
  holdStarts(passing = 0): Promise<void> {
    let open!: () => void;
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
    this.passing = passing;
    this.passedStarts.length = 0;
    return new Promise((resolve) => (this.gateReached = resolve));
  }

  private passing = 0;

  release(): void {
    this.gate?.open();
    this.gate = undefined;
  }

  async start(launch: VnfcLaunch): Promise<VnfcRef> {
    this.startsSeen += 1;
    this.startsInFlight += 1;
    this.maxStartsInFlight = Math.max(this.maxStartsInFlight, this.startsInFlight);
    try {
      return await this.gatedStart(launch);
    } finally {
      this.startsInFlight -= 1;
    }
  }

  private async gatedStart(launch: VnfcLaunch): Promise<VnfcRef> {
    if (this.gate) {
      if (this.passing > 0) {
        this.passing -= 1;
        const started = this.startInner(launch);
        this.passedStarts.push(started.catch(() => undefined));
        return started;
      }
      const reached = this.gateReached;
      this.gateReached = undefined;
      if (reached) void Promise.all(this.passedStarts).then(() => reached());
      await this.gate.promise;
    }
    return this.startInner(launch);
  }

  private async startInner(launch: VnfcLaunch): Promise<VnfcRef> {
    if (this.closed) throw new Error(`driver closed while VNFC ${launch.vnfcId} waited to start`);
    if (this.failNextStarts > 0) {
      this.failNextStarts -= 1;
      throw new Error(`injected fault: the VIM refused to start VNFC ${launch.vnfcId}`);
    }
    return this.inner.start(launch);
  }

  stop(vnfc: VnfcRef, graceMs: number): Promise<void> {
    return this.inner.stop(vnfc, graceMs);
  }

  status(vnfc: VnfcRef): Promise<VnfcStatus> {
    return this.inner.status(vnfc);
  }

  private closed = false;

  close(options?: { stopVnfcs?: boolean }): Promise<void> {
    this.closed = true;
    this.release();
    return this.inner.close(options);
  }
}
