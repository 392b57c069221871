import {
  AttributeIds,
  ClientMonitoredItemGroup,
  DataChangeFilter,
  DataChangeTrigger,
  DeadbandType,
  StatusCodes,
  TimestampsToReturn,
  constructEventFilter,
  type ClientSession,
  type ClientSubscription,
  type DataValue,
  type MonitoringParametersOptions,
  type Variant,
} from "node-opcua";
import type { Logger } from "../runtime-kit/logging/logger.js";
import type { MeasurementValue } from "../runtime-kit/primitives/request-primitive.js";
import type { OpcuaKpis } from "./kpis.js";
import type { MonitoredItemSpec } from "./mapping.js";
import type { ServerRef } from "./server-conditions.js";
import type { SubscriptionConfig } from "./server-config.js";

/**
 * ONE subscription per session, holding every monitored item of the server, created with
 * ClientMonitoredItemGroup: one CreateMonitoredItems call per parameter set instead of one call
 * per item (node-opcua maintainers' advice, issues #640 and #906; the FIWARE agent's
 * one-by-one loop is what this replaces). Items that share sampling interval, queue size and
 * filter form one group; notifications of one PublishResponse are handed on as one batch.
 */

export interface Notification {
  item: MonitoredItemSpec;
  value: MeasurementValue;
  /** Source timestamp (event Time for events); falls back to the server timestamp. */
  sourceTimestamp: Date;
  picoseconds: number;
  quality: string;
  /** Event id (hex) for event notifications: two events in one millisecond stay distinct. */
  eventId?: string;
}

export const EVENT_FIELDS = ["EventId", "EventType", "SourceName", "Time", "Message", "Severity"];

/** Converts an OPC UA value into what the request primitive can carry. */
export function toMeasurementValue(value: unknown): MeasurementValue {
  if (value === null || value === undefined) return null;
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value === "boolean") return value;
  if (typeof value === "string") return value.slice(0, 4096);
  if (typeof value === "bigint") return Number(value);
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString("base64").slice(0, 4096);
  if (typeof value === "object" && "text" in value) return String((value as { text?: unknown }).text ?? "");
  // Int64/UInt64 come as [high, low] pairs; arrays and structures travel as JSON text.
  if (Array.isArray(value) && value.length === 2 && value.every((part) => typeof part === "number")) {
    return value[0]! * 2 ** 32 + value[1]!;
  }
  return JSON.stringify(value).slice(0, 4096);
}

function parameterKey(item: MonitoredItemSpec): string {
  return JSON.stringify([
    item.kind,
    item.samplingIntervalMs,
    item.queueSize,
    item.discardOldest,
    item.deadband ?? null,
  ]);
}

function monitoringParameters(item: MonitoredItemSpec): MonitoringParametersOptions {
  const base = {
    samplingInterval: item.samplingIntervalMs,
    queueSize: item.queueSize,
    discardOldest: item.discardOldest,
  };
  if (item.kind === "event") return { ...base, filter: constructEventFilter(EVENT_FIELDS) };
  if (!item.deadband) return base;
  return {
    ...base,
    filter: new DataChangeFilter({
      trigger: DataChangeTrigger.StatusValue,
      deadbandType: item.deadband.type === "absolute" ? DeadbandType.Absolute : DeadbandType.Percent,
      deadbandValue: item.deadband.value,
    }),
  };
}

export interface SubscriptionStats {
  created: number;
  failed: { nodeId: string; statusCode: string }[];
}

export class ServerSubscription {
  private subscription: ClientSubscription | undefined;
  private buffer: Notification[] = [];
  private flushScheduled = false;
  private createdCount = 0;

  constructor(
    private readonly items: MonitoredItemSpec[],
    private readonly config: SubscriptionConfig,
    private readonly onBatch: (batch: Notification[]) => void,
    private readonly kpis: OpcuaKpis,
    private readonly logger: Logger,
    private readonly server: ServerRef,
  ) {}

