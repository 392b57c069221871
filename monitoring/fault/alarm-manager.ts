import { randomUUID } from "node:crypto";
import type { Collection, DocumentStore, Versioned } from "../../vnfs/runtime-kit/store/document-store.js";
import { faultKeyOf, type AlarmRecord, type RaiseSpec } from "./alarm-model.js";

export type AlarmEvent =
  { kind: "raised" | "changed"; alarm: AlarmRecord } | { kind: "cleared"; alarm: AlarmRecord };
export type AlarmListener = (event: AlarmEvent) => void;

/**
 * Raises and clears alarms (SOL003 7: the VNFM reports VNF faults to the NFVO). Idempotent per
 * fault key: raising an active fault again changes nothing unless its severity changed; clearing
 * a fault that is not active changes nothing. Cleared alarms stay readable for `retentionMs`.
 */
export class AlarmManager {
  private readonly listeners = new Set<AlarmListener>();

  private constructor(
    private readonly alarms: Collection<AlarmRecord>,
    private readonly retentionMs: number,
  ) {}

  static async open(store: DocumentStore, retentionMs = 24 * 3600_000): Promise<AlarmManager> {
    const alarms = await store.collection<AlarmRecord>("vnffm_alarms", {
      indexes: [
        { fields: ["faultKey", "active"] },
        { fields: ["managedObjectId"] },
        { fields: ["alarmClearedTime"] },
      ],
    });
    return new AlarmManager(alarms, retentionMs);
  }

  onEvent(listener: AlarmListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async raise(spec: RaiseSpec, now = new Date()): Promise<AlarmRecord> {
    const faultKey = faultKeyOf(spec.vnfInstanceId, spec.faultType, spec.subject);
    const [active] = await this.alarms.find({ where: { faultKey, active: true }, limit: 1 });
    const at = now.toISOString();
    if (active) {
      if (active.perceivedSeverity === spec.perceivedSeverity) return active;
      const changed = await this.alarms.replace(
        {
          ...strip(active),
          perceivedSeverity: spec.perceivedSeverity,
          alarmChangedTime: at,
          eventTime: at,
          faultDetails: spec.faultDetails,
        },
        { expectedVersion: active.version },
      );
      this.emit({ kind: "changed", alarm: changed });
      return changed;
    }
    const alarm: AlarmRecord = {
      id: randomUUID(),
      faultKey,
      active: true,
      managedObjectId: spec.vnfInstanceId,
      ...(spec.vnfcInstanceIds ? { vnfcInstanceIds: spec.vnfcInstanceIds } : {}),
      alarmRaisedTime: at,
      ackState: "UNACKNOWLEDGED",
      perceivedSeverity: spec.perceivedSeverity,
      eventTime: at,
      eventType: spec.eventType,
      faultType: spec.faultType,
      probableCause: spec.probableCause,
      isRootCause: spec.isRootCause ?? true,
      ...(spec.faultDetails ? { faultDetails: spec.faultDetails } : {}),
    };
    await this.alarms.insert(alarm);
    this.emit({ kind: "raised", alarm });
    return alarm;
  }

  async clear(
    vnfInstanceId: string,
    faultType: RaiseSpec["faultType"],
    subject: string,
    now = new Date(),
  ): Promise<AlarmRecord | undefined> {
    const faultKey = faultKeyOf(vnfInstanceId, faultType, subject);
    const [active] = await this.alarms.find({ where: { faultKey, active: true }, limit: 1 });
    if (!active) return undefined;
    const at = now.toISOString();
    const cleared = await this.alarms.replace(
      {
        ...strip(active),
        active: false,
        perceivedSeverity: "CLEARED",
        alarmClearedTime: at,
        alarmChangedTime: at,
        eventTime: at,
      },
      { expectedVersion: active.version },
    );
    this.emit({ kind: "cleared", alarm: cleared });
    return cleared;
  }

  /** Active alarms of one VNF instance, by fault key (the fault rules compare against them). */
  async activeKeys(vnfInstanceId: string): Promise<Set<string>> {
    const active = await this.alarms.find({ where: { managedObjectId: vnfInstanceId, active: true } });
    return new Set(active.map((alarm) => alarm.faultKey));
  }

  list(): Promise<Versioned<AlarmRecord>[]> {
    return this.alarms.find({ orderBy: [{ field: "alarmRaisedTime", direction: "desc" }], limit: 10_000 });
  }

  get(id: string): Promise<Versioned<AlarmRecord> | undefined> {
    return this.alarms.get(id);
  }

  async setAckState(
    id: string,
    ackState: AlarmRecord["ackState"],
    expectedVersion: number | undefined,
    now = new Date(),
  ): Promise<Versioned<AlarmRecord>> {
    const current = await this.alarms.get(id);
    if (!current) throw new Error(`alarm ${id} vanished`);
    const changes: AlarmRecord = {
      ...strip(current),
      ackState,
      alarmAcknowledgedTime: ackState === "ACKNOWLEDGED" ? now.toISOString() : undefined,
    };
    if (ackState !== "ACKNOWLEDGED") delete changes.alarmAcknowledgedTime;
    return this.alarms.replace(changes, { expectedVersion: expectedVersion ?? current.version });
  }

  /** Deletes cleared alarms older than the retention (keeps the list bounded). */
  async prune(now = Date.now()): Promise<number> {
    return this.alarms.deleteMany({
      active: false,
      alarmClearedTime: { lt: new Date(now - this.retentionMs).toISOString() },
    });
  }

  private emit(event: AlarmEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}

function strip(alarm: Versioned<AlarmRecord>): AlarmRecord {
  const { version: _version, ...rest } = alarm;
  return rest;
}
