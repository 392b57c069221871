/**
 * Builds test CSARs in code (as Tacker's zipgen.py does): TOSCA.meta, a manifest and one
 * SOL001 VNFD per call, with the VDUs, aspects (incl. non-uniform step deltas) and levels asked for.
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import yazl from "yazl";
import yaml from "js-yaml";
import { referencePath } from "../../support/reference.js";

const TYPE_FILES = ["etsi_nfv_sol001_common_types.yaml", "etsi_nfv_sol001_vnfd_types.yaml"];

/** The official SOL001 v3.3.1 type files, loaded from the reference folder (never copied into the repo). */
function typeFiles(): Record<string, string> {
  const files: Record<string, string> = {};
  for (const name of TYPE_FILES) {
    const text = readFileSync(referencePath("etsi-nfv", "sol001", "v2.6.1", name), "utf8");
    files[`Definitions/${name}`] = text.replace(
      /https:\/\/forge\.etsi\.org\/rep\/nfv\/SOL001\/raw\/v[0-9.]+\/etsi_nfv_sol001_common_types\.yaml/g,
      "etsi_nfv_sol001_common_types.yaml",
    );
  }
  return files;
}

export interface TestVdu {
  id: string;
  name: string;
  min: number;
  max: number;
  initial: number;
}

export interface TestAspect {
  id: string;
  maxScaleLevel: number;
  /** Instances added per step for each VDU, e.g. {gw: [1, 2, 3]} (one entry = uniform). */
  deltas: Record<string, number[]>;
}

export interface TestVnfd {
  vnfdId: string;
  flavours: {
    id: string;
    vdus: TestVdu[];
    aspects: TestAspect[];
    levels?: Record<string, Record<string, number>>;
    defaultLevel?: string;
  }[];
}

function flavourTemplate(vnfd: TestVnfd, flavour: TestVnfd["flavours"][number]): Record<string, unknown> {
  const nodes: Record<string, unknown> = {
    vnf: {
      type: "ivf.test.Vnf",
      properties: { flavour_id: flavour.id, flavour_description: `flavour ${flavour.id}` },
    },
  };
  for (const vdu of flavour.vdus) {
    nodes[vdu.id] = {
      type: "tosca.nodes.nfv.Vdu.Compute",
      properties: {
        name: vdu.name,
        description: `${vdu.name} VNFC`,
        vdu_profile: { min_number_of_instances: vdu.min, max_number_of_instances: vdu.max },
      },
    };
  }
  const policies: Record<string, unknown>[] = [];
  if (flavour.aspects.length) {
    const aspects = Object.fromEntries(
      flavour.aspects.map((a) => {
        const steps = Math.max(1, ...Object.values(a.deltas).map((d) => d.length));
        return [
          a.id,
          {
            name: a.id,
            description: `aspect ${a.id}`,
            max_scale_level: a.maxScaleLevel,
            step_deltas: Array.from({ length: steps }, (_, i) => `delta_${i + 1}`),
          },
        ];
      }),
    );
    policies.push({
      scaling_aspects: { type: "tosca.policies.nfv.ScalingAspects", properties: { aspects } },
    });
    for (const a of flavour.aspects) {
      for (const [vduId, deltas] of Object.entries(a.deltas)) {
        policies.push({
          [`${vduId}_${a.id}_deltas`]: {
            type: "tosca.policies.nfv.VduScalingAspectDeltas",
            properties: {
              aspect: a.id,
              deltas: Object.fromEntries(
                deltas.map((n, i) => [`delta_${i + 1}`, { number_of_instances: n }]),
              ),
            },
            targets: [vduId],
          },
        });
      }
    }
  }
  for (const vdu of flavour.vdus) {
    policies.push({
      [`${vdu.id}_initial`]: {
        type: "tosca.policies.nfv.VduInitialDelta",
        properties: { initial_delta: { number_of_instances: vdu.initial } },
        targets: [vdu.id],
      },
    });
  }
  if (flavour.levels) {
    const levels = Object.fromEntries(
      Object.entries(flavour.levels).map(([id, info]) => [
        id,
        {
          description: id,
          scale_info: Object.fromEntries(Object.entries(info).map(([asp, l]) => [asp, { scale_level: l }])),
        },
      ]),
    );
    policies.push({
      levels: {
        type: "tosca.policies.nfv.InstantiationLevels",
        properties: { levels, ...(flavour.defaultLevel ? { default_level: flavour.defaultLevel } : {}) },
      },
    });
  }
  return {
    tosca_definitions_version: "tosca_simple_yaml_1_2",
    imports: [...TYPE_FILES, "top.yaml"],
    topology_template: {
      // Tacker-style: the substituted VNF's required properties are topology inputs (TOSCA 3.8.13).
      inputs: {
        descriptor_id: { type: "string", default: vnfd.vnfdId },
        descriptor_version: { type: "string", default: "1.0.0" },
        provider: { type: "string", default: "IVF Test" },
        product_name: { type: "string", default: "test-ivf" },
        software_version: { type: "string", default: "1.2.3" },
        vnfm_info: { type: "list", entry_schema: { type: "string" }, default: ["etsivnfm:v3.3.1"] },
        flavour_id: { type: "string", default: flavour.id },
        flavour_description: { type: "string", default: `flavour ${flavour.id}` },
      },
      substitution_mappings: { node_type: "ivf.test.Vnf", properties: { flavour_id: flavour.id } },
      node_templates: nodes,
      policies,
    },
    description: `${vnfd.vnfdId} flavour ${flavour.id}`,
  };
}

