import type { Delivery } from "../../runtime-kit/bus/message-bus.js";
import { PoisonMessageError } from "../../runtime-kit/bus/message-bus.js";
import type { Logger } from "../../runtime-kit/logging/logger.js";
import type { Counter } from "prom-client";
import type { NotificationJob } from "../matching/event-matcher.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { SubscriptionRecord } from "../subscriptions/subscription-records.js";
import type { MqttSender } from "./mqtt-sender.js";
import type { SendOutcome, WebhookSender } from "./webhook-sender.js";

export interface DeliveryDeps {
  subscriptions: Collection<SubscriptionRecord>;
  mqtt: MqttSender | undefined;
  /** Applies the webhook target policy before every attempt. */
  webhook: WebhookSender;
  /** Delays between attempts; their count + 1 is the number of attempts before dead-lettering. */
  backoffMs: number[];
  logger: Logger;
  notifications: Counter<"target" | "outcome">;
  sleep?: (ms: number) => Promise<void>;
}

const wait = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Delivers one notification, retrying in place with backoff so later notifications of the same
 * subscription wait (per-subscriber order). After the last attempt, or at once for a permanent
 * refusal, the notification goes to the partition's dead-letter queue with the reason, and the
 * next one proceeds. A paused or deleted subscription's pending notifications are dropped.
 */
export function deliveryHandler(deps: DeliveryDeps): (delivery: Delivery) => Promise<void> {
  const sleep = deps.sleep ?? wait;
  return async (delivery) => {
    const job = delivery.body as unknown as NotificationJob;
    const subscription = await deps.subscriptions.get(job.subscription);
    if (!subscription || subscription.status !== "active") {
      deps.notifications.inc({ target: "none", outcome: "dropped" });
      return;
    }
    const body = JSON.stringify({ ...job.notification, sentAt: new Date().toISOString() });
    const target = subscription.target.kind;
    let outcome: SendOutcome = { ok: false, retry: true, reason: "not attempted" };
    for (let attempt = 0; attempt <= deps.backoffMs.length; attempt++) {
      if (attempt > 0) await sleep(deps.backoffMs[attempt - 1]!);
      outcome = await send(deps, subscription, job, body);
      if (outcome.ok || !outcome.retry) break;
      deps.notifications.inc({ target, outcome: "retried" });
    }
    if (outcome.ok) {
      deps.notifications.inc({ target, outcome: "delivered" });
      return;
    }
    deps.notifications.inc({ target, outcome: "dead_lettered" });
    deps.logger.warn(
      {
        subscription: subscription.id,
        notificationId: job.notification.notificationId,
        reason: outcome.reason,
      },
      "notification dead-lettered",
    );
    throw new PoisonMessageError(
      `notification ${job.notification.notificationId} not delivered: ${outcome.reason}`,
    );
  };
}

async function send(
  deps: DeliveryDeps,
  subscription: SubscriptionRecord,
  job: NotificationJob,
  body: string,
): Promise<SendOutcome> {
  const target = subscription.target;
  if (target.kind === "webhook") {
    return deps.webhook.send(target.url, body, {
      notificationId: job.notification.notificationId,
      ...(target.secret ? { secret: target.secret } : {}),
    });
  }
  if (!deps.mqtt)
    return {
      ok: false,
      retry: false,
      reason: "no MQTT broker configured for notifications (IVF_NOTIFIER_MQTT_URL)",
    };
  return deps.mqtt.send(
    deps.mqtt.topic(subscription.tenant, subscription.subscriptionId, target.topicSuffix),
    body,
  );
}
