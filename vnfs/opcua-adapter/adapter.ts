import type { MessageBus } from "../runtime-kit/bus/message-bus.js";
import type { Logger } from "../runtime-kit/logging/logger.js";
import type { DocumentStore } from "../runtime-kit/store/document-store.js";
import type { OpcuaKpis } from "./kpis.js";
import { OwnershipStore, rendezvousOwner, type Lease } from "./ownership.js";
import type { AdapterPki } from "./pki.js";
import { serverKey, type OpcuaServerConfig } from "./server-config.js";
import { ServerWorker } from "./server-worker.js";

/**
 * The adapter's control loop: every reconcile interval it renews its membership and leases,
 * starts workers for servers it acquires or is named successor for, hands servers over to
 * their preferred owner, and stops workers for servers it no longer owns (ownership.ts has
 * the protocol). On stop (scale-in, SIGTERM) it hands every server to a live peer before exit.
 */

export interface AdapterOptions {
  instanceId: string;
  scope: string;
  loadServers: () => Promise<OpcuaServerConfig[]>;
  bus: MessageBus;
  store: DocumentStore;
  pki: AdapterPki;
  kpis: OpcuaKpis;
  logger: Logger;
  leaseTtlMs: number;
  reconcileIntervalMs: number;
  handoverTimeoutMs: number;
  connectRetryMs: number;
  checkpointIntervalMs: number;
  /** IVF_TELEMETRY_PARTITIONS: the partition word of every primitive's routing key. */
  telemetryPartitions?: number;
}

interface Entry {
  worker: ServerWorker;
  role: "owner" | "successor";
  lease?: Lease;
  configHash: string;
  readyMarked: boolean;
}

export class OpcuaAdapter {
  private readonly entries = new Map<string, Entry>();
  private ownership!: OwnershipStore;
  private timer: NodeJS.Timeout | undefined;
  private cycle: Promise<void> | undefined;
  private stopping = false;
  reconciled = false;

  constructor(private readonly options: AdapterOptions) {}

  async start(): Promise<void> {
    const { store, instanceId, scope, leaseTtlMs } = this.options;
    this.ownership = await OwnershipStore.open(store, { instanceId, scope, ttlMs: leaseTtlMs });
    await this.options.bus.declareExchange("iot.requests");
    await this.runCycle();
    this.timer = setInterval(() => void this.runCycle(), this.options.reconcileIntervalMs);
  }

  /** Servers this instance currently owns or is taking over, with their workers (tests, status). */
  workers(): Map<string, { role: Entry["role"]; worker: ServerWorker; token?: number }> {
    return new Map(
      [...this.entries].map(([key, entry]) => [
        key,
        { role: entry.role, worker: entry.worker, token: entry.lease?.token },
      ]),
    );
  }

  private runCycle(): Promise<void> {
    if (this.cycle || this.stopping) return this.cycle ?? Promise.resolve();
    this.cycle = this.reconcile()
      .catch((error: Error) =>
        this.options.logger.error(
          { event: "reconcile_failed", err: error.message },
          "ownership reconcile failed",
        ),
      )
      .finally(() => (this.cycle = undefined));
    return this.cycle;
  }

  private async reconcile(): Promise<void> {
    await this.ownership.heartbeat();
    const members = await this.ownership.liveMembers();
    const servers = new Map((await this.options.loadServers()).map((server) => [serverKey(server), server]));
    const keys = new Set([...servers.keys(), ...this.entries.keys()]);
    await Promise.all([...keys].map((key) => this.reconcileOne(key, servers.get(key), members)));
    this.options.kpis.owned([...this.entries.values()].filter((entry) => entry.role === "owner").length);
    this.reconciled = true;
  }

  private async reconcileOne(
    key: string,
    server: OpcuaServerConfig | undefined,
    members: string[],
  ): Promise<void> {
    const me = this.options.instanceId;
    let entry = this.entries.get(key);
    const lease = await this.ownership.get(key);
    if (!server) {
      if (entry) await this.drop(key, entry, lease?.owner === me ? "deprovisioned" : "not ours");
      if (lease?.owner === me) await this.ownership.release(lease);
      return;
    }
    const hash = JSON.stringify(server);
    if (entry && entry.configHash !== hash) {
      await this.drop(key, entry, "configuration changed");
      entry = undefined;
    }
    const preferred = rendezvousOwner(key, members);
    if (lease && lease.owner === me) {
      await this.reconcileOwned(key, server, lease, preferred, members, entry, hash);
    } else if (lease && lease.successor === me && !this.ownership.isFree(lease)) {
      entry ??= this.spawn(key, server, "successor", hash);
      if (!entry.readyMarked && (await settled(entry.worker.ready))) {
        entry.readyMarked = await this.ownership.markSuccessorReady(key);
      }
    } else if (this.ownership.isFree(lease) && preferred === me) {
      const acquired = await this.ownership.acquire(key);
      if (!acquired) return;
      this.options.logger.info(
        { event: "lease_acquired", server: key, fence: acquired.token },
        "took ownership",
      );
      entry ??= this.spawn(key, server, "owner", hash);
      entry.role = "owner";
      entry.lease = acquired;
    } else if (entry) {
      await this.drop(key, entry, "owned elsewhere");
    }
  }

