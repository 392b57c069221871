import { randomUUID } from "node:crypto";
import type { components } from "../../../api-specs/types/cloud-api.js";
import { requireRole } from "../../runtime-kit/auth/bearer-auth.js";
import { ProblemError, type OperationHandler } from "../../runtime-kit/http/openapi/openapi-router.js";
import type { Collection } from "../../runtime-kit/store/document-store.js";
import type { DeviceRecord } from "../../field-gateway/registry/device-records.js";
import {
  subscriptionProblems,
  subscriptionRecordId,
  type SubscriptionRecord,
} from "../../subscription-notifier/subscriptions/subscription-records.js";
import type { WebhookPolicy } from "../../subscription-notifier/webhook-policy/webhook-policy.js";
import type { Principal } from "../auth/authenticator.js";
import { conflict, subscriptionNotFound, unprocessable } from "./api-problems.js";

type Schemas = components["schemas"];

/**
 * Subscriptions (TR 103 527 Figure 11 steps 7-9): cloud-api writes the `subscriptions` records
 * that the subscription notifier matches events against. A record is checked with the
 * notifier's own validation before it is stored, so the notifier never skips one written here.
 * Writers create and delete, readers read; the tenant is the caller's, always.
 */
export function subscriptionHandlers(deps: {
  subscriptions: Collection<SubscriptionRecord>;
  devices: Collection<DeviceRecord>;
  /** The notifier's webhook target policy (SSRF guard), applied before a subscription is stored. */
  webhookPolicy: WebhookPolicy;
}): Record<string, OperationHandler> {
  const { subscriptions, devices } = deps;

  async function existing(tenant: string, subscriptionId: string) {
    const record = await subscriptions.get(subscriptionRecordId(tenant, subscriptionId));
    if (!record || record.tenant !== tenant) throw subscriptionNotFound(subscriptionId);
    return record;
  }

  return {
    async createSubscription(input) {
      const principal = input.auth as Principal;
      requireRole(principal, "writer");
      const { tenant } = principal;
      const body = input.body as Schemas["SubscriptionCreation"];
      if (body.deviceIds) await requireDevices(devices, tenant, body.deviceIds);
      const subscriptionId = body.subscriptionId ?? randomUUID();
      const record: SubscriptionRecord = {
        id: subscriptionRecordId(tenant, subscriptionId),
        tenant,
        subscriptionId,
        events: body.events ?? ["measurement"],
        target: body.target,
        status: body.status ?? "active",
        createdAt: new Date().toISOString(),
        ...(body.deviceIds ? { deviceIds: body.deviceIds } : {}),
        ...(body.attributes ? { attributes: body.attributes } : {}),
        ...(body.criteria ? { criteria: body.criteria } : {}),
      };
      const problems = subscriptionProblems(record);
      if (problems.length > 0) {
        throw new ProblemError({
          type: "urn:ivf:problem:cloud-api:invalid-subscription",
          title: "The subscription is not valid",
          status: 400,
          detail: problems.join("; "),
          errors: problems.map((detail) => ({ pointer: "/body", detail })),
        });
      }
      const refused =
        record.target.kind === "webhook" ? deps.webhookPolicy.urlProblem(record.target.url) : undefined;
      if (refused) throw unprocessable(refused, [{ pointer: "/body/target/url", detail: refused }]);
      if ((await subscriptions.insert(record)) === "duplicate")
        throw conflict(`subscription ${subscriptionId} exists already; choose another subscriptionId`);
      return {
        status: 201,
        headers: { Location: `/v1/subscriptions/${subscriptionId}` },
        body: subscriptionView(record),
      };
    },
    async listSubscriptions(input) {
      const { tenant } = input.auth as Principal;
      const limit = (input.query.limit as number | undefined) ?? 100;
      const offset = (input.query.offset as number | undefined) ?? 0;
      const [items, total] = await Promise.all([
        subscriptions.find({ where: { tenant }, orderBy: [{ field: "subscriptionId" }], limit, offset }),
        subscriptions.count({ tenant }),
      ]);
      return { status: 200, body: { items: items.map(subscriptionView), total, limit, offset } };
    },
    async getSubscription(input) {
      const { tenant } = input.auth as Principal;
      return {
        status: 200,
        body: subscriptionView(await existing(tenant, input.path.subscriptionId as string)),
      };
    },
    async deleteSubscription(input) {
      const principal = input.auth as Principal;
      requireRole(principal, "writer");
      const record = await existing(principal.tenant, input.path.subscriptionId as string);
      await subscriptions.delete(record.id);
      return { status: 204 };
    },
  };
}

/** 422 naming every listed device that is not in the caller's tenant (no hint of other tenants). */
async function requireDevices(
  devices: Collection<DeviceRecord>,
  tenant: string,
  deviceIds: string[],
): Promise<void> {
  const found = await devices.find({ where: { tenant, deviceId: { in: deviceIds } } });
  const known = new Set(found.map((device) => device.deviceId));
  const missing = deviceIds.filter((id) => !known.has(id));
  if (missing.length === 0) return;
  throw unprocessable(
    `device(s) ${missing.slice(0, 20).join(", ")}${missing.length > 20 ? ", ..." : ""} do not exist in your tenant`,
    missing.slice(0, 20).map((id) => ({
      pointer: `/body/deviceIds/${deviceIds.indexOf(id)}`,
      detail: `device ${id} does not exist in your tenant`,
    })),
  );
}

/** The subscription as shown: the webhook secret is never returned, only whether there is one. */
export function subscriptionView(record: SubscriptionRecord): Schemas["Subscription"] {
  const target: Schemas["SubscriptionTargetView"] =
    record.target.kind === "webhook"
      ? { kind: "webhook", url: record.target.url, signed: record.target.secret !== undefined }
      : {
          kind: "mqtt",
          ...(record.target.topicSuffix !== undefined ? { topicSuffix: record.target.topicSuffix } : {}),
        };
  return {
    subscriptionId: record.subscriptionId,
    events: record.events,
    target,
    status: record.status,
    createdAt: record.createdAt,
    ...(record.deviceIds ? { deviceIds: record.deviceIds } : {}),
    ...(record.attributes ? { attributes: record.attributes } : {}),
    ...(record.criteria ? { criteria: record.criteria } : {}),
  };
}
