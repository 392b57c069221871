import type { LoadedNetworkService, NsMember } from "../../model/model-types.js";
import type { RenderedFile } from "../render-types.js";
import { emitYaml, snake } from "../yaml-emit.js";
import { extRequirementName, renderTypesDocument, vnfNodeTypeName } from "./vnfd-types.js";

/**
 * SOL001 NSD. The reference set has NSD types only from SOL001 v3.3.1, so the NSD always uses
 * that dialect (tosca_simple_yaml_1_3). Each member is a node of its VNF's derived type (the
 * types files of the members are shipped in Definitions/), VNF external CPs bind to NS virtual
 * links, SAPs attach to the VL of the exposed CP. NS instantiation levels use a declared policy
 * type because this copy of the v3.3.1 NSD types has no NS level policy.
 */
export const nsLevelsPolicyType = "openiotvf.policies.NsInstantiationLevels";

function memberNode(ns: LoadedNetworkService, member: NsMember): Record<string, unknown> {
  const { model, platform, members } = ns;
  const loaded = members[member.ivf];
  if (!loaded) throw new Error(`member ${member.id}: IVF ${member.ivf} not loaded`);
  const flavour = loaded.model.flavours.find((candidate) => candidate.id === member.flavour);
  return {
    type: vnfNodeTypeName(loaded),
    properties: {
      descriptor_id: loaded.model.descriptorId,
      descriptor_version: loaded.model.descriptorVersion,
      provider: platform.provider,
      product_name: loaded.model.productName,
      software_version: platform.softwareVersion,
      vnfm_info: ["etsivnfm:v3.3.1"],
      flavour_id: member.flavour,
      flavour_description: flavour?.description ?? member.flavour,
      vnf_profile: {
        instantiation_level: member.instantiationLevel,
        min_number_of_instances: member.minInstances,
        max_number_of_instances: member.maxInstances,
      },
    },
    requirements: model.virtualLinks.flatMap((link) =>
      link.connects
        .filter((connection) => connection.member === member.id)
        .map((connection) => ({ [extRequirementName(connection.extCpd)]: snake(link.id) })),
    ),
  };
}

function linkAndSapNodes(ns: LoadedNetworkService): Record<string, unknown> {
  const { model } = ns;
  const nodes: Record<string, unknown> = {};
  for (const link of model.virtualLinks)
    nodes[snake(link.id)] = {
      type: "tosca.nodes.nfv.NsVirtualLink",
      properties: {
        description: link.description,
        connectivity_type: { layer_protocols: ["ipv4"] },
        vl_profile: {
          max_bitrate_requirements: { root: link.maxBitrateBps },
          min_bitrate_requirements: { root: link.minBitrateBps },
        },
      },
    };
  for (const sap of model.saps) {
    const link = model.virtualLinks.find((candidate) =>
      candidate.connects.some(
        (connection) => connection.member === sap.member && connection.extCpd === sap.extCpd,
      ),
    );
    nodes[snake(sap.id)] = {
      type: "tosca.nodes.nfv.Sap",
      description: sap.description,
      properties: { layer_protocols: ["ipv4"] },
      requirements: link ? [{ internal_virtual_link: snake(link.id) }] : [],
    };
  }
  return nodes;
}

function levelsPolicy(ns: LoadedNetworkService): Record<string, unknown> {
  const { model } = ns;
  const levels = Object.fromEntries(
    model.instantiationLevels.map((level) => [
      snake(level.id),
      {
        description: level.description,
        vnf_levels: Object.fromEntries(
          Object.entries(level.members).map(([member, vnfLevel]) => [snake(member), snake(vnfLevel)]),
        ),
      },
    ]),
  );
  return {
    ns_instantiation_levels: {
      type: nsLevelsPolicyType,
      properties: { levels, default_level: snake(model.defaultInstantiationLevel) },
      targets: ["ns"],
    },
  };
}

export function renderSol001Nsd(ns: LoadedNetworkService): {
  entryDefinitions: string;
  files: RenderedFile[];
} {
  const { model, platform, members } = ns;
  const typeFiles = Object.values(members).map((loaded) => ({
    path: `Definitions/${loaded.model.name.replace(/-/g, "_")}_types.yaml`,
    content: emitYaml(renderTypesDocument(loaded, "3.3.1")),
  }));
  const nodes: Record<string, unknown> = {
    ns: {
      type: "tosca.nodes.nfv.NS",
      properties: {
        descriptor_id: model.nsdId,
        designer: platform.provider,
        version: model.version,
        name: model.name,
        invariant_id: model.nsdId,
        flavour_id: "default",
      },
    },
    ...Object.fromEntries(model.members.map((member) => [snake(member.id), memberNode(ns, member)])),
    ...linkAndSapNodes(ns),
  };
  const document = {
    tosca_definitions_version: "tosca_simple_yaml_1_3",
    description: model.description,
    metadata: {
      template_name: model.name,
      template_author: platform.provider,
      template_version: model.version,
    },
    imports: [
      "etsi_nfv_sol001_common_types.yaml",
      "etsi_nfv_sol001_vnfd_types.yaml",
      "etsi_nfv_sol001_nsd_types.yaml",
      ...typeFiles.map((file) => file.path.slice("Definitions/".length)),
    ],
    policy_types: {
      [nsLevelsPolicyType]: {
        derived_from: "tosca.policies.Root",
        description:
          "NS instantiation levels as the VNF instantiation level of every member (IFA014 NsLevel)",
        properties: {
          levels: { type: "map", required: true, entry_schema: { type: "map" } },
          default_level: { type: "string", required: true },
        },
        targets: ["tosca.nodes.nfv.NS"],
      },
    },
    topology_template: { node_templates: nodes, policies: [levelsPolicy(ns)] },
  };
  const entry = `Definitions/${model.name.replace(/-/g, "_")}_nsd.yaml`;
  return { entryDefinitions: entry, files: [{ path: entry, content: emitYaml(document) }, ...typeFiles] };
}
