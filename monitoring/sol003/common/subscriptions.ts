import { randomUUID } from "node:crypto";
import type { Response } from "express";
import type { Collection, DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import { apiError } from "./api-error.js";
import type { ApiContext } from "./api-context.js";
import { checkAuthentication, type CallbackAuthentication } from "./notification-sender.js";

export interface SubscriptionRecord<F> {
  id: string;
  callbackUri: string;
  filter?: F;
  authentication?: CallbackAuthentication;
  /** Canonical JSON of filter + callbackUri: an identical request answers 303 (SOL003 7.4.4.3.1). */
  fingerprint: string;
  createdAt: string;
}

/**
 * Subscriptions of one API (FM or indicators), persisted through the store port. Creation tests
 * the callback URI first and refuses duplicates with 303 See Other to the existing resource.
 */
export class Subscriptions<F> {
  private constructor(
    private readonly collection: Collection<SubscriptionRecord<F>>,
    private readonly context: ApiContext,
    private readonly hrefOf: (id: string) => string,
  ) {}

  static async open<F>(
    store: DocumentStore,
    name: string,
    context: ApiContext,
    hrefOf: (id: string) => string,
  ): Promise<Subscriptions<F>> {
    const collection = await store.collection<SubscriptionRecord<F>>(name, {
      indexes: [{ fields: ["fingerprint"] }],
    });
    return new Subscriptions<F>(collection, context, hrefOf);
  }

  /** Creates (201) or points at the identical existing subscription (303). */
  async create(
    res: Response,
    request: { callbackUri: string; filter?: F; authentication?: CallbackAuthentication },
    render: (record: SubscriptionRecord<F>) => unknown,
  ): Promise<void> {
    checkAuthentication(request.authentication);
    const fingerprint = canonical({ filter: request.filter ?? {}, callbackUri: request.callbackUri });
    const [existing] = await this.collection.find({ where: { fingerprint }, limit: 1 });
    if (existing) {
      res.status(303).location(this.hrefOf(existing.id)).end();
      return;
    }
    if (this.context.testCallbacks) await this.context.sender.testCallback(request);
    const record: SubscriptionRecord<F> = {
      id: randomUUID(),
      callbackUri: request.callbackUri,
      ...(request.filter ? { filter: request.filter } : {}),
      ...(request.authentication ? { authentication: request.authentication } : {}),
      fingerprint,
      createdAt: new Date().toISOString(),
    };
    await this.collection.insert(record);
    res.status(201).location(this.hrefOf(record.id)).json(render(record));
  }

  all(): Promise<SubscriptionRecord<F>[]> {
    return this.collection.find({ orderBy: [{ field: "createdAt" }], limit: 10_000 });
  }

  async get(id: string): Promise<SubscriptionRecord<F>> {
    const record = await this.collection.get(id);
    if (!record) throw apiError("NOT_FOUND", `no subscription ${id}`);
    return record;
  }

  async remove(id: string): Promise<void> {
    if (!(await this.collection.delete(id))) throw apiError("NOT_FOUND", `no subscription ${id}`);
  }
}

/** JSON with object keys sorted, so equal filters compare equal whatever their key order. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${canonical((value as Record<string, unknown>)[key])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

/** SOL003 4.4.1.5 VnfInstanceSubscriptionFilter, the part our VNF view can answer. */
export interface InstanceFilter {
  vnfdIds?: string[];
  vnfInstanceIds?: string[];
  vnfInstanceNames?: string[];
}

export function instanceMatches(
  filter: InstanceFilter | undefined,
  vnf: { id: string; vnfdId?: string; vnfInstanceName?: string } | undefined,
  vnfInstanceId: string,
): boolean {
  if (!filter) return true;
  if (filter.vnfInstanceIds && !filter.vnfInstanceIds.includes(vnfInstanceId)) return false;
  if (filter.vnfdIds && (!vnf?.vnfdId || !filter.vnfdIds.includes(vnf.vnfdId))) return false;
  if (
    filter.vnfInstanceNames &&
    (!vnf?.vnfInstanceName || !filter.vnfInstanceNames.includes(vnf.vnfInstanceName))
  )
    return false;
  return true;
}
