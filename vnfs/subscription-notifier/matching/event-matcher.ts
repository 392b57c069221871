import { createHash } from "node:crypto";
import type { OutgoingMessage } from "../../runtime-kit/bus/message-bus.js";
import type { MeasurementValue } from "../../runtime-kit/primitives/request-primitive.js";
import type { StoredEvent, StoredMeasurement } from "../../runtime-kit/primitives/stored-event.js";
import type { SubscriptionIndex } from "../subscriptions/subscription-index.js";
import type { SubscriptionRecord } from "../subscriptions/subscription-records.js";
import { satisfies } from "./criteria.js";
import { partitionRoutingKey } from "../delivery/partitions.js";

/** What the matcher hands to the delivery stage: which subscription, and the notification body. */
export interface NotificationJob {
  subscription: string;
  notification: {
    notificationId: string;
    subscriptionId: string;
    tenant: string;
    deviceId: string;
    event: "measurement" | "fault";
    measurements?: { attribute: string; value: MeasurementValue; timestamp: string }[];
    fault?: Record<string, unknown>;
  };
}

/**
 * Matches events against the subscriptions of their tenant (TR 103 527 Figure 11 steps 7-8).
 * Notification ids derive from the subscription and the source event, so the same event matched
 * again after a redelivery produces the same id, and receivers can discard duplicates.
 */
export class EventMatcher {
  private readonly previous = new Map<string, MeasurementValue>();

  constructor(
    private readonly index: SubscriptionIndex,
    private readonly partitions: number,
    private readonly maxTracked = 500_000,
  ) {}

  matchStored(event: StoredEvent, sourceId: string): OutgoingMessage[] {
    const jobs: OutgoingMessage[] = [];
    for (const subscription of this.index.forDevice(event.tenant, event.deviceId)) {
      if (!subscription.events.includes("measurement")) continue;
      const selected = this.select(subscription, event);
      if (selected.length === 0) continue;
      jobs.push(this.job(subscription, sourceId, event.deviceId, "measurement", { measurements: selected }));
    }
    return jobs;
  }

  matchFault(
    fault: { tenant: string; deviceId: string } & Record<string, unknown>,
    sourceId: string,
  ): OutgoingMessage[] {
    return this.index
      .forDevice(fault.tenant, fault.deviceId)
      .filter((subscription) => subscription.events.includes("fault"))
      .map((subscription) => this.job(subscription, sourceId, fault.deviceId, "fault", { fault }));
  }

  private select(subscription: SubscriptionRecord, event: StoredEvent) {
    const wanted = subscription.attributes ? new Set(subscription.attributes) : undefined;
    const relevant = event.measurements.filter((measurement) => !wanted || wanted.has(measurement.attribute));
    if (relevant.length === 0) return [];
    const criteria = subscription.criteria ?? [];
    const latest = new Map<string, StoredMeasurement>();
    for (const measurement of event.measurements) latest.set(measurement.attribute, measurement);
    const holds = criteria.every((criterion) => {
      const measurement = latest.get(criterion.attribute);
      if (!measurement) return false;
      const key = `${subscription.id}\u0000${event.deviceId}\u0000${criterion.attribute}`;
      return satisfies(criterion, measurement.value, this.previous.get(key));
    });
    for (const measurement of event.measurements)
      this.remember(
        `${subscription.id}\u0000${event.deviceId}\u0000${measurement.attribute}`,
        measurement.value,
      );
    if (!holds) return [];
    return relevant.map(({ attribute, value, timestamp }) => ({ attribute, value, timestamp }));
  }

  private remember(key: string, value: MeasurementValue): void {
    this.previous.delete(key);
    this.previous.set(key, value);
    if (this.previous.size > this.maxTracked) this.previous.delete(this.previous.keys().next().value!);
  }

  private job(
    subscription: SubscriptionRecord,
    sourceId: string,
    deviceId: string,
    event: "measurement" | "fault",
    content: Pick<NotificationJob["notification"], "measurements" | "fault">,
  ): OutgoingMessage {
    const notificationId = createHash("sha256")
      .update(`${subscription.id}\u0000${sourceId}`)
      .digest("base64url");
    const body: NotificationJob = {
      subscription: subscription.id,
      notification: {
        notificationId,
        subscriptionId: subscription.subscriptionId,
        tenant: subscription.tenant,
        deviceId,
        event,
        ...content,
      },
    };
    return {
      routingKey: partitionRoutingKey(subscription.id, this.partitions),
      messageId: notificationId,
      body: body as unknown as OutgoingMessage["body"],
    };
  }
}
