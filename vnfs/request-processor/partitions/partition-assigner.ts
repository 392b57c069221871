import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { Lease, LeaseStore } from "../../runtime-kit/ownership/lease-store.js";
import { rendezvousOwner } from "../../runtime-kit/ownership/rendezvous.js";

/**
 * Decides which telemetry partitions this instance consumes (docs/design/telemetry-path.md
 * "Per-device order"). Every `reconcileMs` it heartbeats its membership, computes the rendezvous
 * winner of every partition among the live members, renews the leases it holds and:
 *
 * - gives back a partition whose winner is now another member (scale-out): stop the consumer
 *   (drain: the batch in flight is stored, announced and acknowledged), then release the lease;
 * - takes a partition it wins whose lease is free (first start, a released lease, or one whose
 *   owner crashed and whose lease expired), then starts consuming it. While it waits for such a
 *   lease it retries every `retryMs`, so a new instance consumes soon after the old owner let go;
 * - between reconciles it reads the member list every `retryMs` (one indexed query) and reconciles
 *   at once when it changed, so an owner notices a new instance within `retryMs`, not a period;
 * - stops at once a partition whose lease renewal failed (another instance holds it: fenced).
 *
 * `stop()` (SIGTERM, scale-in) leaves the membership first, then drains and releases every
 * partition, so the survivors take them over at their next reconcile without waiting for expiry.
 */
export interface PartitionActions {
  start(partition: number): Promise<void>;
  stop(partition: number): Promise<void>;
}

export interface PartitionAssignerOptions {
  partitions: number;
  /** Lease id of partition k (unique per queue). */
  leaseKey: (partition: number) => string;
  reconcileMs: number;
  retryMs: number;
}

export class PartitionAssigner {
  private readonly held = new Map<number, Lease>();
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();
  private stopped = false;
  private wanted: number[] = [];
  private lastFullAt = 0;
  private lastMembers = "";
  /** When the first partition was taken after start (for the hand-over latency KPI and logs). */
  firstAcquiredAt: number | undefined;

  constructor(
    private readonly leases: LeaseStore,
    private readonly actions: PartitionActions,
    private readonly options: PartitionAssignerOptions,
    private readonly logger: Logger,
  ) {}

  /** Joins and runs the first reconcile before resolving (so a lone instance consumes at once). */
  async start(): Promise<void> {
    await this.tick();
  }

  owned(): number[] {
    return [...this.held.keys()].sort((a, b) => a - b);
  }

  /** Scale-in: leave, drain and release everything held. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    await this.running;
    await this.leases.leave().catch((error: unknown) => this.logger.warn({ err: error }, "could not leave"));
    await Promise.all(this.owned().map((partition) => this.giveBack(partition, "shutdown")));
  }

  private tick(): Promise<void> {
    this.running = this.runOnce()
      .catch((error: unknown) => this.logger.warn({ err: error }, "telemetry partition reconcile failed"))
      .finally(() => this.schedule());
    return this.running;
  }

  private schedule(): void {
    if (this.stopped) return;
    const untilFull = Math.max(0, this.options.reconcileMs - (Date.now() - this.lastFullAt));
    this.timer = setTimeout(() => void this.tick(), Math.min(this.options.retryMs, untilFull));
  }

  private async runOnce(): Promise<void> {
    if (Date.now() - this.lastFullAt >= this.options.reconcileMs) await this.reconcile();
    else if ((await this.leases.liveMembers()).join(",") !== this.lastMembers) await this.reconcile();
    else if (this.wanted.length > 0) await this.acquireWanted();
  }

  private async reconcile(): Promise<void> {
    this.lastFullAt = Date.now();
    await this.leases.heartbeat();
    const members = await this.leases.liveMembers();
    const me = this.leases.instanceId;
    this.lastMembers = members.join(",");
    if (!members.includes(me)) members.push(me);
    const wanted: number[] = [];
    const giveBacks: Promise<void>[] = [];
    for (let partition = 0; partition < this.options.partitions; partition++) {
      const preferred = rendezvousOwner(this.options.leaseKey(partition), members);
      const lease = this.held.get(partition);
      if (lease && preferred !== me) giveBacks.push(this.giveBack(partition, `moves to ${preferred}`));
      else if (lease) await this.renew(partition, lease);
      else if (preferred === me) wanted.push(partition);
    }
    await Promise.all(giveBacks);
    this.wanted = wanted;
    await this.acquireWanted();
  }

  private async acquireWanted(): Promise<void> {
    const still: number[] = [];
    for (const partition of this.wanted) {
      if (this.stopped) return;
      const lease = await this.leases.acquire(this.options.leaseKey(partition));
      if (!lease) {
        still.push(partition);
        continue;
      }
      this.held.set(partition, lease);
      try {
        await this.actions.start(partition);
      } catch (error) {
        this.held.delete(partition);
        await this.leases.release(lease);
        throw error;
      }
      this.firstAcquiredAt ??= Date.now();
      this.logger.info({ partition, token: lease.token }, "telemetry partition taken");
    }
    this.wanted = still;
  }

  private async renew(partition: number, lease: Lease): Promise<void> {
    const renewed = await this.leases.renew(lease);
    if (renewed) {
      this.held.set(partition, renewed);
      return;
    }
    // Fenced: another instance holds the lease now. Stop consuming at once.
    this.held.delete(partition);
    this.logger.warn({ partition, token: lease.token }, "telemetry partition lease lost; consumer stopped");
    await this.actions.stop(partition);
  }

  /** Break-before-make: drain the consumer, then release the lease. */
  private async giveBack(partition: number, reason: string): Promise<void> {
    const lease = this.held.get(partition);
    this.held.delete(partition);
    await this.actions.stop(partition);
    if (lease && !(await this.leases.release(lease))) {
      this.logger.warn({ partition }, "telemetry partition lease was already taken at release");
    }
    this.logger.info({ partition, reason }, "telemetry partition given back");
  }
}
