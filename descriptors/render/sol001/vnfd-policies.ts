import type { Flavour, LoadedIvfModel, ScalingRule } from "../../model/model-types.js";
import { aspectVnfcs, deltaSet, instancesAt, levelScaleLevels } from "../../model/scaling-math.js";
import { kpiExpression } from "../promql.js";
import { YamlFloat, snake } from "../yaml-emit.js";
import { autoScalingPolicyType, indicatorPolicyType } from "./vnfd-types.js";

/**
 * The policies of one flavour (SOL001 6.10): scaling aspects and deltas, initial deltas,
 * instantiation levels with the VDU instances they imply, KPI indicators and auto-scaling.
 */
export function scalingPolicies(flavour: Flavour): Record<string, unknown>[] {
  const policies: Record<string, unknown>[] = [];
  if (flavour.scalingAspects.length > 0) {
    const aspects: Record<string, unknown> = {};
    for (const aspect of flavour.scalingAspects)
      aspects[snake(aspect.id)] = {
        name: snake(aspect.id),
        description: aspect.description,
        max_scale_level: aspect.maxScaleLevel,
        step_deltas: deltaSet(aspect).stepDeltas.map(snake),
      };
    policies.push({
      scaling_aspects: { type: "tosca.policies.nfv.ScalingAspects", properties: { aspects } },
    });
  }
  for (const [vnfcId, profile] of Object.entries(flavour.vnfcProfiles))
    policies.push({
      [`${snake(vnfcId)}_initial_delta`]: {
        type: "tosca.policies.nfv.VduInitialDelta",
        properties: { initial_delta: { number_of_instances: profile.initial } },
        targets: [snake(vnfcId)],
      },
    });
  for (const aspect of flavour.scalingAspects) {
    const { deltas } = deltaSet(aspect);
    for (const vnfcId of aspectVnfcs(flavour, aspect))
      policies.push({
        [`${snake(aspect.id)}_${snake(vnfcId)}_deltas`]: {
          type: "tosca.policies.nfv.VduScalingAspectDeltas",
          properties: {
            aspect: snake(aspect.id),
            deltas: Object.fromEntries(
              deltas.map((delta) => [snake(delta.id), { number_of_instances: delta.instances[vnfcId] ?? 0 }]),
            ),
          },
          targets: [snake(vnfcId)],
        },
      });
  }
  return policies;
}

export function levelPolicies(flavour: Flavour): Record<string, unknown>[] {
  const levels: Record<string, unknown> = {};
  for (const level of flavour.instantiationLevels)
    levels[snake(level.id)] = {
      description: level.description,
      scale_info: Object.fromEntries(
        flavour.scalingAspects.map((aspect) => [
          snake(aspect.id),
          { scale_level: level.scaleLevels[aspect.id] ?? 0 },
        ]),
      ),
    };
  const policies: Record<string, unknown>[] = [
    {
      instantiation_levels: {
        type: "tosca.policies.nfv.InstantiationLevels",
        properties: { levels, default_level: snake(flavour.defaultInstantiationLevel) },
      },
    },
  ];
  for (const vnfcId of Object.keys(flavour.vnfcProfiles))
    policies.push({
      [`${snake(vnfcId)}_instantiation_levels`]: {
        type: "tosca.policies.nfv.VduInstantiationLevels",
        properties: {
          levels: Object.fromEntries(
            flavour.instantiationLevels.map((level) => [
              snake(level.id),
              { number_of_instances: instancesAt(flavour, vnfcId, levelScaleLevels(flavour, level.id)) },
            ]),
          ),
        },
        targets: [snake(vnfcId)],
      },
    });
  return policies;
}

export function indicatorPolicies(loaded: LoadedIvfModel): Record<string, unknown>[] {
  const selector = `vnf="${loaded.model.name}"`;
  return loaded.model.monitoring.kpis
    .filter((kpi) => kpi.indicator === true)
    .map((kpi) => ({
      [`${kpi.id}_indicator`]: {
        type: indicatorPolicyType,
        description: kpi.description,
        properties: {
          source: "vnf",
          name: kpi.id,
          indicator_value: [kpi.unit],
          metric: kpi.metric,
          expression: kpiExpression(kpi, selector),
        },
        targets: ["vnf"],
      },
    }));
}

export function autoScalingPolicies(loaded: LoadedIvfModel, flavour: Flavour): Record<string, unknown>[] {
  const { monitoring } = loaded.model;
  const rule = (value: ScalingRule) => ({
    combine: value.combine,
    criteria: value.criteria.map((criterion) => ({
      indicator: criterion.kpi,
      metric: monitoring.kpis.find((kpi) => kpi.id === criterion.kpi)?.metric ?? criterion.kpi,
      operator: criterion.operator,
      threshold: new YamlFloat(criterion.threshold),
    })),
    evaluation_window: `${value.evaluationWindowSeconds} s`,
    cooldown: `${value.cooldownSeconds} s`,
  });
  return monitoring.scalingPolicies
    .filter((policy) => policy.flavour === flavour.id)
    .map((policy) => ({
      [snake(policy.id)]: {
        type: autoScalingPolicyType,
        properties: {
          aspect: snake(policy.aspect),
          scale_out: rule(policy.scaleOut),
          scale_in: rule(policy.scaleIn),
        },
        targets: ["vnf"],
      },
    }));
}
