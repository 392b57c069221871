import { randomUUID } from "node:crypto";
import { Router } from "express";
import type { components } from "../../../api-specs/types/vnffm-v1.js";
import type { AlarmEvent } from "../../fault/alarm-manager.js";
import type { AlarmRecord } from "../../fault/alarm-model.js";
import { apiError } from "../common/api-error.js";
import { link, type ApiContext } from "../common/api-context.js";
import { allowOnly, filtered, requireMediaType } from "../common/http.js";
import type { SpecSchemas } from "../common/spec-schemas.js";
import { instanceMatches, type SubscriptionRecord, type Subscriptions } from "../common/subscriptions.js";

type Alarm = components["schemas"]["Alarm"];
type FmSubscription = components["schemas"]["FmSubscription"];
type FmSubscriptionRequest = components["schemas"]["FmSubscriptionRequest"];
type FmFilter = components["schemas"]["FmNotificationsFilter"];
type AlarmModifications = components["schemas"]["AlarmModifications"];

export const FM_API_VERSION = "1.3.0";

const alarmFilterPaths = [
  "id",
  "managedObjectId",
  "vnfcInstanceIds",
  "rootCauseFaultyResource/faultyResourceType",
  "eventType",
  "perceivedSeverity",
  "probableCause",
  "ackState",
  "faultType",
  "isRootCause",
];
const subscriptionFilterPaths = [
  "id",
  "callbackUri",
  "filter/notificationTypes",
  "filter/perceivedSeverities",
  "filter/eventTypes",
  "filter/probableCauses",
  "filter/vnfInstanceSubscriptionFilter/vnfInstanceIds",
];

export function alarmView(record: AlarmRecord, context: ApiContext): Alarm {
  const {
    faultKey: _key,
    active: _active,
    version: _version,
    ...alarm
  } = record as AlarmRecord & { version?: number };
  return {
    ...alarm,
    _links: {
      self: link(`${context.apiRoot}/vnffm/v1/alarms/${record.id}`),
      objectInstance: link(context.vnfInstanceHref(record.managedObjectId)),
    },
  };
}

function subscriptionView(record: SubscriptionRecord<FmFilter>, context: ApiContext): FmSubscription {
  return {
    id: record.id,
    ...(record.filter ? { filter: record.filter } : {}),
    callbackUri: record.callbackUri,
    _links: { self: link(`${context.apiRoot}/vnffm/v1/subscriptions/${record.id}`) },
  };
}

