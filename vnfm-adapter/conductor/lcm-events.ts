/** What the conductor tells the notification layer (a port, so the conductor never formats notifications). */
import type { VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import type { VnfdModel } from "../vnfd/vnfd-model.js";

export interface LcmEvents {
  /** START on entering STARTING/PROCESSING/ROLLING_BACK, RESULT on COMPLETED/FAILED_TEMP/FAILED/ROLLED_BACK (SOL003 5.6.2.2). */
  opOccChanged(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
    status: "START" | "RESULT",
  ): Promise<void>;
  instanceCreated(instance: VnfInstanceRecord): Promise<void>;
  instanceDeleted(instance: VnfInstanceRecord): Promise<void>;
}

export interface VnfdSource {
  /** The VNFD of an onboarded package. */
  vnfdOf(vnfPkgId: string): Promise<VnfdModel>;
}

export const RESULT_STATES = new Set(["COMPLETED", "FAILED_TEMP", "FAILED", "ROLLED_BACK"]);
export const TERMINAL_STATES = new Set(["COMPLETED", "FAILED", "ROLLED_BACK"]);
