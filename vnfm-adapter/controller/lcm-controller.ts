/**
 * VNF LCM controller logic shared by the v1 and v2 interfaces (they differ only in shapes,
 * which the per-version controllers and views handle). It checks state, records what the
 * request creates and hands operations to the conductor, which answers at once (202).
 */
import { randomUUID } from "node:crypto";
import type { Conductor } from "../conductor/conductor.js";
import type { LcmEvents } from "../conductor/lcm-events.js";
import { TERMINAL_STATES } from "../conductor/lcm-events.js";
import { vnfmError } from "../errors.js";
import type {
  ApiMajor,
  LccnFilter,
  LcmOperationType,
  SubscriptionAuth,
  SubscriptionRecord,
  VnfInstanceRecord,
  VnfLcmOpOccRecord,
} from "../objects/models.js";
import { withoutVersion, type VnfmRepositories } from "../objects/repositories.js";
import type { PackageService } from "../packages/package-service.js";
import { testCallback } from "../notifications/callback-test.js";
import type { SubscriberAuth } from "../notifications/subscriber-auth.js";
import type { Versioned } from "../../vnfs/runtime-kit/store/document-store.js";

export interface LcmControllerDeps {
  repos: VnfmRepositories;
  conductor: Conductor;
  packages: PackageService;
  events: LcmEvents;
  subscriberAuth: SubscriberAuth;
  callbackTimeoutMs: number;
}

export interface CreateInstanceInput {
  vnfdId: string;
  vnfInstanceName?: string;
  vnfInstanceDescription?: string;
  metadata?: Record<string, unknown>;
}

export interface SubscriptionInput {
  callbackUri: string;
  filter?: LccnFilter;
  authentication?: SubscriptionAuth;
  verbosity?: "FULL" | "SHORT";
}

