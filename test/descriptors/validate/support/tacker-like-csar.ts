import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { referencePath } from "../../../support/reference.js";

/**
 * A package shaped like Tacker's sample VNF packages (samples/vnf_packages, functional test
 * packages): TOSCA.meta with "Created-by" and a per-file digest block, the SOL001 v2.6.1 type
 * files shipped in Definitions/, a top VNFD importing a provider type file and a deployment
 * flavour file, one VDU with scaling policies. Written here from the structure, not copied.
 */
export type PackageFiles = Map<string, Buffer | string>;

export const sha256 = (data: Buffer | string): string => createHash("sha256").update(data).digest("hex");

const image = Buffer.from("not really a qcow2 image, but bytes with a digest\n".repeat(20));

const topVnfd = `tosca_definitions_version: tosca_simple_yaml_1_2
description: Sample VNF in the style of Tacker's samples
imports:
  - etsi_nfv_sol001_common_types.yaml
  - etsi_nfv_sol001_vnfd_types.yaml
  - sample_types.yaml
  - sample_df_simple.yaml
topology_template:
  inputs:
    selected_flavour:
      type: string
      description: VNF deployment flavour selected by the consumer
  node_templates:
    VNF:
      type: company.provider.VNF
      properties:
        flavour_id: { get_input: selected_flavour }
        descriptor_id: b1bb0ce7-ebca-4fa7-95ed-4840d7000000
        provider: Company
        product_name: Sample VNF
        software_version: '1.0'
        descriptor_version: '1.0'
        vnfm_info:
          - Tacker
`;

const providerTypes = `tosca_definitions_version: tosca_simple_yaml_1_2
description: VNF type definition
imports:
  - etsi_nfv_sol001_common_types.yaml
  - etsi_nfv_sol001_vnfd_types.yaml
node_types:
  company.provider.VNF:
    derived_from: tosca.nodes.nfv.VNF
    properties:
      descriptor_id:
        type: string
        constraints: [ valid_values: [ b1bb0ce7-ebca-4fa7-95ed-4840d7000000 ] ]
        default: b1bb0ce7-ebca-4fa7-95ed-4840d7000000
      descriptor_version:
        type: string
        constraints: [ valid_values: [ '1.0' ] ]
        default: '1.0'
      provider:
        type: string
        constraints: [ valid_values: [ 'Company' ] ]
        default: 'Company'
      product_name:
        type: string
        constraints: [ valid_values: [ 'Sample VNF' ] ]
        default: 'Sample VNF'
      software_version:
        type: string
        constraints: [ valid_values: [ '1.0' ] ]
        default: '1.0'
      vnfm_info:
        type: list
        entry_schema:
          type: string
          constraints: [ valid_values: [ Tacker ] ]
        default: [ Tacker ]
      flavour_id:
        type: string
        constraints: [ valid_values: [ simple ] ]
        default: simple
      flavour_description:
        type: string
        default: ""
    requirements:
      - virtual_link_external:
          capability: tosca.capabilities.nfv.VirtualLinkable
      - virtual_link_internal:
          capability: tosca.capabilities.nfv.VirtualLinkable
    interfaces:
      Vnflcm:
        type: tosca.interfaces.nfv.Vnflcm
`;

