import type { HealRequest, OperationOutcome, ScaleRequest, Scaler } from "./scaler.js";
import { noToken, type TokenSource } from "./access-token.js";

export interface Sol003ScalerOptions {
  /** apiRoot of the VNFM (the part before /vnflcm/v2). */
  vnfmUrl: string;
  tokens?: TokenSource;
  timeoutMs?: number;
}

/** SOL003 LCM API version sent in the Version header (SOL013 9.1). */
const LCM_VERSION = "2.0.0";

/**
 * Starts SCALE and HEAL through the VNFM's SOL003 LCM interface (SOL003 5.4.5 scale, 5.4.9 heal),
 * as an NFVO would. The request carries `additionalParams.isAutomaticInvocation: true`: the
 * VNFM sets `isAutomaticInvocation` of the resulting VnfLcmOpOcc from it (docs/design/monitoring.md),
 * because SOL003 has no request attribute for "triggered by auto-scaling/auto-heal".
 */
export class Sol003Scaler implements Scaler {
  private readonly base: string;
  private readonly tokens: TokenSource;

  constructor(private readonly options: Sol003ScalerOptions) {
    this.base = `${options.vnfmUrl.replace(/\/+$/, "")}/vnflcm/v2/vnf_instances`;
    this.tokens = options.tokens ?? noToken;
  }

  scale(request: ScaleRequest): Promise<OperationOutcome> {
    return this.post(`${encodeURIComponent(request.vnfInstanceId)}/scale`, {
      type: request.type,
      aspectId: request.aspectId,
      numberOfSteps: request.numberOfSteps,
      additionalParams: {
        isAutomaticInvocation: true,
        triggeredBy: "ivf-monitor",
        scalingPolicyId: request.policyId,
        evidence: request.evidence.join("; ").slice(0, 1024),
      },
    });
  }

  heal(request: HealRequest): Promise<OperationOutcome> {
    // vnfcInstanceId follows SOL002's HealVnfRequest and Tacker's v2 API; SOL003 keeps
    // HealVnfRequest to cause + additionalParams, so the VNFC ids are repeated there.
    return this.post(`${encodeURIComponent(request.vnfInstanceId)}/heal`, {
      cause: request.cause.slice(0, 512),
      vnfcInstanceId: request.vnfcInstanceIds,
      additionalParams: {
        isAutomaticInvocation: true,
        triggeredBy: "ivf-monitor",
        vnfcInstanceId: request.vnfcInstanceIds,
      },
    });
  }

  private async post(path: string, body: unknown): Promise<OperationOutcome> {
    const url = `${this.base}/${path}`;
    let token: string | undefined;
    try {
      token = await this.tokens.token();
    } catch (error) {
      return {
        started: false,
        retryable: true,
        detail: `cannot obtain an access token: ${messageOf(error)}`,
      };
    }
    try {
      const response = await fetch(url, {
        method: "POST",
        headers: {
          "content-type": "application/json",
          accept: "application/json",
          version: LCM_VERSION,
          ...(token ? { authorization: `Bearer ${token}` } : {}),
        },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 10_000),
      });
      const text = await response.text().catch(() => "");
      if (response.status === 202)
        return { started: true, operationUri: response.headers.get("location") ?? undefined };
      const detail = problemDetail(text) ?? `HTTP ${response.status}`;
      // 409: another operation in progress or state conflict; 5xx: VNFM trouble. Both may pass.
      const retryable = response.status === 409 || response.status === 429 || response.status >= 500;
      return { started: false, retryable, status: response.status, detail: `POST ${url}: ${detail}` };
    } catch (error) {
      return { started: false, retryable: true, detail: `POST ${url} failed: ${messageOf(error)}` };
    }
  }
}

function problemDetail(text: string): string | undefined {
  try {
    const body = JSON.parse(text) as { detail?: unknown; title?: unknown };
    if (typeof body.detail === "string") return body.detail.slice(0, 500);
    if (typeof body.title === "string") return body.title.slice(0, 500);
  } catch {
    return undefined;
  }
  return undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
