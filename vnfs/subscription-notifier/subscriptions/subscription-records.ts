import { Ajv } from "ajv";
import type { Collection, DocumentStore } from "../../runtime-kit/store/document-store.js";
import { ATTRIBUTE_PATTERN, IDENTIFIER_PATTERN } from "../../runtime-kit/primitives/request-primitive.js";

/**
 * Subscriptions of applications to device data (collection `subscriptions`, id
 * `<tenant>/<subscriptionId>`). The cloud API writes them; the subscription notifier reads them.
 * A subscription selects devices (ids, or every device of the tenant), optionally attributes,
 * optional criteria that all must hold, and what it is notified of: measurements, faults or both.
 */
export const SUBSCRIPTIONS = "subscriptions";

export type CriterionOperator = "gt" | "gte" | "lt" | "lte" | "eq" | "ne" | "changed";

export interface Criterion {
  attribute: string;
  operator: CriterionOperator;
  /** Not used by `changed`. */
  value?: number | string | boolean;
}

export type NotificationTarget =
  { kind: "webhook"; url: string; secret?: string } | { kind: "mqtt"; topicSuffix?: string };

export interface SubscriptionRecord {
  id: string;
  tenant: string;
  subscriptionId: string;
  /** Device ids, or absent for every device of the tenant. */
  deviceIds?: string[];
  attributes?: string[];
  criteria?: Criterion[];
  events: ("measurement" | "fault")[];
  target: NotificationTarget;
  status: "active" | "paused";
  createdAt: string;
}

const identifier = { type: "string", pattern: IDENTIFIER_PATTERN.source };
const attribute = { type: "string", pattern: ATTRIBUTE_PATTERN.source };

export const subscriptionSchema = {
  type: "object",
  required: ["id", "tenant", "subscriptionId", "events", "target", "status", "createdAt"],
  properties: {
    id: { type: "string", maxLength: 130 },
    tenant: identifier,
    subscriptionId: identifier,
    deviceIds: { type: "array", items: identifier, minItems: 1, maxItems: 10_000, uniqueItems: true },
    attributes: { type: "array", items: attribute, minItems: 1, maxItems: 100, uniqueItems: true },
    criteria: {
      type: "array",
      maxItems: 20,
      items: {
        type: "object",
        additionalProperties: false,
        required: ["attribute", "operator"],
        properties: {
          attribute,
          operator: { enum: ["gt", "gte", "lt", "lte", "eq", "ne", "changed"] },
          value: { type: ["number", "string", "boolean"] },
        },
      },
    },
    events: { type: "array", minItems: 1, uniqueItems: true, items: { enum: ["measurement", "fault"] } },
    target: {
      oneOf: [
        {
          type: "object",
          additionalProperties: false,
          required: ["kind", "url"],
          properties: {
            kind: { const: "webhook" },
            url: { type: "string", maxLength: 2048, pattern: "^https?://" },
            secret: { type: "string", minLength: 16, maxLength: 256 },
          },
        },
        {
          type: "object",
          additionalProperties: false,
          required: ["kind"],
          properties: {
            kind: { const: "mqtt" },
            topicSuffix: { type: "string", pattern: "^[A-Za-z0-9_-]{1,64}$" },
          },
        },
      ],
    },
    status: { enum: ["active", "paused"] },
    createdAt: { type: "string" },
  },
} as const;

const validate = new Ajv({ allErrors: true, allowUnionTypes: true }).compile(subscriptionSchema);

/** Problems of a stored subscription, empty when it is usable. */
export function subscriptionProblems(record: unknown): string[] {
  if (validate(record)) return [];
  return (validate.errors ?? []).map(
    (error) => `${error.instancePath || "(root)"} ${error.message ?? "is invalid"}`,
  );
}

export async function openSubscriptions(store: DocumentStore): Promise<Collection<SubscriptionRecord>> {
  return store.collection<SubscriptionRecord>(SUBSCRIPTIONS, { indexes: [{ fields: ["tenant", "status"] }] });
}

export function subscriptionRecordId(tenant: string, subscriptionId: string): string {
  return `${tenant}/${subscriptionId}`;
}
