/**
 * What the control loop needs from whoever executes LCM operations: today the VNFM's SOL003
 * API (Sol003Scaler); an NFVO's SOL005 API or another VNFM can implement the same two calls.
 */
export interface ScaleRequest {
  vnfInstanceId: string;
  type: "SCALE_OUT" | "SCALE_IN";
  aspectId: string;
  numberOfSteps: number;
  /** Why: the policy and the evidence, recorded in the request's additionalParams. */
  policyId: string;
  evidence: string[];
}

export interface HealRequest {
  vnfInstanceId: string;
  vnfcInstanceIds: string[];
  cause: string;
}

export type OperationOutcome =
  /** The operation occurrence was created (SOL003: 202 with Location). */
  | { started: true; operationUri?: string }
  /**
   * Not started. `retryable` when the state may change by itself (another operation in
   * progress, VNFM unreachable); not retryable when the request itself is refused.
   */
  | { started: false; retryable: boolean; status?: number; detail: string };

export interface Scaler {
  scale(request: ScaleRequest): Promise<OperationOutcome>;
  heal(request: HealRequest): Promise<OperationOutcome>;
}
