import type { Flavour, LoadedIvfModel, Vnfc } from "../../model/model-types.js";
import type { Sol001Version } from "../render-types.js";
import { snake } from "../yaml-emit.js";
import { autoScalingPolicies, indicatorPolicies, levelPolicies, scalingPolicies } from "./vnfd-policies.js";
import { extRequirementName, vnfNodeTypeName } from "./vnfd-types.js";

/**
 * One deployment flavour as a TOSCA topology (SOL001 6.9 / Annex A.2): the flavour file
 * substitutes the VNF node type, with `flavour_id` in substitution_mappings (where Tacker v2
 * looks it up), and carries the VDUs, CPs, VLs and the scaling policies of SOL001 6.10.
 */
const gib = (value: number) => `${value} GiB`;

function vduNode(loaded: LoadedIvfModel, flavour: Flavour, vnfc: Vnfc): Record<string, unknown> {
  const { platform } = loaded;
  const image = platform.softwareImage;
  const profile = flavour.vnfcProfiles[vnfc.id];
  return {
    type: "tosca.nodes.nfv.Vdu.Compute",
    properties: {
      name: vnfc.name,
      description: vnfc.description,
      vdu_profile: { min_number_of_instances: profile?.min ?? 1, max_number_of_instances: profile?.max ?? 1 },
      sw_image_data: {
        name: image.name,
        version: image.version,
        checksum: { algorithm: "sha-256", hash: image.sha256 },
        container_format: image.containerFormat,
        disk_format: image.diskFormat,
        min_disk: gib(image.minDiskGiB),
        min_ram: `${vnfc.compute.memoryMiB} MiB`,
        size: gib(image.sizeGiB),
        operating_system: image.operatingSystem,
      },
    },
    capabilities: {
      virtual_compute: {
        properties: {
          virtual_memory: { virtual_mem_size: `${vnfc.compute.memoryMiB} MiB`, numa_enabled: false },
          virtual_cpu: {
            num_virtual_cpu: vnfc.compute.vcpus,
            ...(vnfc.compute.cpuArchitecture ? { cpu_architecture: vnfc.compute.cpuArchitecture } : {}),
          },
          // rdma_enabled/numa_enabled have defaults but are `required` in v3.3.1: state them.
          virtual_local_storage: [{ size_of_storage: gib(image.minDiskGiB), rdma_enabled: false }],
        },
      },
    },
    ...(vnfc.storage && vnfc.storage.length > 0
      ? {
          requirements: vnfc.storage.map((storage) => ({
            virtual_storage: snake(`${vnfc.id}-${storage.id}`),
          })),
        }
      : {}),
  };
}

function storageNodes(vnfc: Vnfc): Record<string, unknown> {
  const nodes: Record<string, unknown> = {};
  for (const storage of vnfc.storage ?? [])
    nodes[snake(`${vnfc.id}-${storage.id}`)] = {
      type: "tosca.nodes.nfv.Vdu.VirtualBlockStorage",
      description: storage.description,
      properties: {
        virtual_block_storage_data: {
          size_of_storage: gib(storage.sizeGiB),
          rdma_enabled: false,
        },
      },
    };
  return nodes;
}

