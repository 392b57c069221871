import { Counter } from "prom-client";
import type { IvfDefinition } from "../runtime-kit/ivf-process.js";
import { IvfKpis } from "../runtime-kit/metrics/ivf-kpis.js";
import { PoisonMessageError, type Consumer, type Delivery } from "../runtime-kit/bus/message-bus.js";
import { InvalidStoredEventError, storedEventsOf } from "../runtime-kit/primitives/stored-event.js";
import { IDENTIFIER_PATTERN } from "../runtime-kit/primitives/request-primitive.js";
import { openSubscriptions } from "./subscriptions/subscription-records.js";
import { SubscriptionIndex } from "./subscriptions/subscription-index.js";
import { EventMatcher } from "./matching/event-matcher.js";
import { NOTIFICATIONS_EXCHANGE, partitionQueue } from "./delivery/partitions.js";
import { MqttSender } from "./delivery/mqtt-sender.js";
import { loadTlsMaterial } from "../runtime-kit/http/tls-material.js";
import { deliveryHandler } from "./delivery/delivery-handler.js";
import { WebhookSender } from "./delivery/webhook-sender.js";
import { WebhookPolicy } from "./webhook-policy/webhook-policy.js";
import { subscriptionNotifierSettings } from "./settings.js";

const CAPACITY_PER_SECOND = 5_000;
const MATCH_QUEUE = "subscription-notifier.events";
const DELIVERY_QUEUE_PREFIX = "subscription-notifier.delivery";

/**
 * subscription-notifier (TR 103 527 subscription/notification, Figure 11 steps 7-9): matches
 * stored and fault events against subscriptions and notifies by webhook or MQTT. Two stages on
 * the bus: one matcher (single active consumer, so events are matched in the order they were
 * stored) and N delivery partitions (each a single active consumer delivering in order, with
 * retries and a dead-letter queue).
 */
export const definition: IvfDefinition<typeof subscriptionNotifierSettings> = {
  name: "subscription-notifier",
  settings: subscriptionNotifierSettings,
  uses: { bus: true, store: { database: "iot" } },
  async start({ config, bus, store, metrics, readiness, logger, shutdown }) {
    const kpis = new IvfKpis({ registry: metrics, capacityPerSecond: CAPACITY_PER_SECOND });
    kpis.watchReadiness(readiness);
    const notifications = new Counter({
      name: "iotvf_notifications_total",
      help: "Notification attempts by target kind and outcome (delivered, retried, dead_lettered, dropped)",
      labelNames: ["target", "outcome"],
      registers: [metrics],
    });
    const webhook = new WebhookSender(
      WebhookPolicy.create(config.webhookAllow, [config.amqpUrl, config.mongodbUrl, config.mqttUrl]),
      config.webhookTimeout,
    );
    shutdown.add("close webhook connections", () => webhook.close());
    const subscriptions = await openSubscriptions(store);
    const index = new SubscriptionIndex(subscriptions, (id, problems) =>
      logger.warn({ subscription: id, problems }, "stored subscription is invalid; skipped"),
    );
    await index.refresh();
    index.startRefreshing(config.refreshInterval, (error) =>
      logger.error({ err: error }, "subscription refresh failed"),
    );
    shutdown.add("stop subscription refresh", () => index.stop());

    const mqtt = config.mqttUrl
      ? await MqttSender.connect(
          config.mqttUrl,
          config.mqttTopicPrefix,
          `notifier-${config.instanceId}`,
          loadTlsMaterial(
            {
              caFile: config.mqttTlsCaFile,
              certFile: config.mqttTlsCertFile,
              keyFile: config.mqttTlsKeyFile,
            },
            {
              caFile: "IVF_NOTIFIER_MQTT_TLS_CA_FILE",
              certFile: "IVF_NOTIFIER_MQTT_TLS_CERT_FILE",
              keyFile: "IVF_NOTIFIER_MQTT_TLS_KEY_FILE",
            },
          ),
        )
      : undefined;
    if (mqtt) {
      shutdown.add("close MQTT notifications", () => mqtt.close());
      readiness.add("mqtt", () => mqtt.connected);
    }

    await bus.declareExchange(config.eventsExchange);
    await bus.declareExchange(NOTIFICATIONS_EXCHANGE);
    const matcher = new EventMatcher(index, config.partitions);
    const consumers: Consumer[] = [];
    consumers.push(
      await bus.consume(
        {
          name: MATCH_QUEUE,
          exchange: config.eventsExchange,
          bindings: ["stored.#", "fault.#"],
          singleActiveConsumer: true,
        },
        matchHandler(matcher, (jobs) => bus.publishBatch(NOTIFICATIONS_EXCHANGE, jobs), kpis),
        { prefetch: 1, consumerTag: `notifier-match-${config.instanceId}` },
      ),
    );
    kpis.watchQueue(bus, MATCH_QUEUE);
    const backoffMs = config.retryBackoff.map(Number).filter((ms) => Number.isFinite(ms) && ms >= 0);
    const deliver = deliveryHandler({
      subscriptions,
      mqtt,
      backoffMs,
      webhook,
      logger,
      notifications,
    });
    for (let partition = 0; partition < config.partitions; partition++) {
      const name = partitionQueue(DELIVERY_QUEUE_PREFIX, partition);
      consumers.push(
        await bus.consume(
          {
            name,
            exchange: NOTIFICATIONS_EXCHANGE,
            bindings: [`notify.p${partition}`],
            singleActiveConsumer: true,
            maxDeliveries: 3,
          },
          deliver,
          { prefetch: 1, consumerTag: `notifier-p${partition}-${config.instanceId}` },
        ),
      );
      kpis.watchQueue(bus, name);
    }
    readiness.add("subscriptions", () => index.loaded);
    shutdown.add("stop consumers", async () => {
      await Promise.all(consumers.map((consumer) => consumer.stop(config.shutdownGrace)));
    });
  },
};

/** Matches one event; notification jobs are published (confirmed) before the event is acknowledged. */
function matchHandler(
  matcher: EventMatcher,
  publish: (jobs: ReturnType<EventMatcher["matchStored"]>) => Promise<void>,
  kpis: IvfKpis,
): (delivery: Delivery) => Promise<void> {
  return async (delivery) => {
    const started = performance.now();
    kpis.received.inc({ protocol: "amqp" });
    // A stored envelope's events are matched in their order, each under its own event id.
    const jobs = delivery.routingKey.startsWith("fault.")
      ? matcher.matchFault(parseFault(delivery.body), delivery.messageId)
      : parseStored(delivery).flatMap(({ eventId, event }) => matcher.matchStored(event, eventId));
    if (jobs.length > 0) await publish(jobs);
    kpis.recordProcessed("ok", (performance.now() - started) / 1000);
  };
}

function parseStored(delivery: Delivery) {
  try {
    return storedEventsOf(delivery);
  } catch (error) {
    if (error instanceof InvalidStoredEventError) throw new PoisonMessageError(error.message);
    throw error;
  }
}

function parseFault(body: unknown): { tenant: string; deviceId: string } & Record<string, unknown> {
  const fault = body as Record<string, unknown> | null;
  if (
    !fault ||
    typeof fault.tenant !== "string" ||
    typeof fault.deviceId !== "string" ||
    !IDENTIFIER_PATTERN.test(fault.tenant) ||
    !IDENTIFIER_PATTERN.test(fault.deviceId)
  ) {
    throw new PoisonMessageError("fault event without a valid tenant and deviceId");
  }
  return fault as { tenant: string; deviceId: string } & Record<string, unknown>;
}
