/**
 * Runs one occurrence forward (grant -> PROCESSING -> VIM work -> COMPLETED) or backward
 * (ROLLING_BACK -> ROLLED_BACK). Failures land in FAILED_TEMP with the reason as ProblemDetails.
 */
import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import { toProblem, vnfmError } from "../errors.js";
import type { VimDriver } from "../infra-drivers/vim-driver.js";
import { GrantRejectedError, type GrantProvider } from "../nfvo/grant-port.js";
import type {
  AffectedVnfc,
  OperationPlan,
  VnfInstanceRecord,
  VnfLcmOpOccRecord,
  VnfcResource,
} from "../objects/models.js";
import { withoutVersion, type VnfmRepositories } from "../objects/repositories.js";
import { buildGrantRequest } from "./grant-step.js";
import type { OpOccLifecycle } from "./lifecycle.js";
import { operations } from "./operations/index.js";
import { reconcile } from "./reconcile.js";

export class OperationCancelled extends Error {}
export class ConductorHalted extends Error {}

export interface RunnerDeps {
  repos: VnfmRepositories;
  lifecycle: OpOccLifecycle;
  driver: VimDriver;
  grants: GrantProvider;
  logger: Logger;
  lcmBase: (createdBy: "v1" | "v2") => string;
  defaultGraceMs: number;
}

export interface RunControl {
  cancelRequested: boolean;
  halted: boolean;
}

export class OperationRunner {
  constructor(private readonly deps: RunnerDeps) {}

  private async load(occId: string): Promise<{ occ: VnfLcmOpOccRecord; instance: VnfInstanceRecord }> {
    const occ = await this.deps.repos.opOccs.get(occId);
    const instance = occ && (await this.deps.repos.instances.get(occ.vnfInstanceId));
    if (!occ || !instance) throw new Error(`operation occurrence ${occId} or its instance vanished`);
    return { occ: withoutVersion(occ), instance: withoutVersion(instance) };
  }

  async forward(occId: string, control: RunControl): Promise<void> {
    try {
      let { occ, instance } = await this.load(occId);
      if (occ.operationState === "STARTING") {
        const granted = await this.grant(occ, instance, control);
        if (!granted) return;
        occ = await this.deps.lifecycle.transition(occ.id, "PROCESSING", { plan: granted });
      } else if (!occ.grantId && operations[occ.operation].needsGrant) {
        // Retry of an occurrence that failed (or whose VNFM restarted) before its grant arrived.
        const plan = await this.grantDuringRetry(occ, instance);
        await this.deps.repos.opOccs.update(occ.id, { plan });
      }
      ({ occ, instance } = await this.load(occId));
      const plan = occ.plan!;
      const vnfcs = operations[occ.operation].needsGrant
        ? await this.drive(occ, instance, plan, control)
        : instance.vnfcs;
      await this.complete(occ, instance, plan, vnfcs);
      await this.deps.lifecycle.transition(occ.id, "COMPLETED", { isCancelPending: false });
    } catch (error) {
      await this.failTemp(occId, error, control);
    }
  }

  /** In PROCESSING a refused grant cannot roll back by itself: it fails the attempt (FAILED_TEMP). */
  private async grantDuringRetry(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
  ): Promise<OperationPlan> {
    const plan = { ...occ.plan! };
    const outcome = await this.deps.grants.requestGrant(
      buildGrantRequest(occ, instance, plan, this.deps.lcmBase(occ.createdBy)),
    );
    const vims = {
      ...(plan.instanceChanges.vimConnectionInfo ?? instance.vimConnectionInfo),
      ...outcome.vimConnectionInfo,
    };
    plan.instanceChanges = { ...plan.instanceChanges, vimConnectionInfo: vims };
    plan.vimConnectionId = this.chooseVim(vims, Object.keys(outcome.vimConnectionInfo));
    await this.deps.repos.opOccs.update(occ.id, { grantId: outcome.grantId });
    return plan;
  }

  /** Asks for the grant; returns the plan with the granted VIM, or undefined when the occurrence ended (rejected/cancelled). */
  private async grant(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
    control: RunControl,
  ): Promise<OperationPlan | undefined> {
    const plan = { ...occ.plan! };
    const module = operations[occ.operation];
    let grantId: string | undefined;
    try {
      if (module.needsGrant) {
        const outcome = await this.deps.grants.requestGrant(
          buildGrantRequest(occ, instance, plan, this.deps.lcmBase(occ.createdBy)),
        );
        grantId = outcome.grantId;
        const vims = {
          ...(plan.instanceChanges.vimConnectionInfo ?? instance.vimConnectionInfo),
          ...outcome.vimConnectionInfo,
        };
        plan.instanceChanges = { ...plan.instanceChanges, vimConnectionInfo: vims };
        plan.vimConnectionId = this.chooseVim(vims, Object.keys(outcome.vimConnectionInfo));
      }
    } catch (error) {
      if (!(error instanceof GrantRejectedError)) throw error;
      // SOL003 5.6.2.2: a rejected grant ends a STARTING occurrence in ROLLED_BACK.
      await this.deps.lifecycle.transition(
        occ.id,
        "ROLLED_BACK",
        {},
        toProblem(vnfmError("FORBIDDEN", error.message)),
      );
      return undefined;
    }
    if (control.halted) throw new ConductorHalted("conductor halted while the grant was pending");
    const current = await this.deps.repos.opOccs.get(occ.id);
    if (control.cancelRequested || current?.isCancelPending) {
      await this.deps.lifecycle.transition(
        occ.id,
        "ROLLED_BACK",
        { isCancelPending: false, ...(grantId ? { grantId } : {}) },
        toProblem(vnfmError("STATE_CONFLICT", "cancelled before processing started")),
      );
      return undefined;
    }
    if (grantId) await this.deps.repos.opOccs.update(occ.id, { grantId });
    return plan;
  }

