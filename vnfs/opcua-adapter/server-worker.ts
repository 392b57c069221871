import type { Consumer, MessageBus } from "../runtime-kit/bus/message-bus.js";
import type { Logger } from "../runtime-kit/logging/logger.js";
import type { DocumentStore } from "../runtime-kit/store/document-store.js";
import { loadCheckpoint, saveCheckpoint } from "./checkpoints.js";
import { COMMANDS_EXCHANGE, CommandExecutor, commandsRoutingKey } from "./commands.js";
import type { OpcuaKpis } from "./kpis.js";
import { discover, explicitItems, type DiscoveryResult, type MonitoredItemSpec } from "./mapping.js";
import type { AdapterPki } from "./pki.js";
import { Publisher } from "./publisher.js";
import { serverKey, type MethodMapping, type OpcuaServerConfig } from "./server-config.js";
import { ServerConnection } from "./server-connection.js";
import { ServerSubscription } from "./subscription.js";

/**
 * Everything this instance runs for one server it owns: session, mapping, the subscription,
 * the publisher, the command consumer and the checkpoint. Started when the lease is acquired
 * (or this instance is named successor), stopped when it is handed over or lost.
 */
export const DISCOVERY_COLLECTION = "opcua_discovery";

export interface WorkerDeps {
  server: OpcuaServerConfig;
  pki: AdapterPki;
  bus: MessageBus;
  store: DocumentStore;
  kpis: OpcuaKpis;
  logger: Logger;
  /** Headers carrying the current fencing token. */
  fence: () => Record<string, string>;
  retryDelayMs: number;
  checkpointIntervalMs: number;
  telemetryPartitions?: number;
}

export class ServerWorker {
  readonly key: string;
  lastError: Error | undefined;
  items: MonitoredItemSpec[] = [];
  methods: MethodMapping[] = [];
  discovery: DiscoveryResult | undefined;
  private connection: ServerConnection | undefined;
  private subscription: ServerSubscription | undefined;
  private publisher: Publisher | undefined;
  private consumer: Consumer | undefined;
  private readonly checkpoint = new Map<string, number>();
  private checkpointLoaded = false;
  private checkpointTimer: NodeJS.Timeout | undefined;
  private stopped = false;
  private running: Promise<void> | undefined;
  private readyResolve!: () => void;
  /** Resolves once the subscription exists and its first values are on the bus. */
  readonly ready: Promise<void>;

  constructor(private readonly deps: WorkerDeps) {
    this.key = serverKey(deps.server);
    this.ready = new Promise((resolve) => (this.readyResolve = resolve));
  }

  get published(): number {
    return this.publisher?.published ?? 0;
  }

  start(): void {
    this.running = this.runUntilConnected();
  }

  private async runUntilConnected(): Promise<void> {
    if (!this.checkpointLoaded) {
      // Merge into the same map: the publisher holds a reference to it.
      for (const [nodeId, at] of await loadCheckpoint(this.deps.store, this.key))
        this.checkpoint.set(nodeId, at);
      this.checkpointLoaded = true;
    }
    while (!this.stopped) {
      try {
        await this.connectOnce();
        this.lastError = undefined;
        return;
      } catch (error) {
        this.lastError = error as Error;
        this.deps.logger.error(
          { event: "opcua_connect_failed", server: this.key, err: (error as Error).message },
          (error as Error).message,
        );
        await this.teardownSession();
        await new Promise((resolve) => setTimeout(resolve, this.deps.retryDelayMs));
      }
    }
  }