export function vnfdFiles(vnfd: TestVnfd): Record<string, string> {
  const top = {
    tosca_definitions_version: "tosca_simple_yaml_1_2",
    description: "test VNF",
    imports: [...TYPE_FILES, ...vnfd.flavours.map((f) => `df_${f.id}.yaml`)],
    node_types: {
      "ivf.test.Vnf": {
        derived_from: "tosca.nodes.nfv.VNF",
        properties: {
          descriptor_id: {
            type: "string",
            constraints: [{ valid_values: [vnfd.vnfdId] }],
            default: vnfd.vnfdId,
          },
          descriptor_version: { type: "string", default: "1.0.0" },
          provider: { type: "string", default: "IVF Test" },
          product_name: { type: "string", default: "test-ivf" },
          software_version: { type: "string", default: "1.2.3" },
          vnfm_info: { type: "list", entry_schema: { type: "string" }, default: ["etsivnfm:v3.3.1"] },
          flavour_id: { type: "string" },
        },
      },
    },
  };
  const files: Record<string, string> = { ...typeFiles(), "Definitions/top.yaml": yaml.dump(top) };
  for (const flavour of vnfd.flavours)
    files[`Definitions/df_${flavour.id}.yaml`] = yaml.dump(flavourTemplate(vnfd, flavour));
  return files;
}

export function buildCsar(
  vnfd: TestVnfd,
  extra: Record<string, string | Buffer> = {},
  options: { omitMeta?: boolean } = {},
): Promise<Buffer> {
  const files = new Map<string, Buffer>();
  for (const [path, text] of Object.entries(vnfdFiles(vnfd))) files.set(path, Buffer.from(text));
  files.set("Files/ChangeLog.txt", Buffer.from("1.0.0 first release of the test VNF\n"));
  files.set("Files/Licenses/LICENSE.txt", Buffer.from("Apache-2.0\n"));
  for (const [path, content] of Object.entries(extra))
    files.set(path, Buffer.isBuffer(content) ? content : Buffer.from(content));
  const digest = (b: Buffer) => createHash("sha256").update(b).digest("hex");
  const manifest = [
    "metadata:",
    "  vnf_provider_id: IVF Test",
    "  vnf_product_name: test-ivf",
    "  vnf_release_date_time: 2026-01-01T00:00:00Z",
    "  vnf_package_version: 1.0.0",
    "  vnfd_id: " + vnfd.vnfdId,
    "  vnf_software_version: 1.2.3",
    "  compatible_specification_versions: 3.3.1",
    "  vnfm_info: etsivnfm:v3.3.1",
    "",
    ...[...files].flatMap(([path, content]) => [
      `Source: ${path}`,
      "Algorithm: SHA-256",
      `Hash: ${digest(content)}`,
      "",
    ]),
  ].join("\n");
  const zip = new yazl.ZipFile();
  if (!options.omitMeta) {
    const meta =
      "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: ivf-tests\nEntry-Definitions: Definitions/top.yaml\nETSI-Entry-Manifest: test.mf\nETSI-Entry-Change-Log: Files/ChangeLog.txt\nETSI-Entry-Licenses: Files/Licenses\n";
    zip.addBuffer(Buffer.from(meta), "TOSCA-Metadata/TOSCA.meta");
  }
  zip.addBuffer(Buffer.from(manifest), "test.mf");
  for (const [path, content] of files) zip.addBuffer(content, path);
  const chunks: Buffer[] = [];
  return new Promise((resolve, reject) => {
    zip.outputStream.on("data", (c: Buffer) => chunks.push(c));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
    zip.end();
  });
}

/** One VDU "gw" (1..5), aspect gw_aspect max level 3 with NON-uniform deltas 1, 2, 1, levels small/large. */
export const gatewayVnfd = (vnfdId = "6b1e2c0a-0000-4000-8000-000000000001"): TestVnfd => ({
  vnfdId,
  flavours: [
    {
      id: "default",
      vdus: [{ id: "gw_vdu", name: "field-gateway", min: 1, max: 5, initial: 1 }],
      aspects: [{ id: "gw_aspect", maxScaleLevel: 3, deltas: { gw_vdu: [1, 2, 1] } }],
      levels: { small: { gw_aspect: 0 }, large: { gw_aspect: 2 } },
      defaultLevel: "small",
    },
    {
      id: "ha",
      vdus: [{ id: "gw_ha", name: "field-gateway", min: 2, max: 4, initial: 2 }],
      aspects: [{ id: "ha_aspect", maxScaleLevel: 2, deltas: { gw_ha: [1] } }],
    },
  ],
});