  private async reconcileOwned(
    key: string,
    server: OpcuaServerConfig,
    lease: Lease,
    preferred: string | undefined,
    members: string[],
    entry: Entry | undefined,
    hash: string,
  ): Promise<void> {
    const me = this.options.instanceId;
    let successor = lease.successor;
    if (successor && !members.includes(successor)) successor = null; // named successor died
    if (!successor && preferred && preferred !== me) successor = preferred;
    const renewed = await this.ownership.renew(lease, {
      successor,
      successorReady: successor === lease.successor ? lease.successorReady : false,
    });
    if (!renewed) {
      if (entry) await this.drop(key, entry, "lease lost (fenced)");
      return;
    }
    entry ??= this.spawn(key, server, "owner", hash);
    entry.role = "owner";
    entry.lease = renewed;
    if (renewed.successor && renewed.successorReady) await this.handOver(key, entry);
  }

  /** Make-before-break: the successor publishes already; flush ours, stop, pass the lease. */
  private async handOver(key: string, entry: Entry): Promise<void> {
    await entry.worker.stop();
    this.entries.delete(key);
    const lease = await this.ownership.get(key);
    const moved = lease ? await this.ownership.transfer(lease) : undefined;
    this.options.logger.info(
      {
        event: "handed_over",
        server: key,
        to: lease?.successor,
        fence: moved?.token,
        published: entry.worker.published,
      },
      moved ? "ownership handed over" : "hand-over raced with another change; the lease will expire",
    );
  }

  private spawn(key: string, server: OpcuaServerConfig, role: Entry["role"], configHash: string): Entry {
    const entry: Entry = {
      role,
      configHash,
      readyMarked: false,
      worker: undefined as unknown as ServerWorker,
    };
    entry.worker = new ServerWorker({
      server,
      pki: this.options.pki,
      bus: this.options.bus,
      store: this.options.store,
      kpis: this.options.kpis,
      logger: this.options.logger,
      fence: () => ({
        "opcua-owner": this.options.instanceId,
        "opcua-fence": String(entry.lease?.token ?? 0),
      }),
      retryDelayMs: this.options.connectRetryMs,
      checkpointIntervalMs: this.options.checkpointIntervalMs,
      ...(this.options.telemetryPartitions ? { telemetryPartitions: this.options.telemetryPartitions } : {}),
    });
    this.entries.set(key, entry);
    this.options.logger.info({ event: "worker_started", server: key, role }, `serving ${key} as ${role}`);
    entry.worker.start();
    return entry;
  }

  private async drop(key: string, entry: Entry, reason: string): Promise<void> {
    this.entries.delete(key);
    this.options.logger.info(
      { event: "worker_stopped", server: key, reason },
      `stopped serving ${key}: ${reason}`,
    );
    await entry.worker.stop();
  }

  /** Scale-in / SIGTERM: leave the membership, hand each owned server to a live peer, then exit. */
  async stop(): Promise<void> {
    this.stopping = true;
    if (this.timer) clearInterval(this.timer);
    await this.cycle;
    await this.ownership.leave();
    const members = (await this.ownership.liveMembers()).filter(
      (member) => member !== this.options.instanceId,
    );
    await Promise.all([...this.entries].map(([key, entry]) => this.leave(key, entry, members)));
    this.entries.clear();
    this.options.kpis.owned(0);
  }

  private async leave(key: string, entry: Entry, members: string[]): Promise<void> {
    let lease = entry.role === "owner" ? await this.ownership.get(key) : undefined;
    const successor = rendezvousOwner(key, members);
    if (!lease || lease.owner !== this.options.instanceId) return entry.worker.stop();
    const deadline = Date.now() + this.options.handoverTimeoutMs;
    while (successor && Date.now() < deadline) {
      lease = await this.ownership.renew(lease, {
        successor,
        successorReady: lease.successor === successor && lease.successorReady,
      });
      if (!lease) return entry.worker.stop(); // fenced meanwhile
      if (lease.successorReady) return this.handOver(key, entry);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await entry.worker.stop();
    const current = await this.ownership.get(key);
    if (current) await this.ownership.release(current);
    this.options.logger.warn(
      { event: "released", server: key },
      successor ? "no successor became ready in time; lease released" : "no peer left; lease released",
    );
  }
}

async function settled(promise: Promise<void>): Promise<boolean> {
  return Promise.race([
    promise.then(() => true),
    new Promise<boolean>((resolve) => setImmediate(() => resolve(false))),
  ]);
}
