import { randomUUID } from "node:crypto";
import { Router } from "express";
import type { components } from "../../../api-specs/types/vnfind-v1.js";
import type { VnfView } from "../../hub/monitoring-hub.js";
import { apiError } from "../common/api-error.js";
import { link, type ApiContext } from "../common/api-context.js";
import { allowOnly, filtered, requireMediaType } from "../common/http.js";
import type { SpecSchemas } from "../common/spec-schemas.js";
import { instanceMatches, type SubscriptionRecord, type Subscriptions } from "../common/subscriptions.js";

type VnfIndicator = components["schemas"]["VnfIndicator"];
type IndicatorFilter = components["schemas"]["VnfIndicatorNotificationsFilter"];
type SubscriptionRequest = components["schemas"]["VnfIndicatorSubscriptionRequest"];
type Subscription = components["schemas"]["VnfIndicatorSubscription"];
type ValueChange = components["schemas"]["VnfIndicatorValueChangeNotification"];

export const IND_API_VERSION = "1.3.0";
const indicatorFilterPaths = ["id", "name", "value", "vnfInstanceId"];
const subscriptionFilterPaths = [
  "id",
  "callbackUri",
  "filter/notificationTypes",
  "filter/indicatorIds",
  "filter/vnfInstanceSubscriptionFilter/vnfInstanceIds",
];

/** Current indicators of one VNF instance: the descriptor's indicator KPIs that have a value. */
export function indicatorsOf(view: VnfView, context: ApiContext): VnfIndicator[] {
  return view.profile.indicators.flatMap((indicator) => {
    const value = view.snapshot?.values[indicator.kpi];
    if (value === undefined) return [];
    return [
      {
        id: indicator.id,
        name: indicator.name,
        value,
        vnfInstanceId: view.vnf.id,
        _links: {
          self: link(`${context.apiRoot}/vnfind/v1/indicators/${view.vnf.id}/${indicator.id}`),
          vnfInstance: link(context.vnfInstanceHref(view.vnf.id)),
        },
      },
    ];
  });
}

function subscriptionView(record: SubscriptionRecord<IndicatorFilter>, context: ApiContext): Subscription {
  return {
    id: record.id,
    ...(record.filter ? { filter: record.filter } : {}),
    callbackUri: record.callbackUri,
    _links: { self: link(`${context.apiRoot}/vnfind/v1/indicators/subscriptions/${record.id}`) },
  };
}

/** SOL003 8.4.2-8.4.6. The individual subscription is served at both paths (SOURCES.md oddity). */
export function indicatorsRouter(
  context: ApiContext,
  schemas: SpecSchemas,
  subscriptions: Subscriptions<IndicatorFilter>,
): Router {
  const router = Router();
  allowOnly(router, "/indicators", ["GET"]);
  allowOnly(router, "/subscriptions", ["GET", "POST"]);
  for (const path of ["/indicators/subscriptions/:subscriptionId", "/subscriptions/:subscriptionId"]) {
    allowOnly(router, path, ["GET", "DELETE"]);
    router.get(path, async (req, res) => {
      res.json(subscriptionView(await subscriptions.get(String(req.params.subscriptionId)), context));
    });
    router.delete(path, async (req, res) => {
      await subscriptions.remove(String(req.params.subscriptionId));
      res.status(204).end();
    });
  }
  allowOnly(router, "/indicators/:vnfInstanceId", ["GET"]);
  allowOnly(router, "/indicators/:vnfInstanceId/:indicatorId", ["GET"]);

  router.get("/indicators", (req, res) => {
    res.json(
      filtered(
        req,
        context.hub.list().flatMap((view) => indicatorsOf(view, context)),
        indicatorFilterPaths,
      ),
    );
  });

  router.get("/indicators/:vnfInstanceId", (req, res) => {
    const view = context.hub.get(req.params.vnfInstanceId);
    if (!view) throw apiError("NOT_FOUND", `no monitored VNF instance ${req.params.vnfInstanceId}`);
    res.json(filtered(req, indicatorsOf(view, context), indicatorFilterPaths));
  });

  router.get("/indicators/:vnfInstanceId/:indicatorId", (req, res) => {
    const view = context.hub.get(req.params.vnfInstanceId);
    if (!view) throw apiError("NOT_FOUND", `no monitored VNF instance ${req.params.vnfInstanceId}`);
    const indicator = indicatorsOf(view, context).find(
      (candidate) => candidate.id === req.params.indicatorId,
    );
    if (!indicator)
      throw apiError(
        "NOT_FOUND",
        `VNF instance ${view.vnf.id} has no indicator ${req.params.indicatorId} with a value`,
      );
    res.json(indicator);
  });

  router.post("/subscriptions", async (req, res) => {
    requireMediaType(req, ["application/json"]);
    const request = schemas.check<SubscriptionRequest>("VnfIndicatorSubscriptionRequest", req.body);
    await subscriptions.create(res, request, (record) => subscriptionView(record, context));
  });

  router.get("/subscriptions", async (req, res) => {
    const all = await subscriptions.all();
    res.json(
      filtered(
        req,
        all.map((record) => subscriptionView(record, context)),
        subscriptionFilterPaths,
      ),
    );
  });
  return router;
}

/**
 * Sends VnfIndicatorValueChangeNotification when an indicator's value changed, at most once per
 * the KPI's collection period per instance (a continuously varying KPI would otherwise notify
 * every cycle).
 */
export class IndicatorNotifier {
  private readonly last = new Map<string, { value: number; at: number }>();

  constructor(
    private readonly context: ApiContext,
    private readonly subscriptions: Subscriptions<IndicatorFilter>,
  ) {}

  async observe(view: VnfView): Promise<void> {
    const at = view.snapshot?.at ?? Date.now();
    const changed: VnfIndicator[] = [];
    for (const indicator of indicatorsOf(view, this.context)) {
      const key = `${view.vnf.id}|${indicator.id}`;
      const previous = this.last.get(key);
      const interval =
        (view.profile.indicators.find((entry) => entry.id === indicator.id)?.minIntervalSeconds ?? 0) * 1000;
      if (previous && (previous.value === indicator.value || at - previous.at < interval)) continue;
      this.last.set(key, { value: indicator.value, at });
      if (previous) changed.push(indicator);
    }
    if (changed.length === 0) return;
    const all = await this.subscriptions.all();
    for (const indicator of changed) {
      for (const subscription of all) {
        const filter = subscription.filter;
        if (
          filter?.notificationTypes &&
          !filter.notificationTypes.includes("VnfIndicatorValueChangeNotification")
        )
          continue;
        if (filter?.indicatorIds && !filter.indicatorIds.includes(indicator.id)) continue;
        if (!instanceMatches(filter?.vnfInstanceSubscriptionFilter, view.vnf, view.vnf.id)) continue;
        const notification: ValueChange = {
          id: randomUUID(),
          notificationType: "VnfIndicatorValueChangeNotification",
          subscriptionId: subscription.id,
          timeStamp: new Date(at).toISOString(),
          vnfIndicatorId: indicator.id,
          ...(indicator.name ? { name: indicator.name } : {}),
          value: indicator.value,
          vnfInstanceId: view.vnf.id,
          _links: {
            vnfInstance: indicator._links.vnfInstance,
            subscription: link(
              `${this.context.apiRoot}/vnfind/v1/indicators/subscriptions/${subscription.id}`,
            ),
          },
        };
        this.context.sender.send(subscription, notification);
      }
    }
  }
}
