/**
 * The VIM driver port (Tacker's infra_drivers): the only place where the VNFM touches compute
 * resources. Kept small and VIM-neutral so that a Kubernetes driver can follow without touching
 * the conductor: start a VNFC and wait until it is ready, stop one (gracefully or not), and tell
 * whether a known VNFC still runs. Every call is idempotent so that retry after a crash is safe.
 */
import type { VimConnectionInfo } from "../objects/models.js";

export interface VnfcLaunch {
  /** Stable VNFC id chosen by the conductor (survives heal and VNFM restarts). */
  vnfcId: string;
  vduId: string;
  /** Vdu.Compute name from the VNFD: the IVF function this VNFC runs. */
  functionName: string;
  vnfInstanceId: string;
  /** Extra environment for the VNFC (configurable properties, additionalParams, ext links). */
  env: Record<string, string>;
  vim?: VimConnectionInfo;
}

export interface VnfcRef {
  vnfcId: string;
  resourceId: string;
  metadata: Record<string, unknown>;
}

export type VnfcStatus = "running" | "failed" | "gone";

export interface VimDriver {
  /** vimType this driver serves, reported in vimConnectionInfo. */
  readonly vimType: string;
  /** Starts a VNFC; resolves once it reports ready, rejects (leaving nothing behind) otherwise. */
  start(launch: VnfcLaunch): Promise<VnfcRef>;
  /** Stops a VNFC; graceMs 0 is a forceful stop. Stopping a VNFC that is gone succeeds. */
  stop(vnfc: VnfcRef, graceMs: number): Promise<void>;
  /** Whether the VNFC runs and answers its readiness check. */
  status(vnfc: VnfcRef): Promise<VnfcStatus>;
  /** Releases driver resources; `stopVnfcs` also stops every VNFC it started. */
  close(options?: { stopVnfcs?: boolean }): Promise<void>;
}
