import type { Collection } from "../../runtime-kit/store/document-store.js";
import { subscriptionProblems, type SubscriptionRecord } from "./subscription-records.js";

/**
 * In-memory index of active subscriptions by tenant and device, rebuilt from the store every
 * refresh interval (and on demand), so matching an event costs a map lookup, not a query.
 * A stored subscription that fails validation is skipped with a reported reason: one broken
 * record must not stop notifications for everybody else.
 */
export class SubscriptionIndex {
  private byTenant = new Map<
    string,
    { all: SubscriptionRecord[]; byDevice: Map<string, SubscriptionRecord[]> }
  >();
  private timer: NodeJS.Timeout | undefined;
  loaded = false;

  constructor(
    private readonly subscriptions: Collection<SubscriptionRecord>,
    private readonly onProblem: (id: string, problems: string[]) => void,
  ) {}

  async refresh(): Promise<void> {
    const active = await this.subscriptions.find({ where: { status: "active" } });
    const next = new Map<
      string,
      { all: SubscriptionRecord[]; byDevice: Map<string, SubscriptionRecord[]> }
    >();
    for (const { version: _version, ...record } of active) {
      const problems = subscriptionProblems(record);
      if (problems.length > 0) {
        this.onProblem(record.id, problems);
        continue;
      }
      let entry = next.get(record.tenant);
      if (!entry) next.set(record.tenant, (entry = { all: [], byDevice: new Map() }));
      if (!record.deviceIds) entry.all.push(record);
      else
        for (const deviceId of record.deviceIds)
          entry.byDevice.set(deviceId, [...(entry.byDevice.get(deviceId) ?? []), record]);
    }
    this.byTenant = next;
    this.loaded = true;
  }

  /** Subscriptions of this tenant that select this device. */
  forDevice(tenant: string, deviceId: string): SubscriptionRecord[] {
    const entry = this.byTenant.get(tenant);
    if (!entry) return [];
    return [...entry.all, ...(entry.byDevice.get(deviceId) ?? [])];
  }

  startRefreshing(intervalMs: number, onError: (error: unknown) => void): void {
    this.timer = setInterval(() => void this.refresh().catch(onError), intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }
}
