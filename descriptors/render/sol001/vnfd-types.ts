import type { LoadedIvfModel } from "../../model/model-types.js";
import { sol001Dialects, type Sol001Version } from "../render-types.js";
import { pascal, snake } from "../yaml-emit.js";

/**
 * The VNF-specific types file (<name>_types.yaml): the node type derived from
 * tosca.nodes.nfv.VNF that pins identity with valid_values (SOL001 6.8.1 / Annex A pattern)
 * and the KPI indicator policy type. SOL001 v2.6.1 has no tosca.policies.nfv.VnfIndicator,
 * so there the indicator type derives from tosca.policies.Root with the same `source` property.
 */
export function vnfNodeTypeName(loaded: LoadedIvfModel): string {
  return `openiotvf.nodes.${pascal(loaded.model.name)}`;
}

export const indicatorPolicyType = "openiotvf.policies.KpiIndicator";
export const autoScalingPolicyType = "openiotvf.policies.AutoScaling";

/**
 * SOL001 has no threshold-based auto-scaling policy type, so the VNFD declares one: per aspect,
 * a scale-out and a scale-in rule (AND/OR of KPI criteria, evaluation window, cooldown). The
 * VNFM/monitoring agent act on it only when configurable_properties.is_autoscale_enabled is true.
 */
const autoScalingTypes = {
  data_types: {
    "openiotvf.datatypes.ScalingCriterion": {
      derived_from: "tosca.datatypes.Root",
      properties: {
        indicator: { type: "string", required: true, description: "KPI id (VnfIndicator policy name)" },
        metric: { type: "string", required: true },
        operator: {
          type: "string",
          required: true,
          constraints: [{ valid_values: ["GT", "GE", "LT", "LE", "EQ", "NE"] }],
        },
        threshold: { type: "float", required: true },
      },
    },
    "openiotvf.datatypes.ScalingRule": {
      derived_from: "tosca.datatypes.Root",
      properties: {
        combine: { type: "string", required: true, constraints: [{ valid_values: ["AND", "OR"] }] },
        criteria: {
          type: "list",
          required: true,
          entry_schema: { type: "openiotvf.datatypes.ScalingCriterion" },
        },
        evaluation_window: { type: "scalar-unit.time", required: true },
        cooldown: { type: "scalar-unit.time", required: true },
      },
    },
  },
  policy: {
    derived_from: "tosca.policies.Root",
    description: "Threshold-based auto-scaling of one scaling aspect from VNF KPIs",
    properties: {
      aspect: { type: "string", required: true },
      scale_out: { type: "openiotvf.datatypes.ScalingRule", required: true },
      scale_in: { type: "openiotvf.datatypes.ScalingRule", required: true },
    },
    targets: ["tosca.nodes.nfv.VNF"],
  },
};

function pinned(value: string): Record<string, unknown> {
  return { type: "string", constraints: [{ valid_values: [value] }], default: value };
}

export function extRequirementName(extCpdId: string): string {
  return `virtual_link_${snake(extCpdId)}`;
}

export function renderTypesDocument(loaded: LoadedIvfModel, version: Sol001Version): Record<string, unknown> {
  const { model, platform } = loaded;
  const dialect = sol001Dialects[version];
  const flavourIds = model.flavours.map((flavour) => flavour.id);
  return {
    tosca_definitions_version: dialect.toscaVersion,
    description: `${model.productName}: VNF-specific types`,
    imports: ["etsi_nfv_sol001_common_types.yaml", "etsi_nfv_sol001_vnfd_types.yaml"],
    node_types: {
      [vnfNodeTypeName(loaded)]: {
        derived_from: "tosca.nodes.nfv.VNF",
        properties: {
          descriptor_id: pinned(model.descriptorId),
          descriptor_version: pinned(model.descriptorVersion),
          provider: pinned(platform.provider),
          product_name: pinned(model.productName),
          software_version: pinned(platform.softwareVersion),
          product_info_name: pinned(model.name),
          vnfm_info: {
            type: "list",
            entry_schema: { type: "string", constraints: [{ valid_values: [dialect.vnfmInfo] }] },
            default: [dialect.vnfmInfo],
          },
          flavour_id: { type: "string", constraints: [{ valid_values: flavourIds }], default: flavourIds[0] },
          flavour_description: { type: "string", default: model.flavours[0]?.description ?? "" },
          configurable_properties: { type: "tosca.datatypes.nfv.VnfConfigurableProperties", required: false },
        },
        requirements: model.extCpds.map((cpd) => ({
          [extRequirementName(cpd.id)]: {
            capability: "tosca.capabilities.nfv.VirtualLinkable",
            relationship: "tosca.relationships.nfv.VirtualLinksTo",
            occurrences: [0, 1],
          },
        })),
        interfaces: { Vnflcm: { type: "tosca.interfaces.nfv.Vnflcm" } },
      },
    },
    data_types: autoScalingTypes.data_types,
    policy_types: {
      [autoScalingPolicyType]: autoScalingTypes.policy,
      [indicatorPolicyType]: {
        derived_from: version === "2.6.1" ? "tosca.policies.Root" : "tosca.policies.nfv.VnfIndicator",
        description: "VNF indicator computed from a Prometheus metric the VNF exposes (IFA011 VnfIndicator)",
        properties: {
          ...(version === "2.6.1"
            ? {
                source: {
                  type: "string",
                  required: true,
                  constraints: [{ valid_values: ["vnf", "em", "both_vnf_and_em"] }],
                },
              }
            : {}),
          name: { type: "string", required: true },
          indicator_value: { type: "list", required: true, entry_schema: { type: "string" } },
          metric: { type: "string", required: true },
          expression: { type: "string", required: true, description: "PromQL giving the indicator value" },
        },
        targets: ["tosca.nodes.nfv.VNF"],
      },
    },
  };
}