  private async connectOnce(): Promise<void> {
    const { server, logger } = this.deps;
    const connection = new ServerConnection(
      server,
      this.deps.pki,
      this.deps.kpis,
      logger.child({ server: this.key }),
    );
    this.connection = connection;
    const session = await connection.open();
    if (this.stopped) return;
    await this.resolveMapping(session);
    this.publisher ??= new Publisher({
      server,
      bus: this.deps.bus,
      kpis: this.deps.kpis,
      logger,
      checkpoint: this.checkpoint,
      headers: this.deps.fence,
      ...(this.deps.telemetryPartitions ? { telemetryPartitions: this.deps.telemetryPartitions } : {}),
      onBackpressure: (paused) => void this.subscription?.setPublishing(!paused),
    });
    const publisher = this.publisher;
    let first = true;
    const subscription = new ServerSubscription(
      this.items,
      server.subscription ?? {},
      (batch) => {
        publisher.accept(batch);
        if (first) {
          first = false;
          void publisher.flush().then(() => this.readyResolve());
        }
      },
      this.deps.kpis,
      logger,
      { key: this.key, endpointUrl: server.endpointUrl },
    );
    this.subscription = subscription;
    const stats = await subscription.start(session);
    for (const failure of stats.failed) {
      logger.warn(
        { event: "monitored_item_failed", server: this.key, ...failure },
        `cannot monitor ${failure.nodeId}: ${failure.statusCode}`,
      );
    }
    logger.info(
      { event: "subscribed", server: this.key, items: stats.created, failed: stats.failed.length },
      "subscription created",
    );
    if (stats.created === 0) this.readyResolve();
    connection.on("failed", (error) => void this.rebuild(error));
    await this.startCommands();
    this.checkpointTimer ??= setInterval(() => void this.persistCheckpoint(), this.deps.checkpointIntervalMs);
  }

  private async resolveMapping(session: NonNullable<ServerConnection["session"]>): Promise<void> {
    const { server, store } = this.deps;
    this.items = explicitItems(server);
    this.methods = [...(server.methods ?? [])];
    if (!server.discovery) return;
    const result = await discover(session, server);
    this.discovery = result;
    const known = new Set(this.items.map((item) => `${item.kind} ${item.nodeId}`));
    this.items.push(...result.items.filter((item) => !known.has(`${item.kind} ${item.nodeId}`)));
    this.methods.push(...result.methods);
    const collection = await store.collection<{ id: string } & Record<string, unknown>>(DISCOVERY_COLLECTION);
    await collection.replace({
      id: this.key,
      tenant: server.tenant,
      server: server.id,
      groups: result.groups as never,
      devices: result.devices as never,
      skipped: result.skipped,
      discoveredAt: new Date().toISOString(),
    });
  }

  private async startCommands(): Promise<void> {
    if (this.consumer) return;
    const devices = [
      ...new Set([
        ...this.items.map((item) => item.deviceId),
        ...this.methods.map((method) => method.deviceId),
      ]),
    ];
    if (devices.length === 0) return;
    const executor = new CommandExecutor(
      this.deps.server,
      () => this.items,
      () => this.methods,
      () => this.connection?.session,
      this.deps.bus,
      this.deps.kpis,
    );
    await this.deps.bus.declareExchange(COMMANDS_EXCHANGE);
    this.consumer = await this.deps.bus.consume(
      {
        name: `opcua-adapter.commands.${this.key}`,
        exchange: COMMANDS_EXCHANGE,
        bindings: devices.map((device) => commandsRoutingKey(this.deps.server.tenant, device)),
        singleActiveConsumer: true,
      },
      (delivery) => executor.handle(delivery.body),
      { prefetch: 1 },
    );
  }

  /** What node-opcua could not repair: build session, subscription and items again. */
  private async rebuild(error: Error): Promise<void> {
    if (this.stopped) return;
    this.deps.logger.warn(
      { event: "session_rebuild", server: this.key, err: error.message },
      "rebuilding the session",
    );
    await this.teardownSession();
    this.deps.kpis.reconnected();
    this.running = this.runUntilConnected();
  }

  private async teardownSession(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    if (subscription) await subscription.stop();
    const connection = this.connection;
    this.connection = undefined;
    if (connection) {
      connection.removeAllListeners("failed");
      await connection.close();
    }
  }

  private async persistCheckpoint(): Promise<void> {
    try {
      await saveCheckpoint(this.deps.store, this.key, this.checkpoint);
    } catch (error) {
      this.deps.logger.warn(
        { server: this.key, err: (error as Error).message },
        "cannot save the checkpoint",
      );
    }
  }

  /** Stops after putting every received notification on the bus and saving the checkpoint. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.checkpointTimer) clearInterval(this.checkpointTimer);
    await this.consumer?.stop(5000);
    this.consumer = undefined;
    await this.subscription?.stop();
    this.subscription = undefined;
    await this.publisher?.flush(15_000);
    this.publisher?.close();
    await this.persistCheckpoint();
    await this.teardownSession();
    await this.running?.catch(() => undefined);
    this.deps.kpis.conditions.forget(this.key); // the next owner reports this server's conditions
    this.readyResolve();
  }
}
