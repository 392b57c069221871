import type { LoadedIvfModel, LoadedNetworkService } from "../model/model-types.js";
import { renderGrafanaDashboard } from "../render/artefacts/grafana-dashboard.js";
import { renderPrometheusRules } from "../render/artefacts/prometheus-rules.js";
import {
  renderChangeLog,
  renderCloudInit,
  renderExporterTemplate,
  renderLicence,
} from "../render/artefacts/text-artefacts.js";
import { renderVesRegistration } from "../render/artefacts/ves-registration.js";
import { renderHelmChart } from "../render/helm-chart.js";
import type { Sol001Version } from "../render/render-types.js";
import { renderSol001Nsd } from "../render/sol001/nsd.js";
import { renderSol001Vnfd } from "../render/sol001/vnfd.js";
import { cloudInitFileName } from "../render/sol006/osm-values.js";
import { knfVnfdId, renderSol006VnfdKnf } from "../render/sol006/vnfd-knf.js";
import { renderSol006Nsd } from "../render/sol006/nsd.js";
import { renderSol006VnfdVm } from "../render/sol006/vnfd-vm.js";
import type { CsarContent } from "./csar/build-csar.js";
import type { OsmPackageContent } from "./osm/build-osm-package.js";
import { withTypeFiles, type TypeSource } from "./sol001-types.js";

/** Assembles what goes into each package from the renderers; no I/O besides the type files. */
const CREATED_BY = "OpenIoTVF ivf package build";

export function vnfCsarContent(
  loaded: LoadedIvfModel,
  version: Sol001Version,
  types: TypeSource,
): CsarContent {
  const { model, platform } = loaded;
  const vnfd = renderSol001Vnfd(loaded, version);
  const monitoring = [
    { path: "Files/Monitoring/prometheus-rules.yaml", content: renderPrometheusRules(loaded) },
    { path: "Files/Monitoring/grafana-dashboard.json", content: renderGrafanaDashboard(loaded) },
  ];
  const ves = [{ path: "Files/Events/ves-event-registration.yaml", content: renderVesRegistration(loaded) }];
  const helm = renderHelmChart(loaded, `Files/Kubernetes/helm/${model.name}`);
  return {
    name: model.name,
    createdBy: CREATED_BY,
    entryDefinitions: vnfd.entryDefinitions,
    metadata: [
      ["vnf_provider_id", platform.provider],
      ["vnf_product_name", model.productName],
      ["vnf_release_date_time", platform.releaseDateTime],
      ["vnf_package_version", model.descriptorVersion],
      ["vnfd_id", model.descriptorId],
      ["vnf_software_version", platform.softwareVersion],
      ["compatible_specification_versions", version],
    ],
    files: [...withTypeFiles(types, version, ["common", "vnfd"], vnfd.files), ...monitoring, ...ves, ...helm],
    changeLog: renderChangeLog(platform, model.productName),
    licence: renderLicence(platform, model.productName),
    nonMano: {
      onap_ves_events: ves.map((file) => file.path),
      onap_pm_dictionary: [],
      onap_others: [...monitoring, ...helm].map((file) => file.path),
    },
    releaseDateTime: platform.releaseDateTime,
  };
}

export function nsCsarContent(ns: LoadedNetworkService, types: TypeSource): CsarContent {
  const { model, platform } = ns;
  const nsd = renderSol001Nsd(ns);
  return {
    name: `${model.name}-ns`,
    createdBy: CREATED_BY,
    entryDefinitions: nsd.entryDefinitions,
    // SOL007 (NSD archive) manifest metadata
    metadata: [
      ["nsd_designer", platform.provider],
      ["nsd_invariant_id", model.nsdId],
      ["nsd_name", model.name],
      ["nsd_release_date_time", platform.releaseDateTime],
      ["nsd_file_structure_version", model.version],
      ["compatible_specification_versions", "3.3.1"],
    ],
    files: withTypeFiles(types, "3.3.1", ["common", "vnfd", "nsd"], nsd.files),
    changeLog: renderChangeLog(platform, model.name),
    licence: renderLicence(platform, model.name),
    nonMano: {},
    releaseDateTime: platform.releaseDateTime,
  };
}

const header = (what: string, source: string) => `${what}, generated from ${source}: do not edit`;

export function osmVnfContent(loaded: LoadedIvfModel): OsmPackageContent {
  const { model, platform } = loaded;
  return {
    directory: `${model.name}_vnf`,
    descriptorName: `${model.name}_vnfd.yaml`,
    descriptor: renderSol006VnfdVm(loaded),
    header: header(`SOL006 v2.6.1 + OSM IM VNFD of ${model.name}`, `descriptors/ivfs/${model.name}.yaml`),
    files: [
      ...model.vnfcs.map((vnfc) => ({
        path: `cloud_init/${cloudInitFileName(model, vnfc)}`,
        content: renderCloudInit(loaded, vnfc),
      })),
      { path: "exporter-endpoint/prometheus.j2", content: renderExporterTemplate(loaded) },
      { path: "README.md", content: `${model.productName}\n\n${model.description}\n` },
    ],
    releaseDateTime: platform.releaseDateTime,
  };
}

export function osmKnfContent(loaded: LoadedIvfModel): OsmPackageContent {
  const { model, platform } = loaded;
  return {
    directory: `${model.name}_knf`,
    descriptorName: `${knfVnfdId(loaded)}_vnfd.yaml`,
    descriptor: renderSol006VnfdKnf(loaded),
    header: header(`OSM KNF (KDU + Helm) VNFD of ${model.name}`, `descriptors/ivfs/${model.name}.yaml`),
    files: renderHelmChart(loaded, `helm-charts/${model.name}`),
    releaseDateTime: platform.releaseDateTime,
  };
}

export function osmNsContent(ns: LoadedNetworkService): OsmPackageContent {
  return {
    directory: `${ns.model.name}_ns`,
    descriptorName: `${ns.model.name}_nsd.yaml`,
    descriptor: renderSol006Nsd(ns),
    header: header(`SOL006 v2.6.1 + OSM IM NSD of ${ns.model.name}`, `descriptors/ns/${ns.model.name}.yaml`),
    files: [{ path: "README.md", content: `${ns.model.name}\n\n${ns.model.description}\n` }],
    releaseDateTime: ns.platform.releaseDateTime,
  };
}