function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(",")}]`;
  if (value && typeof value === "object") {
    return `{${Object.keys(value)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((value as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(value);
}

export class LcmController {
  constructor(private readonly deps: LcmControllerDeps) {}

  async createInstance(input: CreateInstanceInput, createdBy: ApiMajor): Promise<VnfInstanceRecord> {
    const pkg = await this.deps.packages.enabledByVnfdId(input.vnfdId);
    const instance: VnfInstanceRecord = {
      id: randomUUID(),
      ...(input.vnfInstanceName !== undefined ? { vnfInstanceName: input.vnfInstanceName } : {}),
      ...(input.vnfInstanceDescription !== undefined
        ? { vnfInstanceDescription: input.vnfInstanceDescription }
        : {}),
      vnfdId: pkg.vnfdId!,
      vnfPkgId: pkg.id,
      vnfProvider: pkg.vnfProvider!,
      vnfProductName: pkg.vnfProductName!,
      vnfSoftwareVersion: pkg.vnfSoftwareVersion!,
      vnfdVersion: pkg.vnfdVersion!,
      vimConnectionInfo: {},
      instantiationState: "NOT_INSTANTIATED",
      ...(input.metadata ? { metadata: input.metadata } : {}),
      createdBy,
      createdAt: new Date().toISOString(),
      vnfcs: [],
    };
    await this.deps.repos.instances.insert(instance);
    await this.deps.events.instanceCreated(instance);
    return instance;
  }

  async getInstance(id: string): Promise<Versioned<VnfInstanceRecord>> {
    const instance = await this.deps.repos.instances.get(id);
    if (!instance) throw vnfmError("NOT_FOUND", `no VNF instance ${id}`);
    return instance;
  }

  listInstances(): Promise<VnfInstanceRecord[]> {
    return this.deps.repos.instances.find({ orderBy: [{ field: "createdAt" }] });
  }

  async deleteInstance(id: string, expectedVersion?: number): Promise<void> {
    const instance = await this.getInstance(id);
    if (expectedVersion !== undefined && expectedVersion !== instance.version)
      throw vnfmError("PRECONDITION_FAILED", `VNF instance ${id} has changed; read it again`);
    if (instance.instantiationState !== "NOT_INSTANTIATED")
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF instance ${id} is INSTANTIATED; terminate it before deleting it`,
      );
    if (instance.currentOpOccId) {
      const holder = await this.deps.repos.opOccs.get(instance.currentOpOccId);
      if (holder && !TERMINAL_STATES.has(holder.operationState))
        throw vnfmError(
          "OPERATION_IN_PROGRESS",
          `VNF instance ${id} has operation ${holder.id} in state ${holder.operationState}`,
        );
    }
    await this.deps.repos.instances.delete(id, { expectedVersion: instance.version });
    await this.deps.events.instanceDeleted(withoutVersion(instance));
  }

  /**
   * SOL003 has no request attribute for "started by an auto-scaler/auto-healer"; the IVF monitor
   * sends additionalParams.isAutomaticInvocation=true (docs/design/monitoring.md) and the
   * occurrence's isAutomaticInvocation reflects it.
   */
  startTask(
    id: string,
    operation: LcmOperationType,
    body: Record<string, unknown>,
    createdBy: ApiMajor,
    expectedVersion?: number,
  ): Promise<VnfLcmOpOccRecord> {
    const params = body.additionalParams as Record<string, unknown> | undefined;
    return this.deps.conductor.start(id, operation, body, {
      createdBy,
      isAutomaticInvocation: params?.isAutomaticInvocation === true,
      ...(expectedVersion !== undefined ? { expectedVersion } : {}),
    });
  }

  async getOpOcc(id: string): Promise<VnfLcmOpOccRecord> {
    const occ = await this.deps.repos.opOccs.get(id);
    if (!occ) throw vnfmError("NOT_FOUND", `no VNF LCM operation occurrence ${id}`);
    return withoutVersion(occ);
  }

  listOpOccs(): Promise<VnfLcmOpOccRecord[]> {
    return this.deps.repos.opOccs.find({ orderBy: [{ field: "startTime" }] });
  }

  retry = (id: string) => this.deps.conductor.retry(id);
  rollback = (id: string) => this.deps.conductor.rollback(id);
  fail = (id: string) => this.deps.conductor.fail(id);
  cancel = (id: string, mode: "GRACEFUL" | "FORCEFUL") => this.deps.conductor.cancel(id, mode);

  /** Returns the existing subscription (303) when filter and callbackUri are identical (SOL003 5.4.18.3.1). */
  async createSubscription(
    input: SubscriptionInput,
    createdBy: ApiMajor,
    testCallbackUri: boolean,
  ): Promise<{ subscription: SubscriptionRecord; existing: boolean }> {
    const fingerprint = canonical({ filter: input.filter ?? {}, callbackUri: input.callbackUri });
    const [existing] = await this.deps.repos.subscriptions.find({ where: { fingerprint }, limit: 1 });
    if (existing) return { subscription: withoutVersion(existing), existing: true };
    const auth = input.authentication;
    if (
      auth?.authType.includes("BASIC") &&
      !auth.paramsBasic &&
      !auth.authType.includes("OAUTH2_CLIENT_CREDENTIALS")
    ) {
      throw vnfmError("UNPROCESSABLE", "authentication.authType BASIC needs paramsBasic{userName, password}");
    }
    if (
      auth?.authType.includes("OAUTH2_CLIENT_CREDENTIALS") &&
      !auth.paramsOauth2ClientCredentials?.tokenEndpoint &&
      !auth.authType.includes("BASIC")
    ) {
      throw vnfmError(
        "UNPROCESSABLE",
        "authentication.authType OAUTH2_CLIENT_CREDENTIALS needs paramsOauth2ClientCredentials{clientId, clientPassword, tokenEndpoint}",
      );
    }
    if (testCallbackUri)
      await testCallback(input.callbackUri, auth, this.deps.subscriberAuth, this.deps.callbackTimeoutMs);
    const subscription: SubscriptionRecord = {
      id: randomUUID(),
      callbackUri: input.callbackUri,
      ...(input.filter ? { filter: input.filter } : {}),
      verbosity: input.verbosity ?? "FULL",
      ...(auth ? { authentication: auth } : {}),
      createdBy,
      fingerprint,
    };
    await this.deps.repos.subscriptions.insert(subscription);
    return { subscription, existing: false };
  }

  async getSubscription(id: string): Promise<SubscriptionRecord> {
    const sub = await this.deps.repos.subscriptions.get(id);
    if (!sub) throw vnfmError("NOT_FOUND", `no subscription ${id}`);
    return withoutVersion(sub);
  }

  listSubscriptions(): Promise<SubscriptionRecord[]> {
    return this.deps.repos.subscriptions.find({});
  }

  async deleteSubscription(id: string): Promise<void> {
    if (!(await this.deps.repos.subscriptions.delete(id)))
      throw vnfmError("NOT_FOUND", `no subscription ${id}`);
    await this.deps.repos.queue.deleteMany({ subscriptionId: id });
  }
}
