/**
 * The operation occurrence state machine (SOL003 5.6.2.2, figure 5.6.2.2-1). Every transition
 * goes through `transition`, which checks it is allowed, persists it and sends the START or
 * RESULT notification; terminal states release the instance's operation lock.
 */
import { vnfmError, type ProblemDetails } from "../errors.js";
import type { OperationState, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import type { VnfmRepositories } from "../objects/repositories.js";
import { withoutVersion } from "../objects/repositories.js";
import { RESULT_STATES, TERMINAL_STATES, type LcmEvents } from "./lcm-events.js";

const ALLOWED: Record<OperationState, OperationState[]> = {
  STARTING: ["PROCESSING", "ROLLED_BACK", "FAILED_TEMP"],
  PROCESSING: ["COMPLETED", "FAILED_TEMP"],
  FAILED_TEMP: ["PROCESSING", "ROLLING_BACK", "FAILED"],
  ROLLING_BACK: ["ROLLED_BACK", "FAILED_TEMP"],
  COMPLETED: [],
  FAILED: [],
  ROLLED_BACK: [],
};

export class OpOccLifecycle {
  constructor(
    private readonly repos: VnfmRepositories,
    private readonly events: LcmEvents,
  ) {}

  async transition(
    occId: string,
    to: OperationState,
    changes: Partial<VnfLcmOpOccRecord> = {},
    error?: ProblemDetails,
  ): Promise<VnfLcmOpOccRecord> {
    const stored = await this.repos.opOccs.get(occId);
    if (!stored) throw vnfmError("NOT_FOUND", `no VNF LCM operation occurrence ${occId}`);
    if (!ALLOWED[stored.operationState].includes(to)) {
      throw vnfmError(
        "STATE_CONFLICT",
        `operation occurrence ${occId} is ${stored.operationState}; it cannot move to ${to}`,
      );
    }
    const occ: VnfLcmOpOccRecord = {
      ...withoutVersion(stored),
      ...changes,
      operationState: to,
      stateEnteredTime: new Date().toISOString(),
    };
    if (error) occ.error = error;
    else if (to === "PROCESSING" || to === "ROLLING_BACK") delete occ.error;
    if (TERMINAL_STATES.has(to)) delete occ.owner;
    await this.repos.opOccs.replace(occ, { expectedVersion: stored.version });
    const instance = TERMINAL_STATES.has(to)
      ? await this.releaseLock(occ)
      : await this.repos.instances.get(occ.vnfInstanceId);
    if (instance)
      await this.events.opOccChanged(
        occ,
        withoutVersion(instance),
        RESULT_STATES.has(to) ? "RESULT" : "START",
      );
    return occ;
  }

  private async releaseLock(occ: VnfLcmOpOccRecord): Promise<VnfInstanceRecord | undefined> {
    const instance = await this.repos.instances.get(occ.vnfInstanceId);
    if (!instance || instance.currentOpOccId !== occ.id) return instance;
    const { currentOpOccId: _lock, ...rest } = withoutVersion(instance);
    return this.repos.instances.replace(rest);
  }
}
