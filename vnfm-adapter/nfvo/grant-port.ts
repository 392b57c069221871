/**
 * Granting (SOL003 clause 9, Tacker's nfvo/): before touching resources the conductor asks for a
 * grant. Whether an external NFVO answers or the VNFM grants locally is hidden behind this port.
 */
import type { LcmOperationType, VimConnectionInfo } from "../objects/models.js";

export interface GrantResource {
  id: string;
  type: "COMPUTE";
  vduId: string;
  resourceTemplateId: string;
  resource?: { vimConnectionId: string; resourceId: string; vimLevelResourceType?: string };
}

export interface GrantRequest {
  vnfInstanceId: string;
  vnfLcmOpOccId: string;
  vnfdId: string;
  flavourId?: string;
  operation: LcmOperationType;
  isAutomaticInvocation: boolean;
  instantiationLevelId?: string;
  addResources?: GrantResource[];
  removeResources?: GrantResource[];
  updateResources?: GrantResource[];
  additionalParams?: Record<string, unknown>;
  _links: { vnfLcmOpOcc: { href: string }; vnfInstance: { href: string } };
}

export interface GrantOutcome {
  grantId: string;
  /** VIM connections granted (v3 `vimConnectionInfo` map, or v2.x `vimConnections` array keyed by id). */
  vimConnectionInfo: Record<string, VimConnectionInfo>;
}

/** The NFVO refused the grant (403, or a rejected asynchronous grant): the operation is rolled back. */
export class GrantRejectedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "GrantRejectedError";
  }
}

export interface GrantProvider {
  readonly kind: "local" | "external";
  requestGrant(request: GrantRequest): Promise<GrantOutcome>;
}