/** SOL003 7.4.2-7.4.5: alarms, individual alarm (acknowledge), subscriptions. */
export function fmRouter(
  context: ApiContext,
  schemas: SpecSchemas,
  subscriptions: Subscriptions<FmFilter>,
): Router {
  const router = Router();
  allowOnly(router, "/alarms", ["GET"]);
  allowOnly(router, "/alarms/:alarmId", ["GET", "PATCH"]);
  allowOnly(router, "/subscriptions", ["GET", "POST"]);
  allowOnly(router, "/subscriptions/:subscriptionId", ["GET", "DELETE"]);

  router.get("/alarms", async (req, res) => {
    const alarms = await context.alarms.list();
    res.json(
      filtered(
        req,
        alarms.map((alarm) => alarmView(alarm, context)),
        alarmFilterPaths,
      ),
    );
  });

  router.get("/alarms/:alarmId", async (req, res) => {
    const alarm = await context.alarms.get(req.params.alarmId);
    if (!alarm) throw apiError("NOT_FOUND", `no alarm ${req.params.alarmId}`);
    res.setHeader("ETag", `"${alarm.version}"`);
    res.json(alarmView(alarm, context));
  });

  router.patch("/alarms/:alarmId", async (req, res) => {
    requireMediaType(req, ["application/merge-patch+json", "application/json"]);
    const change = schemas.check<AlarmModifications>("AlarmModifications", req.body);
    const alarm = await context.alarms.get(req.params.alarmId);
    if (!alarm) throw apiError("NOT_FOUND", `no alarm ${req.params.alarmId}`);
    const ifMatch = req.header("if-match");
    if (ifMatch !== undefined && ifMatch !== `"${alarm.version}"`) {
      throw apiError(
        "PRECONDITION_FAILED",
        `If-Match ${ifMatch} does not match the alarm's ETag "${alarm.version}"; read it again`,
      );
    }
    // SOL003 7.4.3.3.4: 409 when the alarm already is in the requested state.
    if (alarm.ackState === change.ackState)
      throw apiError("STATE_CONFLICT", `alarm ${alarm.id} is already ${alarm.ackState}`);
    const updated = await context.alarms.setAckState(alarm.id, change.ackState, alarm.version);
    res.setHeader("ETag", `"${updated.version}"`);
    res.json({ ackState: updated.ackState });
  });

  router.post("/subscriptions", async (req, res) => {
    requireMediaType(req, ["application/json"]);
    const request = schemas.check<FmSubscriptionRequest>("FmSubscriptionRequest", req.body);
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

  router.get("/subscriptions/:subscriptionId", async (req, res) => {
    res.json(subscriptionView(await subscriptions.get(req.params.subscriptionId), context));
  });

  router.delete("/subscriptions/:subscriptionId", async (req, res) => {
    await subscriptions.remove(req.params.subscriptionId);
    res.status(204).end();
  });
  return router;
}

/** Sends AlarmNotification / AlarmClearedNotification to every matching subscription (SOL003 7.4.6). */
export function alarmNotifier(
  context: ApiContext,
  subscriptions: Subscriptions<FmFilter>,
): (event: AlarmEvent) => void {
  return (event) => {
    void (async () => {
      const type = event.kind === "cleared" ? "AlarmClearedNotification" : "AlarmNotification";
      const vnf = context.hub.get(event.alarm.managedObjectId)?.vnf;
      for (const subscription of await subscriptions.all()) {
        if (!fmFilterMatches(subscription.filter, type, event.alarm, vnf)) continue;
        const base = {
          id: randomUUID(),
          notificationType: type,
          subscriptionId: subscription.id,
          timeStamp: new Date().toISOString(),
        };
        const subscriptionLink = link(`${context.apiRoot}/vnffm/v1/subscriptions/${subscription.id}`);
        const body =
          event.kind === "cleared"
            ? {
                ...base,
                alarmId: event.alarm.id,
                alarmClearedTime: event.alarm.alarmClearedTime!,
                _links: {
                  subscription: subscriptionLink,
                  alarm: link(`${context.apiRoot}/vnffm/v1/alarms/${event.alarm.id}`),
                },
              }
            : { ...base, alarm: alarmView(event.alarm, context), _links: { subscription: subscriptionLink } };
        context.sender.send(subscription, body);
      }
    })().catch((error) => context.logger.error({ err: error }, "alarm notification failed"));
  };
}

function fmFilterMatches(
  filter: FmFilter | undefined,
  type: string,
  alarm: AlarmRecord,
  vnf: { id: string; vnfdId?: string; vnfInstanceName?: string } | undefined,
): boolean {
  if (!filter) return true;
  if (filter.notificationTypes && !filter.notificationTypes.includes(type as never)) return false;
  if (!instanceMatches(filter.vnfInstanceSubscriptionFilter, vnf, alarm.managedObjectId)) return false;
  if (type === "AlarmClearedNotification") return true; // the other criteria describe the raised alarm
  if (filter.perceivedSeverities && !filter.perceivedSeverities.includes(alarm.perceivedSeverity))
    return false;
  if (filter.eventTypes && !filter.eventTypes.includes(alarm.eventType)) return false;
  if (filter.probableCauses && !filter.probableCauses.includes(alarm.probableCause)) return false;
  return true;
}
