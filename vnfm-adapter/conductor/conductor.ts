/**
 * The conductor (Tacker's conductor/): owns operation occurrences from the moment the
 * controller asks for one. `start` checks the instance lock and the operation's preconditions
 * synchronously (so the API can answer 409/422), records the occurrence in STARTING and runs
 * the rest in the background. retry/rollback/fail/cancel act on existing occurrences.
 */
import { randomUUID } from "node:crypto";
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { VersionConflictError } from "../../vnfs/runtime-kit/store/document-store.js";
import { toProblem, vnfmError } from "../errors.js";
import type { VimDriver } from "../infra-drivers/vim-driver.js";
import type { GrantProvider } from "../nfvo/grant-port.js";
import type { ApiMajor, LcmOperationType, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import { withoutVersion, type VnfmRepositories } from "../objects/repositories.js";
import type { LcmEvents, VnfdSource } from "./lcm-events.js";
import { TERMINAL_STATES } from "./lcm-events.js";
import { OpOccLifecycle } from "./lifecycle.js";
import { operations } from "./operations/index.js";
import { OperationRunner, type RunControl } from "./runner.js";

export interface ConductorDeps {
  repos: VnfmRepositories;
  driver: VimDriver;
  grants: GrantProvider;
  events: LcmEvents;
  vnfds: VnfdSource;
  logger: Logger;
  /** Base URL of the LCM API of a major version, e.g. http://host:port/vnflcm/v2. */
  lcmBase: (createdBy: ApiMajor) => string;
  defaultGraceMs: number;
}

export interface StartOptions {
  createdBy: ApiMajor;
  isAutomaticInvocation?: boolean;
  /** PATCH: the instance ETag the client saw (If-Match). */
  expectedVersion?: number;
}

export class Conductor {
  readonly lifecycle: OpOccLifecycle;
  private readonly runner: OperationRunner;
  private readonly running = new Map<string, { control: RunControl; done: Promise<void> }>();
  private halted = false;

  constructor(private readonly deps: ConductorDeps) {
    this.lifecycle = new OpOccLifecycle(deps.repos, deps.events);
    this.runner = new OperationRunner({ ...deps, lifecycle: this.lifecycle });
  }

  async start(
    instanceId: string,
    operation: LcmOperationType,
    request: Record<string, unknown>,
    options: StartOptions,
  ): Promise<VnfLcmOpOccRecord> {
    const stored = await this.deps.repos.instances.get(instanceId);
    if (!stored) throw vnfmError("NOT_FOUND", `no VNF instance ${instanceId}`);
    if (options.expectedVersion !== undefined && options.expectedVersion !== stored.version) {
      throw vnfmError(
        "PRECONDITION_FAILED",
        `VNF instance ${instanceId} has changed (ETag "${stored.version}", If-Match "${options.expectedVersion}"); read it again`,
      );
    }
    await this.assertUnlocked(stored);
    const instance = withoutVersion(stored);
    const vnfd = await this.deps.vnfds.vnfdOf(instance.vnfPkgId);
    const plan = await operations[operation].plan({
      instance,
      request,
      vnfd,
      defaultGraceMs: this.deps.defaultGraceMs,
      vnfcStatus: (v) =>
        this.deps.driver.status({ vnfcId: v.id, resourceId: v.resourceId, metadata: v.metadata }),
    });
    const now = new Date().toISOString();
    const occ: VnfLcmOpOccRecord = {
      id: randomUUID(),
      operationState: "STARTING",
      stateEnteredTime: now,
      startTime: now,
      vnfInstanceId: instanceId,
      operation,
      isAutomaticInvocation: options.isAutomaticInvocation ?? false,
      operationParams: request,
      isCancelPending: false,
      affectedVnfcs: [],
      createdBy: options.createdBy,
      before: instance,
      plan,
    };
    try {
      await this.deps.repos.instances.update(
        instanceId,
        { currentOpOccId: occ.id },
        { expectedVersion: stored.version },
      );
    } catch (error) {
      if (error instanceof VersionConflictError)
        throw vnfmError(
          "OPERATION_IN_PROGRESS",
          `VNF instance ${instanceId} changed concurrently; another operation is starting`,
        );
      throw error;
    }
    await this.deps.repos.opOccs.insert(occ);
    const current = await this.deps.repos.instances.get(instanceId);
    await this.deps.events.opOccChanged(occ, withoutVersion(current ?? stored), "START");
    this.spawn(occ.id, (control) => this.runner.forward(occ.id, control));
    return occ;
  }

  private async assertUnlocked(instance: VnfInstanceRecord): Promise<void> {
    if (!instance.currentOpOccId) return;
    const holder = await this.deps.repos.opOccs.get(instance.currentOpOccId);
    if (holder && !TERMINAL_STATES.has(holder.operationState)) {
      throw vnfmError(
        "OPERATION_IN_PROGRESS",
        `VNF instance ${instance.id} has operation ${holder.operation} (${holder.id}) in state ${holder.operationState}; wait for it, or retry/rollback/fail it when FAILED_TEMP`,
      );
    }
  }

  private spawn(occId: string, task: (control: RunControl) => Promise<void>): void {
    const control: RunControl = { cancelRequested: false, halted: this.halted };
    const done = task(control)
      .catch((error) => this.deps.logger.error({ occId, err: error }, "operation task crashed"))
      .finally(() => this.running.delete(occId));
    this.running.set(occId, { control, done });
  }

  private async failedTemp(occId: string, action: string): Promise<VnfLcmOpOccRecord> {
    const occ = await this.deps.repos.opOccs.get(occId);
    if (!occ) throw vnfmError("NOT_FOUND", `no VNF LCM operation occurrence ${occId}`);
    if (occ.operationState !== "FAILED_TEMP" || this.running.has(occId)) {
      throw vnfmError(
        "STATE_CONFLICT",
        `cannot ${action} operation occurrence ${occId}: it is ${occ.operationState}, not FAILED_TEMP`,
      );
    }
    return withoutVersion(occ);
  }

  /** SOL003 5.4.14: FAILED_TEMP -> PROCESSING, same plan; already-done steps are not repeated. */
  async retry(occId: string): Promise<VnfLcmOpOccRecord> {
    await this.failedTemp(occId, "retry");
    const occ = await this.lifecycle.transition(occId, "PROCESSING", { isCancelPending: false });
    this.spawn(occId, (control) => this.runner.forward(occId, control));
    return occ;
  }

  /** SOL003 5.4.15: FAILED_TEMP -> ROLLING_BACK -> ROLLED_BACK, back to the instance as it was before. */
  async rollback(occId: string): Promise<VnfLcmOpOccRecord> {
    await this.failedTemp(occId, "roll back");
    const occ = await this.lifecycle.transition(occId, "ROLLING_BACK", { isCancelPending: false });
    this.spawn(occId, (control) => this.runner.rollback(occId, control));
    return occ;
  }

  /** SOL003 5.4.16: FAILED_TEMP -> FAILED. A failed INSTANTIATE leaves no processes behind. */
  async fail(occId: string): Promise<VnfLcmOpOccRecord> {
    const occ = await this.failedTemp(occId, "fail");
    const instance = await this.deps.repos.instances.get(occ.vnfInstanceId);
    if (instance && occ.operation === "INSTANTIATE") {
      for (const v of instance.vnfcs)
        await this.deps.driver.stop({ vnfcId: v.id, resourceId: v.resourceId, metadata: v.metadata }, 0);
      await this.deps.repos.instances.update(instance.id, { vnfcs: [] });
    }
    return this.lifecycle.transition(occId, "FAILED", {}, occ.error);
  }

  /** SOL003 5.4.17: only STARTING, PROCESSING and ROLLING_BACK can be cancelled. */
  async cancel(occId: string, mode: "GRACEFUL" | "FORCEFUL"): Promise<void> {
    const occ = await this.deps.repos.opOccs.get(occId);
    if (!occ) throw vnfmError("NOT_FOUND", `no VNF LCM operation occurrence ${occId}`);
    if (!["STARTING", "PROCESSING", "ROLLING_BACK"].includes(occ.operationState) || occ.isCancelPending) {
      throw vnfmError(
        "STATE_CONFLICT",
        `cannot cancel operation occurrence ${occId}: it is ${occ.operationState}${occ.isCancelPending ? " and a cancel is pending" : ""}`,
      );
    }
    await this.deps.repos.opOccs.update(occId, { isCancelPending: true, cancelMode: mode });
    const task = this.running.get(occId);
    if (task) task.control.cancelRequested = true;
    else
      await this.lifecycle.transition(
        occId,
        occ.operationState === "STARTING" ? "ROLLED_BACK" : "FAILED_TEMP",
        { isCancelPending: false },
        toProblem(vnfmError("STATE_CONFLICT", "operation cancelled by the API consumer")),
      );
  }

  /**
   * After a restart nothing drives the occurrences that were running: they become FAILED_TEMP
   * with an error saying so, and can be retried or rolled back (SOL003 5.6.2.2 error handling).
   */
  async recover(): Promise<number> {
    const stuck = await this.deps.repos.opOccs.find({
      where: { operationState: { in: ["STARTING", "PROCESSING", "ROLLING_BACK"] } },
    });
    for (const occ of stuck) {
      const detail = `the VNFM restarted while this ${occ.operation} was ${occ.operationState}; retry continues it, rollback undoes it`;
      await this.lifecycle.transition(
        occ.id,
        "FAILED_TEMP",
        { isCancelPending: false },
        { title: "VNFM restarted", status: 503, detail },
      );
    }
    return stuck.length;
  }

  /** Resolves when no occurrence is being driven by this conductor. */
  async idle(): Promise<void> {
    while (this.running.size > 0)
      await Promise.allSettled([...this.running.values()].map((task) => task.done));
  }

  /** Stops driving occurrences at the next step without recording anything (simulates a crash; used on shutdown). */
  async halt(): Promise<void> {
    this.halted = true;
    for (const task of this.running.values()) task.control.halted = true;
    await this.idle();
  }
}
