/**
 * Internal data model of the VNFM (Tacker's `objects/`). It follows the SOL003 v3.3.1 shapes
 * because they are the richer ones; the v1 views map them to the v2.4.1 shapes ONAP SO uses.
 * Fields that never cross an API (pid bookkeeping, the plan of a running operation) live here too.
 */
import type { ProblemDetails } from "../errors.js";

export type InstantiationState = "NOT_INSTANTIATED" | "INSTANTIATED";
export type VnfOperationalState = "STARTED" | "STOPPED";
export type OperationState =
  "STARTING" | "PROCESSING" | "COMPLETED" | "FAILED_TEMP" | "FAILED" | "ROLLING_BACK" | "ROLLED_BACK";
export type LcmOperationType =
  | "INSTANTIATE"
  | "SCALE"
  | "SCALE_TO_LEVEL"
  | "CHANGE_FLAVOUR"
  | "TERMINATE"
  | "HEAL"
  | "OPERATE"
  | "CHANGE_EXT_CONN"
  | "MODIFY_INFO";
/** Which API major version created a resource: decides the links and shapes of its notifications. */
export type ApiMajor = "v1" | "v2";

export interface VimConnectionInfo {
  vimId?: string;
  vimType: string;
  interfaceInfo?: Record<string, unknown>;
  accessInfo?: Record<string, unknown>;
  extra?: Record<string, unknown>;
}

export interface ScaleInfo {
  aspectId: string;
  vnfdId?: string;
  scaleLevel: number;
}

export interface VnfcResource {
  /** Stable VNFC identifier; also the VIM resource id of the local-process driver. */
  id: string;
  vduId: string;
  vimConnectionId: string;
  resourceId: string;
  /** Driver-specific facts (pid, port) shown in computeResource/metadata. */
  metadata: Record<string, unknown>;
}

export interface InstantiatedVnfInfo {
  flavourId: string;
  vnfState: VnfOperationalState;
  scaleStatus: ScaleInfo[];
  maxScaleLevels: ScaleInfo[];
  extVirtualLinkInfo: Record<string, unknown>[];
  localizationLanguage?: string;
}

export interface VnfInstanceRecord {
  id: string;
  vnfInstanceName?: string;
  vnfInstanceDescription?: string;
  vnfdId: string;
  vnfPkgId: string;
  vnfProvider: string;
  vnfProductName: string;
  vnfSoftwareVersion: string;
  vnfdVersion: string;
  vnfConfigurableProperties?: Record<string, unknown>;
  vimConnectionInfo: Record<string, VimConnectionInfo>;
  instantiationState: InstantiationState;
  instantiatedVnfInfo?: InstantiatedVnfInfo;
  metadata?: Record<string, unknown>;
  extensions?: Record<string, unknown>;
  createdBy: ApiMajor;
  createdAt: string;
  /** VNFCs that exist on the VIM, kept current step by step (rendered as vnfcResourceInfo). */
  vnfcs: VnfcResource[];
  /** The occurrence holding this instance's operation lock (SOL003: one LCM operation at a time). */
  currentOpOccId?: string;
}

export type ChangeType = "ADDED" | "REMOVED" | "MODIFIED" | "TEMPORARY";

export interface AffectedVnfc {
  id: string;
  vduId: string;
  changeType: ChangeType;
  computeResource: { vimConnectionId: string; resourceId: string; vimLevelResourceType?: string };
  metadata?: Record<string, unknown>;
}

/** The VNFC set and instance changes an operation wants to reach; persisted for retry. */
export interface OperationPlan {
  /** VDU id -> number of VNFCs wanted after the operation. */
  targetCounts: Record<string, number>;
  /** VNFCs that must exist afterwards, re-created with the same id when missing (rollback). */
  restore: VnfcResource[];
  /** VNFC ids replaced by a new process (heal). */
  replace: string[];
  /** VNFC ids removed (scale in drains the newest; change_flavour removes all). */
  remove: string[];
  /** Whether processes run after the operation (operate STOPPED keeps records but stops them). */
  running: boolean;
  /** Function name per VDU id, from the VNFD of the target flavour. */
  vduFunctions: Record<string, string>;
  /** Environment given to new VNFCs. */
  env: Record<string, string>;
  /** Granted VIM connection id new VNFCs are placed on. */
  vimConnectionId?: string;
  instantiationLevelId?: string;
  flavourId?: string;
  /** Grace period for stopping VNFCs, milliseconds; 0 = forceful. */
  stopGraceMs: number;
  /** Changes applied to the instance when the operation completes. */
  instanceChanges: Partial<VnfInstanceRecord>;
  infoChanges: Partial<InstantiatedVnfInfo>;
  /** Terminate: instantiatedVnfInfo goes away and the instance is NOT_INSTANTIATED again. */
  clearInstantiatedInfo?: boolean;
}

