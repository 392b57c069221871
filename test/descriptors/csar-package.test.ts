import { createHash } from "node:crypto";
import { readFileSync, rmSync } from "node:fs";
import { basename } from "node:path";
import yaml from "js-yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildPackages, listIvfModels, loadIvfModel } from "../../descriptors/index.js";
import { referenceAvailable } from "../support/reference.js";
import { readZip } from "./support/archives.js";
import { buildInTemp } from "./support/built-packages.js";

type Doc = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe.skipIf(!referenceAvailable())("SOL004 CSARs built from the models", () => {
  let dir = "";
  let files: string[] = [];
  beforeAll(async () => {
    ({ dir, files } = await buildInTemp({ formats: ["csar"], sol001Version: "2.6.1" }));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("one CSAR per IVF plus the NS", () => {
    expect(files.map((file) => basename(file)).sort()).toEqual(
      [...listIvfModels().map((name) => `${name}.csar`), "iot-platform-ns.csar"].sort(),
    );
  });

  it("TOSCA.meta carries every ETSI entry and the manifest hashes every other file with SHA-256", async () => {
    for (const file of files) {
      const zip = await readZip(readFileSync(file));
      const meta = zip.get("TOSCA-Metadata/TOSCA.meta")?.toString() ?? "";
      for (const key of [
        "TOSCA-Meta-File-Version: 1.0",
        "CSAR-Version: 1.1",
        "Created-By:",
        "Entry-Definitions:",
        "ETSI-Entry-Manifest:",
        "ETSI-Entry-Change-Log:",
        "ETSI-Entry-Licenses:",
      ])
        expect(meta).toContain(key);
      const manifestPath = /ETSI-Entry-Manifest: (\S+)/.exec(meta)?.[1] ?? "";
      const manifest = zip.get(manifestPath)?.toString() ?? "";
      const sources = [...manifest.matchAll(/Source: (\S+)\nAlgorithm: SHA-256\nHash: ([0-9a-f]{64})/g)].map(
        (match) => [match[1], match[2]] as const,
      );
      const listed = new Map(sources);
      for (const [path, content] of zip) {
        if (path === manifestPath) continue;
        expect(listed.get(path), `${basename(file)}: ${path}`).toBe(
          createHash("sha256").update(content).digest("hex"),
        );
      }
      expect(zip.has(/Entry-Definitions: (\S+)/.exec(meta)?.[1] ?? "")).toBe(true);
    }
  });

  it("VNF manifests have the SOL004 metadata and the non-MANO artefact sets", async () => {
    const loaded = loadIvfModel("field-gateway");
    const zip = await readZip(
      readFileSync(files.find((file) => basename(file) === "field-gateway.csar") as string),
    );
    const manifest = zip.get("field-gateway.mf")?.toString() ?? "";
    expect(manifest).toMatch(
      new RegExp(
        `^metadata:\\n  vnf_provider_id: ${loaded.platform.provider}\\n  vnf_product_name: ${loaded.model.productName}\\n  vnf_release_date_time: ${loaded.platform.releaseDateTime}\\n  vnf_package_version: 1.0.0\\n  vnfd_id: ${loaded.model.descriptorId}\\n`,
      ),
    );
    expect(manifest).toContain("compatible_specification_versions: 2.6.1");
    expect(manifest).toMatch(
      /non_mano_artifact_sets:\n {2}onap_ves_events:\n {4}Source: Files\/Events\/ves-event-registration.yaml\n {2}onap_others:\n/,
    );
    const rules = yaml.load(zip.get("Files/Monitoring/prometheus-rules.yaml")?.toString() ?? "") as Doc;
    const alerts = rules.groups[0].rules.filter((rule: Doc) => rule.alert);
    expect(alerts.find((alert: Doc) => alert.labels.direction === "SCALE_OUT").expr).toMatch(
      / > 2\) or \(.* > 5000\) or \(.* >= 0.75\)$/,
    );
    expect(alerts.find((alert: Doc) => alert.labels.direction === "SCALE_IN")).toMatchObject({ for: "300s" });
  });

  it("the VNF node comes first in the entry VNFD with literal descriptor_id and flavour_id", async () => {
    for (const name of listIvfModels()) {
      const loaded = loadIvfModel(name);
      const zip = await readZip(
        readFileSync(files.find((file) => basename(file) === `${name}.csar`) as string),
      );
      const entry =
        /Entry-Definitions: (\S+)/.exec(zip.get("TOSCA-Metadata/TOSCA.meta")?.toString() ?? "")?.[1] ?? "";
      const top = yaml.load(zip.get(entry)?.toString() ?? "") as Doc;
      expect(top.tosca_definitions_version).toBe("tosca_simple_yaml_1_2");
      const [firstName, first] = Object.entries(top.topology_template.node_templates)[0] as [string, Doc];
      expect(firstName).toBe("vnf");
      expect(first.properties).toMatchObject({
        descriptor_id: loaded.model.descriptorId,
        flavour_id: "default",
        vnfm_info: ["etsivnfm:v2.6.1"],
      });
      expect(top.imports).toContain("etsi_nfv_sol001_vnfd_types.yaml");
      expect(zip.get("Definitions/etsi_nfv_sol001_vnfd_types.yaml")?.toString()).not.toContain(
        "https://forge.etsi.org",
      );
    }
  });

  it("the flavour declares flavour_id in substitution_mappings and every scaling policy", async () => {
    const zip = await readZip(
      readFileSync(files.find((file) => basename(file) === "request-processor.csar") as string),
    );
    const flavour = yaml.load(
      zip.get("Definitions/request_processor_df_default.yaml")?.toString() ?? "",
    ) as Doc;
    expect(flavour.topology_template.substitution_mappings.properties).toEqual({ flavour_id: "default" });
    const policies = Object.fromEntries(
      (flavour.topology_template.policies as Doc[]).map(
        (policy) => Object.entries(policy)[0] as [string, Doc],
      ),
    );
    const types = Object.values(policies).map((policy) => policy.type);
    for (const type of [
      "ScalingAspects",
      "VduScalingAspectDeltas",
      "VduInitialDelta",
      "InstantiationLevels",
      "VduInstantiationLevels",
    ])
      expect(types).toContain(`tosca.policies.nfv.${type}`);
    expect(types).toContain("openiotvf.policies.KpiIndicator");
    expect(policies.processor_load?.properties).toMatchObject({
      aspect: "processor_aspect",
      scale_out: { combine: "OR", evaluation_window: "10 s", cooldown: "30 s" },
      scale_in: { combine: "AND", evaluation_window: "60 s", cooldown: "60 s" },
    });
    expect(policies.processor_load?.properties.scale_in.criteria).toContainEqual({
      indicator: "backlog",
      metric: "iotvf_backlog_messages",
      operator: "LT",
      threshold: 50,
    });
    // non-uniform aspect: steps 1,1,2,3 -> three distinct deltas, one id per step
    expect(policies.scaling_aspects?.properties.aspects.processor_aspect).toMatchObject({
      max_scale_level: 4,
      step_deltas: [
        "processor_aspect_delta_1",
        "processor_aspect_delta_1",
        "processor_aspect_delta_2",
        "processor_aspect_delta_3",
      ],
    });
    expect(policies.processor_aspect_processor_deltas?.properties.deltas).toEqual({
      processor_aspect_delta_1: { number_of_instances: 1 },
      processor_aspect_delta_2: { number_of_instances: 2 },
      processor_aspect_delta_3: { number_of_instances: 3 },
    });
    expect(policies.processor_instantiation_levels?.properties.levels).toEqual({
      minimal: { number_of_instances: 2 },
      standard: { number_of_instances: 4 },
      peak: { number_of_instances: 9 },
    });
  });

  it("the NS CSAR holds a SOL001 v3.3.1 NSD binding members, virtual links and SAPs", async () => {
    const zip = await readZip(
      readFileSync(files.find((file) => basename(file) === "iot-platform-ns.csar") as string),
    );
    const nsd = yaml.load(zip.get("Definitions/iot_platform_nsd.yaml")?.toString() ?? "") as Doc;
    expect(nsd.tosca_definitions_version).toBe("tosca_simple_yaml_1_3");
    const nodes = nsd.topology_template.node_templates as Record<string, Doc>;
    expect(Object.keys(nodes)[0]).toBe("ns");
    expect(nodes.gateway?.type).toBe("openiotvf.nodes.FieldGateway");
    expect(nodes.gateway?.requirements).toEqual(
      expect.arrayContaining([
        { virtual_link_mqtt_ext: "device_access" },
        { virtual_link_bus_ext: "message_bus" },
      ]),
    );
    expect(nodes.mqtt_ingress).toMatchObject({
      type: "tosca.nodes.nfv.Sap",
      requirements: [{ internal_virtual_link: "device_access" }],
    });
    expect(zip.has("Definitions/field_gateway_types.yaml")).toBe(true);
    expect(zip.has("Definitions/etsi_nfv_sol001_nsd_types.yaml")).toBe(true);
    expect(zip.get("iot-platform-ns.mf")?.toString()).toMatch(/^metadata:\n {2}nsd_designer: /);
  });

  it("the v3.3.1 dialect uses tosca_simple_yaml_1_3 and derives the indicator from tosca.policies.nfv.VnfIndicator", async () => {
    const built = await buildInTemp({ formats: ["csar"], ivfs: ["identity"], sol001Version: "3.3.1" });
    try {
      const zip = await readZip(readFileSync(built.files[0] as string));
      const types = yaml.load(zip.get("Definitions/identity_types.yaml")?.toString() ?? "") as Doc;
      expect(types.tosca_definitions_version).toBe("tosca_simple_yaml_1_3");
      expect(types.policy_types["openiotvf.policies.KpiIndicator"].derived_from).toBe(
        "tosca.policies.nfv.VnfIndicator",
      );
      expect(zip.get("identity.mf")?.toString()).toContain("compatible_specification_versions: 3.3.1");
    } finally {
      rmSync(built.dir, { recursive: true, force: true });
    }
  });

  it("building twice gives byte-identical archives, in any time zone", async () => {
    const previous = process.env.TZ;
    process.env.TZ = "Pacific/Kiritimati";
    try {
      const again = await buildInTemp({ formats: ["csar", "osm"], ivfs: ["field-gateway"] });
      const first = await buildInTemp({ formats: ["csar", "osm"], ivfs: ["field-gateway"] });
      try {
        for (const [index, file] of again.files.entries())
          expect(readFileSync(file).equals(readFileSync(first.files[index] as string)), basename(file)).toBe(
            true,
          );
        const reference = files.find((file) => basename(file) === "field-gateway.csar") as string;
        expect(readFileSync(again.files[0] as string).equals(readFileSync(reference))).toBe(true);
      } finally {
        rmSync(again.dir, { recursive: true, force: true });
        rmSync(first.dir, { recursive: true, force: true });
      }
    } finally {
      if (previous === undefined) delete process.env.TZ;
      else process.env.TZ = previous;
    }
  });

  it("a missing type directory fails with where to get the files", async () => {
    await expect(
      buildPackages({ formats: ["csar"], ivfs: ["identity"], outDir: dir, typesDir: "/nonexistent/sol001" }),
    ).rejects.toThrow(/forge\.etsi\.org.*--types-dir/);
  });
});
