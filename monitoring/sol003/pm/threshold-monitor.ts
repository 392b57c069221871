import { randomUUID } from "node:crypto";
import type { Collection } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { VnfView } from "../../hub/monitoring-hub.js";
import { link, type ApiContext } from "../common/api-context.js";
import type { ThresholdCrossedNotification, ThresholdRecord } from "./pm-records.js";

type Side = "above" | "below";

/**
 * Detects threshold crossings (SOL003 6.5.2.9, 6.5.3.4 hysteresis): the value must rise above
 * thresholdValue + hysteresis to cross UP and fall below thresholdValue - hysteresis to cross
 * DOWN, so a value hovering at the threshold produces no notification storm. The first
 * observation only sets the side; a crossing needs a change.
 */
export class ThresholdMonitor {
  private readonly sides = new Map<string, Side>();

  constructor(
    private readonly context: ApiContext,
    private readonly thresholds: Collection<ThresholdRecord>,
  ) {}

  forget(thresholdId: string): void {
    for (const key of this.sides.keys()) if (key.startsWith(`${thresholdId}|`)) this.sides.delete(key);
  }

  async observe(view: VnfView): Promise<void> {
    const snapshot = view.snapshot;
    if (!snapshot) return;
    const watching = await this.thresholds.find({ where: { objectInstanceId: view.vnf.id } });
    for (const threshold of watching) {
      const metric = threshold.criteria.performanceMetric;
      if (threshold.objectType === "Vnf") {
        this.check(threshold, undefined, snapshot.values[metric], snapshot.at);
        continue;
      }
      const subjects = threshold.subObjectInstanceIds ?? Object.keys(snapshot.perVnfc);
      for (const vnfcId of subjects)
        this.check(threshold, vnfcId, snapshot.perVnfc[vnfcId]?.[metric], snapshot.at);
    }
  }

  private check(
    threshold: ThresholdRecord,
    vnfcId: string | undefined,
    value: number | undefined,
    at: number,
  ): void {
    if (value === undefined) return;
    const details = threshold.criteria.simpleThresholdDetails!;
    const key = `${threshold.id}|${vnfcId ?? ""}`;
    const previous = this.sides.get(key);
    const side: Side | undefined =
      value > details.thresholdValue + details.hysteresis
        ? "above"
        : value < details.thresholdValue - details.hysteresis
          ? "below"
          : undefined;
    if (!side) return; // inside the hysteresis band: nothing changes
    this.sides.set(key, side);
    if (previous === undefined || previous === side) return;
    const notification: ThresholdCrossedNotification = {
      id: randomUUID(),
      notificationType: "ThresholdCrossedNotification",
      timeStamp: new Date(at).toISOString(),
      thresholdId: threshold.id,
      crossingDirection: side === "above" ? "UP" : "DOWN",
      objectType: threshold.objectType,
      objectInstanceId: threshold.objectInstanceId,
      ...(vnfcId ? { subObjectInstanceId: vnfcId } : {}),
      performanceMetric: threshold.criteria.performanceMetric,
      performanceValue: value,
      _links: {
        objectInstance: link(this.context.vnfInstanceHref(threshold.objectInstanceId)),
        threshold: link(`${this.context.apiRoot}/vnfpm/v2/thresholds/${threshold.id}`),
      },
    };
    this.context.sender.send(threshold, notification);
  }
}