export const dfSimple = `tosca_definitions_version: tosca_simple_yaml_1_2
description: Simple deployment flavour for Sample VNF
imports:
  - etsi_nfv_sol001_common_types.yaml
  - etsi_nfv_sol001_vnfd_types.yaml
  - sample_types.yaml
topology_template:
  inputs:
    descriptor_id:
      type: string
    descriptor_version:
      type: string
    provider:
      type: string
    product_name:
      type: string
    software_version:
      type: string
    vnfm_info:
      type: list
      entry_schema:
        type: string
    flavour_id:
      type: string
    flavour_description:
      type: string
  substitution_mappings:
    node_type: company.provider.VNF
    properties:
      flavour_id: simple
    requirements:
      virtual_link_external: [ VDU1_CP1, virtual_link ]
  node_templates:
    VNF:
      type: company.provider.VNF
      properties:
        flavour_description: A simple flavour
    VDU1:
      type: tosca.nodes.nfv.Vdu.Compute
      properties:
        name: VDU1
        description: VDU1 compute node
        vdu_profile:
          min_number_of_instances: 1
          max_number_of_instances: 3
        sw_image_data:
          name: sample-image
          version: '0.5.2'
          checksum:
            algorithm: sha-256
            hash: ${sha256(image)}
          container_format: bare
          disk_format: qcow2
          min_disk: 0 GB
          min_ram: 256 MB
          size: 12 GB
      capabilities:
        virtual_compute:
          properties:
            virtual_memory:
              virtual_mem_size: 512 MB
            virtual_cpu:
              num_virtual_cpu: 1
            virtual_local_storage:
              - size_of_storage: 3 GB
      artifacts:
        sw_image:
          type: tosca.artifacts.nfv.SwImage
          file: ../Files/images/sample-image.img
    VDU1_CP1:
      type: tosca.nodes.nfv.VduCp
      properties:
        layer_protocols: [ ipv4 ]
        order: 0
      requirements:
        - virtual_binding: VDU1
        - virtual_link: internalVL1
    internalVL1:
      type: tosca.nodes.nfv.VnfVirtualLink
      properties:
        connectivity_type:
          layer_protocols: [ ipv4 ]
        description: Internal virtual link in the VNF
        vl_profile:
          max_bitrate_requirements:
            root: 1048576
            leaf: 1048576
          min_bitrate_requirements:
            root: 1048576
            leaf: 1048576
          virtual_link_protocol_data:
            - associated_layer_protocol: ipv4
              l3_protocol_data:
                ip_version: ipv4
                cidr: 10.0.0.0/24
  policies:
    - scaling_aspects:
        type: tosca.policies.nfv.ScalingAspects
        properties:
          aspects:
            VDU1_scale:
              name: VDU1_scale
              description: VDU1 scaling aspect
              max_scale_level: 2
              step_deltas:
                - delta_1
    - VDU1_initial_delta:
        type: tosca.policies.nfv.VduInitialDelta
        properties:
          initial_delta:
            number_of_instances: 1
        targets: [ VDU1 ]
    - VDU1_scaling_aspect_deltas:
        type: tosca.policies.nfv.VduScalingAspectDeltas
        properties:
          aspect: VDU1_scale
          deltas:
            delta_1:
              number_of_instances: 1
        targets: [ VDU1 ]
    - instantiation_levels:
        type: tosca.policies.nfv.InstantiationLevels
        properties:
          levels:
            instantiation_level_1:
              description: Smallest size
              scale_info:
                VDU1_scale:
                  scale_level: 0
            instantiation_level_2:
              description: Largest size
              scale_info:
                VDU1_scale:
                  scale_level: 2
          default_level: instantiation_level_1
    - VDU1_instantiation_levels:
        type: tosca.policies.nfv.VduInstantiationLevels
        properties:
          levels:
            instantiation_level_1:
              number_of_instances: 1
            instantiation_level_2:
              number_of_instances: 3
        targets: [ VDU1 ]
`;

export function toscaMeta(extraBlocks = ""): string {
  return `TOSCA-Meta-File-Version: 1.0\nCreated-by: Dummy User\nCSAR-Version: 1.1\nEntry-Definitions: Definitions/sample_top.vnfd.yaml\n${extraBlocks}`;
}

export function imageBlock(hash = sha256(image)): string {
  return `\nName: Files/images/sample-image.img\nContent-Type: application/x-iso9066-image\nAlgorithm: SHA-256\nHash: ${hash}\n`;
}

export function tackerLikeFiles(): PackageFiles {
  const types = (name: string): Buffer => readFileSync(referencePath("etsi-nfv", "sol001", "v2.6.1", name));
  return new Map<string, Buffer | string>([
    ["TOSCA-Metadata/TOSCA.meta", toscaMeta(imageBlock())],
    ["Definitions/etsi_nfv_sol001_common_types.yaml", types("etsi_nfv_sol001_common_types.yaml")],
    ["Definitions/etsi_nfv_sol001_vnfd_types.yaml", types("etsi_nfv_sol001_vnfd_types.yaml")],
    ["Definitions/sample_top.vnfd.yaml", topVnfd],
    ["Definitions/sample_types.yaml", providerTypes],
    ["Definitions/sample_df_simple.yaml", dfSimple],
    ["Files/images/sample-image.img", image],
  ]);
}

/** Replaces one line of a text file in the package (fails loudly if the text is absent). */
export function edit(files: PackageFiles, path: string, from: string, to: string): PackageFiles {
  const text = String(files.get(path));
  if (!text.includes(from)) throw new Error(`fixture edit: "${from}" not found in ${path}`);
  return new Map(files).set(path, text.replace(from, to));
}