  async start(session: ClientSession): Promise<SubscriptionStats> {
    this.subscription = await session.createSubscription2({
      requestedPublishingInterval: this.config.publishingIntervalMs ?? 1000,
      requestedLifetimeCount: this.config.lifetimeCount ?? 60,
      requestedMaxKeepAliveCount: this.config.keepAliveCount ?? 10,
      maxNotificationsPerPublish: this.config.maxNotificationsPerPublish ?? 1000,
      publishingEnabled: true,
      priority: this.config.priority ?? 0,
    });
    const groups = new Map<string, MonitoredItemSpec[]>();
    for (const item of this.items) {
      const key = parameterKey(item);
      groups.set(key, [...(groups.get(key) ?? []), item]);
    }
    const stats: SubscriptionStats = { created: 0, failed: [] };
    for (const members of groups.values()) await this.createGroup(this.subscription, members, stats);
    this.createdCount = stats.created;
    this.kpis.itemsCreated(stats.created);
    if (stats.failed.some((failure) => failure.statusCode === "BadTooManyMonitoredItems"))
      this.kpis.conditions.raise(this.server, "too_many_monitored_items");
    else this.kpis.conditions.clear(this.server, "too_many_monitored_items");
    return stats;
  }

  private async createGroup(
    subscription: ClientSubscription,
    members: MonitoredItemSpec[],
    stats: SubscriptionStats,
  ): Promise<void> {
    const group = ClientMonitoredItemGroup.create(
      subscription,
      members.map((item) => ({
        nodeId: item.nodeId,
        attributeId: item.kind === "event" ? AttributeIds.EventNotifier : AttributeIds.Value,
      })),
      monitoringParameters(members[0]!),
      TimestampsToReturn.Both,
    );
    group.on("changed", (_monitoredItem, data: DataValue | Variant[], index: number) => {
      const item = members[index];
      if (item) this.accept(item, data);
    });
    await new Promise<void>((resolve, reject) => {
      group.once("initialized", () => resolve());
      group.once("terminated", (error: Error) => reject(error));
    });
    group.monitoredItems.forEach((monitoredItem, index) => {
      const status = monitoredItem.statusCode;
      if (status && status.isNotGood()) {
        stats.failed.push({ nodeId: members[index]!.nodeId, statusCode: status.name });
        this.kpis.statusCode(status.name);
      } else stats.created++;
    });
  }

  private accept(item: MonitoredItemSpec, data: DataValue | Variant[]): void {
    if (Array.isArray(data)) {
      this.buffer.push(eventNotification(item, data));
      this.kpis.notification("event");
    } else {
      const status = data.statusCode ?? StatusCodes.Good;
      if (status.isNotGood() || status.name === "GoodOverload") this.kpis.statusCode(status.name);
      if (status.name === "GoodOverload") this.kpis.conditions.overload(this.server);
      this.buffer.push({
        item,
        value: status.isGood() ? toMeasurementValue(data.value?.value) : null,
        sourceTimestamp: data.sourceTimestamp ?? data.serverTimestamp ?? new Date(),
        picoseconds: data.sourcePicoseconds ?? 0,
        quality: status.name,
      });
      this.kpis.notification("value");
    }
    if (!this.flushScheduled) {
      this.flushScheduled = true;
      setImmediate(() => this.flush()); // every notification of one PublishResponse in one batch
    }
  }

  private flush(): void {
    this.flushScheduled = false;
    const batch = this.buffer;
    this.buffer = [];
    if (batch.length > 0) this.onBatch(batch);
  }

  /** Stops publishing while the bus catches up; the server keeps queueSize values per item. */
  async setPublishing(enabled: boolean): Promise<void> {
    await this.subscription?.setPublishingMode(enabled).catch((error: Error) => {
      this.logger.warn({ err: error.message }, "cannot change the publishing mode");
    });
  }

  async stop(): Promise<void> {
    const subscription = this.subscription;
    this.subscription = undefined;
    this.kpis.itemsRemoved(this.createdCount);
    this.createdCount = 0;
    if (subscription) await subscription.terminate().catch(() => undefined);
    this.flush();
  }
}

function eventNotification(item: MonitoredItemSpec, fields: Variant[]): Notification {
  const [eventId, eventType, sourceName, time, message, severity] = fields.map((field) => field?.value);
  const at = time instanceof Date ? time : new Date();
  return {
    item,
    value: JSON.stringify({
      eventType: eventType ? String(eventType) : null,
      sourceName: sourceName ?? null,
      message: toMeasurementValue(message),
      severity: typeof severity === "number" ? severity : null,
    }),
    sourceTimestamp: at,
    picoseconds: 0,
    quality: "Good",
    ...(Buffer.isBuffer(eventId) ? { eventId: eventId.toString("hex") } : {}),
  };
}