function connectivity(loaded: LoadedIvfModel): Record<string, unknown> {
  const { model } = loaded;
  const nodes: Record<string, unknown> = {};
  for (const vnfc of model.vnfcs)
    for (const cp of vnfc.internalCps) {
      const requirements: Record<string, string>[] = [{ virtual_binding: snake(vnfc.id) }];
      if (cp.virtualLink) requirements.push({ virtual_link: snake(cp.virtualLink) });
      nodes[snake(cp.id)] = {
        type: "tosca.nodes.nfv.VduCp",
        properties: { layer_protocols: ["ipv4"], order: cp.order },
        requirements,
      };
    }
  for (const link of model.virtualLinks)
    nodes[snake(link.id)] = {
      type: "tosca.nodes.nfv.VnfVirtualLink",
      properties: {
        connectivity_type: {
          layer_protocols: ["ipv4"],
          ...(link.flowPattern ? { flow_pattern: link.flowPattern } : {}),
        },
        description: link.description,
        vl_profile: {
          max_bitrate_requirements: { root: link.maxBitrateBps },
          min_bitrate_requirements: { root: link.minBitrateBps },
          virtual_link_protocol_data: [{ associated_layer_protocol: "ipv4" }],
        },
      },
    };
  for (const cpd of model.extCpds) {
    const cp = model.vnfcs
      .find((vnfc) => vnfc.id === cpd.vnfc)
      ?.internalCps.find((candidate) => candidate.id === cpd.internalCp);
    if (cp?.virtualLink)
      nodes[snake(cpd.id)] = {
        type: "tosca.nodes.nfv.VnfExtCp",
        description: cpd.description,
        properties: { layer_protocols: ["ipv4"] },
        requirements: [{ internal_virtual_link: snake(cp.virtualLink) }],
      };
  }
  return nodes;
}

/** External CPs backed by a VL-less VduCp are mapped straight onto that VduCp's virtual_link. */
function substitutionRequirements(loaded: LoadedIvfModel): Record<string, string[]> {
  const { model } = loaded;
  const mapping: Record<string, string[]> = {};
  for (const cpd of model.extCpds) {
    const cp = model.vnfcs
      .find((vnfc) => vnfc.id === cpd.vnfc)
      ?.internalCps.find((candidate) => candidate.id === cpd.internalCp);
    mapping[extRequirementName(cpd.id)] = cp?.virtualLink
      ? [snake(cpd.id), "external_virtual_link"]
      : [snake(cpd.internalCp), "virtual_link"];
  }
  return mapping;
}

const stringInputs = [
  "descriptor_id",
  "descriptor_version",
  "provider",
  "product_name",
  "software_version",
  "product_info_name",
  "flavour_id",
  "flavour_description",
];
const substitutionInputs: Record<string, unknown> = {
  ...Object.fromEntries(stringInputs.map((name) => [name, { type: "string" }])),
  vnfm_info: { type: "list", entry_schema: { type: "string" } },
  // tosca-parser cannot resolve an SOL001 data type on an input; the node property keeps the real type.
  configurable_properties: { type: "map" },
};

export function renderFlavourDocument(
  loaded: LoadedIvfModel,
  flavour: Flavour,
  version: Sol001Version,
  typesFile: string,
): Record<string, unknown> {
  const { model } = loaded;
  const nodes: Record<string, unknown> = {
    vnf: {
      type: vnfNodeTypeName(loaded),
      properties: { flavour_description: flavour.description },
    },
  };
  for (const vnfc of model.vnfcs) {
    nodes[snake(vnfc.id)] = vduNode(loaded, flavour, vnfc);
    Object.assign(nodes, storageNodes(vnfc));
  }
  Object.assign(nodes, connectivity(loaded));
  return {
    tosca_definitions_version: version === "2.6.1" ? "tosca_simple_yaml_1_2" : "tosca_simple_yaml_1_3",
    description: `${model.productName}: deployment flavour ${flavour.id}`,
    imports: ["etsi_nfv_sol001_common_types.yaml", "etsi_nfv_sol001_vnfd_types.yaml", typesFile],
    topology_template: {
      // tosca-parser (and Tacker's samples) expect one input per VNF property the top file sets.
      inputs: substitutionInputs,
      substitution_mappings: {
        node_type: vnfNodeTypeName(loaded),
        properties: { flavour_id: flavour.id },
        requirements: substitutionRequirements(loaded),
      },
      node_templates: nodes,
      policies: [
        ...scalingPolicies(flavour),
        ...levelPolicies(flavour),
        ...indicatorPolicies(loaded),
        ...autoScalingPolicies(loaded, flavour),
      ],
    },
  };
}