export interface VnfLcmOpOccRecord {
  id: string;
  operationState: OperationState;
  stateEnteredTime: string;
  startTime: string;
  vnfInstanceId: string;
  grantId?: string;
  operation: LcmOperationType;
  isAutomaticInvocation: boolean;
  operationParams?: Record<string, unknown>;
  isCancelPending: boolean;
  cancelMode?: "GRACEFUL" | "FORCEFUL";
  error?: ProblemDetails;
  affectedVnfcs: AffectedVnfc[];
  changedInfo?: Record<string, unknown>;
  changedExtConnectivity?: Record<string, unknown>[];
  createdBy: ApiMajor;
  /** Snapshot of the instance before the operation, used by rollback. */
  before: VnfInstanceRecord;
  plan?: OperationPlan;
  /** True while the conductor of this process drives the occurrence (cleared on restart). */
  owner?: string;
}

export type NotificationType =
  | "VnfLcmOperationOccurrenceNotification"
  | "VnfIdentifierCreationNotification"
  | "VnfIdentifierDeletionNotification";

export interface SubscriptionAuth {
  authType: ("BASIC" | "OAUTH2_CLIENT_CREDENTIALS" | "TLS_CERT")[];
  paramsBasic?: { userName?: string; password?: string };
  paramsOauth2ClientCredentials?: { clientId?: string; clientPassword?: string; tokenEndpoint?: string };
}

export interface LccnFilter {
  vnfInstanceSubscriptionFilter?: {
    vnfdIds?: string[];
    vnfProductsFromProviders?: {
      vnfProvider: string;
      vnfProducts?: {
        vnfProductName: string;
        versions?: { vnfSoftwareVersion: string; vnfdVersions?: string[] }[];
      }[];
    }[];
    vnfInstanceIds?: string[];
    vnfInstanceNames?: string[];
  };
  notificationTypes?: NotificationType[];
  operationTypes?: LcmOperationType[];
  operationStates?: OperationState[];
}

export interface SubscriptionRecord {
  id: string;
  callbackUri: string;
  filter?: LccnFilter;
  verbosity: "FULL" | "SHORT";
  authentication?: SubscriptionAuth;
  createdBy: ApiMajor;
  /** Canonical JSON of filter + callbackUri, for the 303 duplicate check (SOL003 5.4.18.3.1). */
  fingerprint: string;
}

export interface QueuedNotification {
  id: string;
  subscriptionId: string;
  body: Record<string, unknown>;
  attempts: number;
  nextAttemptAt: number;
  enqueuedAt: number;
}

export type OnboardingState = "CREATED" | "UPLOADING" | "PROCESSING" | "ONBOARDED" | "ERROR";

export interface VnfPackageRecord {
  id: string;
  onboardingState: OnboardingState;
  operationalState: "ENABLED" | "DISABLED";
  usageState: "IN_USE" | "NOT_IN_USE";
  userDefinedData?: Record<string, unknown>;
  vnfdId?: string;
  vnfProvider?: string;
  vnfProductName?: string;
  vnfSoftwareVersion?: string;
  vnfdVersion?: string;
  vnfmInfo?: string[];
  checksum?: { algorithm: string; hash: string };
  /** Base64 of the CSAR; SQLite and MongoDB both hold a few MB per document comfortably. */
  content?: string;
  /** Archive paths of the VNFD files (Definitions/...). */
  vnfdFiles?: string[];
  artifacts?: { artifactPath: string; checksum: { algorithm: string; hash: string } }[];
  onboardingFailureDetails?: ProblemDetails;
}
