import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { AggregateSnapshot } from "../aggregation/vnf-aggregator.js";
import type { MonitoredVnf } from "../discovery/monitored-vnf.js";
import { PolicyEvaluator, type ScaleDecision } from "./policy-evaluator.js";
import type { ScalingPolicy } from "./policy-model.js";
import type { OperationOutcome, Scaler } from "./scaler.js";

export interface AutoscalerOptions {
  scaler: Scaler;
  logger: Logger;
  /** A longer pause between evaluations breaks "held for the whole window". */
  maxGapMs: number;
  /** Delay before re-proposing a decision the VNFM did not start (409, unreachable). */
  retryAfterMs: number;
  onDecision?: (decision: ScaleDecision, outcome: OperationOutcome) => void;
}

/**
 * The control loop's acting half: evaluates each VNF instance's policies on its newest
 * aggregate and starts the decided operation through the Scaler, only for instances whose
 * `vnfConfigurableProperties.isAutoscaleEnabled` is true (SOL003 5.5.2.2; IFA011 7.1.2).
 */
export class Autoscaler {
  private readonly evaluators = new Map<string, { fingerprint: string; evaluator: PolicyEvaluator }>();
  private readonly inFlight = new Set<string>();

  constructor(private readonly options: AutoscalerOptions) {}

  async evaluate(
    vnf: MonitoredVnf,
    policies: readonly ScalingPolicy[],
    snapshot: AggregateSnapshot,
  ): Promise<ScaleDecision | undefined> {
    if (!vnf.isAutoscaleEnabled || policies.length === 0 || this.inFlight.has(vnf.id)) return undefined;
    const evaluator = this.evaluatorFor(
      vnf.id,
      policies.map((policy) => inVnfdSpelling(policy, vnf)),
    );
    const decision = evaluator.evaluate(snapshot, {
      flavourId: vnf.flavourId,
      scaleLevels: vnf.scaleLevels,
      maxScaleLevels: vnf.maxScaleLevels,
    });
    if (!decision) return undefined;
    this.inFlight.add(vnf.id);
    try {
      const outcome = await this.options.scaler.scale({
        vnfInstanceId: vnf.id,
        type: decision.type,
        aspectId: decision.aspectId,
        numberOfSteps: decision.numberOfSteps,
        policyId: decision.policyId,
        evidence: decision.evidence,
      });
      if (outcome.started) evaluator.applied(decision);
      else
        evaluator.notApplied(
          decision,
          outcome.retryable ? this.options.retryAfterMs : this.options.retryAfterMs * 10,
        );
      this.log(decision, outcome);
      this.options.onDecision?.(decision, outcome);
      return outcome.started ? decision : undefined;
    } finally {
      this.inFlight.delete(vnf.id);
    }
  }

  /** Forgets instances that no longer exist. */
  retain(vnfInstanceIds: Iterable<string>): void {
    const wanted = new Set(vnfInstanceIds);
    for (const id of this.evaluators.keys()) if (!wanted.has(id)) this.evaluators.delete(id);
  }

  private evaluatorFor(vnfInstanceId: string, policies: readonly ScalingPolicy[]): PolicyEvaluator {
    // Keyed by content: the same policies re-read from the descriptor keep their windows.
    const fingerprint = JSON.stringify(policies);
    const existing = this.evaluators.get(vnfInstanceId);
    if (existing && existing.fingerprint === fingerprint) return existing.evaluator;
    const evaluator = new PolicyEvaluator(vnfInstanceId, policies, this.options.maxGapMs);
    this.evaluators.set(vnfInstanceId, { fingerprint, evaluator });
    return evaluator;
  }

  private log(decision: ScaleDecision, outcome: OperationOutcome): void {
    const fields = { event: "scale_decision", ...decision, outcome };
    if (outcome.started)
      this.options.logger.info(
        fields,
        `${decision.type} ${decision.vnfInstanceId}/${decision.aspectId} ${decision.fromLevel}->${decision.toLevel}`,
      );
    else
      this.options.logger.warn(
        fields,
        `${decision.type} of ${decision.vnfInstanceId} not started: ${outcome.detail}`,
      );
  }
}

/**
 * Policies name the aspect as the IVF model does (`processor-aspect`); the VNFD, and so the
 * VNFM's scaleStatus and ScaleVnfRequest, use its TOSCA spelling (`processor_aspect`,
 * descriptors/render/yaml-emit.ts `snake`). The instance's own spelling wins when both exist.
 */
function inVnfdSpelling(policy: ScalingPolicy, vnf: MonitoredVnf): ScalingPolicy {
  if (policy.aspect in vnf.maxScaleLevels) return policy;
  const tosca = policy.aspect.replace(/-/g, "_");
  return tosca in vnf.maxScaleLevels ? { ...policy, aspect: tosca } : policy;
}
