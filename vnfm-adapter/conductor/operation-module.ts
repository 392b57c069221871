/**
 * Shape shared by the one-module-per-operation files in conductor/operations/ (STYLE.md §2).
 * A module checks that the instance's state and the request allow the operation (409/422) and
 * turns the request into an OperationPlan; the generic lifecycle does grant, VIM work and
 * notifications for every operation alike.
 */
import type { LcmOperationType, OperationPlan, VnfInstanceRecord, VnfcResource } from "../objects/models.js";
import type { VnfdModel } from "../vnfd/vnfd-model.js";

export interface PlanContext {
  instance: VnfInstanceRecord;
  request: Record<string, unknown>;
  vnfd: VnfdModel;
  /** Default grace for graceful stops (ms) when the request gives none. */
  defaultGraceMs: number;
  /** Live status of the instance's VNFCs, for operations that depend on it (heal). */
  vnfcStatus: (vnfc: VnfcResource) => Promise<"running" | "failed" | "gone">;
}

export interface OperationModule {
  operation: LcmOperationType;
  /** Whether the NFVO is asked for a grant first (SOL003 clause 9: every LCM operation but MODIFY_INFO). */
  needsGrant: boolean;
  plan(context: PlanContext): Promise<OperationPlan> | OperationPlan;
}
