import type { LoadedIvfModel } from "../../model/model-types.js";
import { sol001Dialects, type RenderedFile, type Sol001Version } from "../render-types.js";
import { emitYaml } from "../yaml-emit.js";
import { renderFlavourDocument } from "./vnfd-flavour.js";
import { renderTypesDocument, vnfNodeTypeName } from "./vnfd-types.js";

/**
 * SOL001 VNFD as Tacker's multi-file layout (Definitions/<name>_top.vnfd.yaml importing the
 * types file and one file per flavour). The top file's first node template is the VNF with
 * literal descriptor_id and flavour_id: ONAP SO reads exactly that node of Entry-Definitions
 * (notes/onap-tacker.md A.2).
 */
export interface Sol001Vnfd {
  entryDefinitions: string;
  files: RenderedFile[];
}

/** The VNF node of the entry file: every identity property literal, default flavour selected. */
function vnfNode(loaded: LoadedIvfModel, version: Sol001Version): Record<string, unknown> {
  const { model, platform } = loaded;
  const first = model.flavours[0];
  return {
    type: vnfNodeTypeName(loaded),
    properties: {
      descriptor_id: model.descriptorId,
      descriptor_version: model.descriptorVersion,
      provider: platform.provider,
      product_name: model.productName,
      software_version: platform.softwareVersion,
      product_info_name: model.name,
      vnfm_info: [sol001Dialects[version].vnfmInfo],
      flavour_id: first?.id,
      flavour_description: first?.description,
      configurable_properties: {
        is_autoscale_enabled: model.configurableProperties.isAutoscaleEnabled,
        is_autoheal_enabled: model.configurableProperties.isAutohealEnabled,
      },
    },
  };
}

export function renderSol001Vnfd(loaded: LoadedIvfModel, version: Sol001Version): Sol001Vnfd {
  const { model, platform } = loaded;
  const base = model.name.replace(/-/g, "_");
  const typesFile = `${base}_types.yaml`;
  const flavourFiles = model.flavours.map((flavour) => ({ flavour, path: `${base}_df_${flavour.id}.yaml` }));
  const header = `${model.productName} ${platform.softwareVersion}: SOL001 v${version} VNFD, generated from descriptors/ivfs/${model.name}.yaml`;
  const top = {
    tosca_definitions_version: sol001Dialects[version].toscaVersion,
    description: model.description,
    metadata: {
      template_name: model.name,
      template_author: platform.provider,
      template_version: model.descriptorVersion,
    },
    imports: [
      "etsi_nfv_sol001_common_types.yaml",
      "etsi_nfv_sol001_vnfd_types.yaml",
      typesFile,
      ...flavourFiles.map((file) => file.path),
    ],
    topology_template: { node_templates: { vnf: vnfNode(loaded, version) } },
  };
  const files: RenderedFile[] = [
    { path: `Definitions/${base}_top.vnfd.yaml`, content: emitYaml(top, header) },
    { path: `Definitions/${typesFile}`, content: emitYaml(renderTypesDocument(loaded, version), header) },
    ...flavourFiles.map(({ flavour, path }) => ({
      path: `Definitions/${path}`,
      content: emitYaml(renderFlavourDocument(loaded, flavour, version, typesFile), header),
    })),
  ];
  return { entryDefinitions: `Definitions/${base}_top.vnfd.yaml`, files };
}