  private chooseVim(vims: Record<string, { vimType: string }>, granted: string[]): string {
    const local = Object.entries(vims).find(([, v]) => v.vimType === this.deps.driver.vimType);
    return granted[0] ?? local?.[0] ?? Object.keys(vims)[0] ?? "local";
  }

  private async drive(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
    plan: OperationPlan,
    control: RunControl,
  ): Promise<VnfcResource[]> {
    let affected = [...occ.affectedVnfcs];
    const vimConnectionId = plan.vimConnectionId ?? Object.keys(instance.vimConnectionInfo)[0] ?? "local";
    return reconcile(
      instance.vnfcs,
      plan,
      { driver: this.deps.driver, vnfInstanceId: instance.id, vimConnectionId },
      {
        checkCancel: () => {
          if (control.halted) throw new ConductorHalted("conductor halted");
          if (control.cancelRequested) throw new OperationCancelled("cancelled");
        },
        onChange: async (vnfcs, change) => {
          if (control.halted) throw new ConductorHalted("conductor halted");
          affected = recordChange(affected, change);
          await this.deps.repos.instances.update(instance.id, { vnfcs });
          await this.deps.repos.opOccs.update(occ.id, { affectedVnfcs: affected });
        },
      },
    );
  }

  private async complete(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
    plan: OperationPlan,
    vnfcs: VnfcResource[],
  ): Promise<void> {
    const updated: VnfInstanceRecord = { ...instance, ...plan.instanceChanges, vnfcs };
    if (plan.clearInstantiatedInfo) delete updated.instantiatedVnfInfo;
    else if (updated.instantiationState === "INSTANTIATED") {
      updated.instantiatedVnfInfo = {
        ...(instance.instantiatedVnfInfo ?? ({} as never)),
        ...plan.infoChanges,
      };
    }
    await this.deps.repos.instances.replace(updated);
    if (occ.operation === "MODIFY_INFO")
      await this.deps.repos.opOccs.update(occ.id, { changedInfo: occ.operationParams });
  }

  async rollback(occId: string, control: RunControl): Promise<void> {
    try {
      const { occ, instance } = await this.load(occId);
      const before = occ.before;
      const keep = new Set(before.vnfcs.map((v) => v.id));
      const counts: Record<string, number> = {};
      for (const v of before.vnfcs) counts[v.vduId] = (counts[v.vduId] ?? 0) + 1;
      const plan: OperationPlan = {
        ...occ.plan!,
        targetCounts: counts,
        restore: before.vnfcs,
        replace: [],
        remove: instance.vnfcs.filter((v) => !keep.has(v.id)).map((v) => v.id),
        running: before.instantiatedVnfInfo?.vnfState === "STARTED",
        stopGraceMs: this.deps.defaultGraceMs,
      };
      const vnfcs = await this.drive(occ, instance, plan, control);
      await this.deps.repos.instances.replace({ ...before, vnfcs, currentOpOccId: occ.id });
      await this.deps.lifecycle.transition(occ.id, "ROLLED_BACK", { isCancelPending: false });
    } catch (error) {
      await this.failTemp(occId, error, control);
    }
  }

  private async failTemp(occId: string, error: unknown, control: RunControl): Promise<void> {
    if (error instanceof ConductorHalted || control.halted) return;
    const cancelled = error instanceof OperationCancelled;
    const problem = cancelled
      ? toProblem(vnfmError("STATE_CONFLICT", "operation cancelled by the API consumer"))
      : toProblem(error);
    this.deps.logger.warn({ occId, detail: problem.detail }, "LCM operation failed temporarily");
    try {
      await this.deps.lifecycle.transition(occId, "FAILED_TEMP", { isCancelPending: false }, problem);
    } catch (transitionError) {
      this.deps.logger.error({ occId, err: transitionError }, "could not record FAILED_TEMP");
    }
  }
}

/** Folds a change into affectedVnfcs: a VNFC added then removed (or the reverse) nets out. */
export function recordChange(list: AffectedVnfc[], change: AffectedVnfc): AffectedVnfc[] {
  const existing = list.find((c) => c.id === change.id);
  if (!existing) return [...list, change];
  const rest = list.filter((c) => c.id !== change.id);
  if (
    (existing.changeType === "ADDED" && change.changeType === "REMOVED") ||
    (existing.changeType === "REMOVED" && change.changeType === "ADDED")
  )
    return rest;
  return [...rest, { ...change, changeType: existing.changeType === "ADDED" ? "ADDED" : change.changeType }];
}
