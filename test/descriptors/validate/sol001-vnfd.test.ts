import { describe, expect, it } from "vitest";
import { validatePackage } from "../../../descriptors/validate/index.js";
import { referenceAvailable } from "../../support/reference.js";
import { zipFiles } from "./support/archive-builders.js";
import { errorRules, findingOf, ruleIds } from "./support/report-helpers.js";
import { dfSimple, edit, tackerLikeFiles, type PackageFiles } from "./support/tacker-like-csar.js";

const available = referenceAvailable();
const df = "Definitions/sample_df_simple.yaml";
const top = "Definitions/sample_top.vnfd.yaml";
const check = async (files: PackageFiles) => validatePackage(zipFiles(files), { name: "case.csar" });
const dfEdit = (from: string, to: string): PackageFiles => edit(tackerLikeFiles(), df, from, to);

/** An ONAP-style CSAR: VNFD in Definitions/, standard type files referenced but not shipped. */
function onapLikeFiles(vduType: string): PackageFiles {
  const vnfd = dfSimple
    .replace("  - sample_types.yaml\n", "")
    .replace(/company\.provider\.VNF/g, "tosca.nodes.nfv.VNF")
    .replace(
      "        flavour_description: A simple flavour\n",
      "        flavour_description: A simple flavour\n        descriptor_id: onap-like-vnfd\n        descriptor_version: '1.0'\n        provider: ONAP-Vendor\n        product_name: onap-like\n        software_version: '1.0'\n        product_info_name: onap-like\n        vnfm_info: [ 'etsivnfm:v2.6.1' ]\n        flavour_id: simple\n",
    )
    .replace("type: tosca.nodes.nfv.Vdu.Compute", `type: ${vduType}`);
  return new Map<string, Buffer | string>([
    [
      "TOSCA-Metadata/TOSCA.meta",
      "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: ONAP style\nEntry-Definitions: Definitions/MainServiceTemplate.yaml\n",
    ],
    ["Definitions/MainServiceTemplate.yaml", vnfd],
    ["Files/images/sample-image.img", tackerLikeFiles().get("Files/images/sample-image.img") as Buffer],
  ]);
}

describe.skipIf(!available)("SOL001 VNFD against the official type definitions", () => {
  it("reports a missing required property with file, line and JSON pointer", async () => {
    const finding = findingOf(await check(dfEdit("        name: VDU1\n", "")), "IVF-TOSCA-005");
    expect(finding.message).toContain('lacks required property "name"');
    expect(finding.location).toMatchObject({
      file: df,
      pointer: "/topology_template/node_templates/VDU1/properties",
    });
    expect(finding.location.line).toBe(String(dfSimple).split("\n").indexOf("        name: VDU1"));
  });

  it("reports properties the type does not define", async () => {
    const finding = findingOf(
      await check(dfEdit("        name: VDU1\n", "        name: VDU1\n        colour: red\n")),
      "IVF-TOSCA-006",
    );
    expect(finding.hint).toContain("vdu_profile");
  });

  it("checks scalar units, integers and data-type fields", async () => {
    const report = await check(
      edit(
        dfEdit("min_ram: 256 MB", "min_ram: 256 MBytes"),
        df,
        "num_virtual_cpu: 1",
        "num_virtual_cpu: two",
      ),
    );
    const messages = report.findings
      .filter((finding) => finding.rule === "IVF-TOSCA-007")
      .map((finding) => finding.message);
    expect(messages.some((message) => message.includes("scalar-unit.size"))).toBe(true);
    expect(messages.some((message) => message.includes("must be an integer"))).toBe(true);
  });

  it("rejects an integer literal for a float property, as tosca-parser does, but accepts 2.0", async () => {
    const template = (ratio: string): Buffer =>
      Buffer.from(
        `tosca_definitions_version: tosca_simple_yaml_1_2\nnode_types:\n  demo.Meter:\n    derived_from: tosca.nodes.Root\n    properties:\n      ratio: {type: float}\ntopology_template:\n  node_templates:\n    meter:\n      type: demo.Meter\n      properties:\n        ratio: ${ratio}\n`,
      );
    const integer = await validatePackage(template("2"), { name: "meter.yaml" });
    expect(findingOf(integer, "IVF-TOSCA-007")).toMatchObject({ hint: "write 2.0", location: { line: 12 } });
    const float = await validatePackage(template("2.0"), { name: "meter.yaml" });
    expect(float.findings.filter((finding) => finding.rule === "IVF-TOSCA-007")).toEqual([]);
  });

  it("enforces constraints declared by the provider type (valid_values)", async () => {
    const report = await check(edit(tackerLikeFiles(), top, "provider: Company", "provider: Other"));
    expect(findingOf(report, "IVF-TOSCA-007").message).toContain("must be one of");
  });

  it("requires requirement targets to be node templates of the topology", async () => {
    const report = await check(dfEdit("- virtual_link: internalVL1", "- virtual_link: internalVL9"));
    expect(findingOf(report, "IVF-TOSCA-008").message).toContain('"internalVL9"');
  });

  it("rejects requirements the node type does not define", async () => {
    expect(errorRules(await check(dfEdit("- virtual_binding: VDU1", "- virtual_bind: VDU1")))).toContain(
      "IVF-TOSCA-014",
    );
  });

  it("requires policy targets to exist", async () => {
    const report = await check(
      dfEdit(
        "            number_of_instances: 1\n        targets: [ VDU1 ]",
        "            number_of_instances: 1\n        targets: [ VDU9 ]",
      ),
    );
    expect(findingOf(report, "IVF-TOSCA-009").message).toContain('"VDU9"');
  });

  it("requires get_input to name a declared input", async () => {
    const report = await check(
      edit(tackerLikeFiles(), top, "get_input: selected_flavour", "get_input: chosen_flavour"),
    );
    expect(findingOf(report, "IVF-TOSCA-010").message).toContain("chosen_flavour");
  });

  it("requires artifact files to be in the package", async () => {
    const files = tackerLikeFiles();
    files.delete("Files/images/sample-image.img");
    const report = await check(files);
    expect(findingOf(report, "IVF-TOSCA-011").message).toContain("../Files/images/sample-image.img");
    expect(errorRules(report)).toContain("IVF-CSAR-013");
  });

  it("reports imports it cannot resolve in the package or the types folder", async () => {
    const report = await check(
      edit(
        tackerLikeFiles(),
        top,
        "  - sample_df_simple.yaml\n",
        "  - sample_df_simple.yaml\n  - vendor_extra_types.yaml\n",
      ),
    );
    expect(findingOf(report, "IVF-TOSCA-002").message).toContain("vendor_extra_types.yaml");
  });

  it("rejects a package whose flavour cannot be found (Tacker v2 reads substitution_mappings)", async () => {
    const report = await check(dfEdit("    properties:\n      flavour_id: simple\n", ""));
    expect(findingOf(report, "IVF-TOSCA-012").message).toContain("flavour_id");
  });

  it("requires topology inputs for the substituted node type's required properties, as tosca-parser does", async () => {
    const report = await check(dfEdit("    product_name:\n      type: string\n", ""));
    expect(findingOf(report, "IVF-TOSCA-018").message).toContain("required property product_name");
  });

  it("loads standard type files a package references but does not ship (ONAP style)", async () => {
    const report = await validatePackage(zipFiles(onapLikeFiles("tosca.nodes.nfv.Vdu.Compute")));
    expect(errorRules(report)).toEqual([]);
  });

  it("names the SOL001 v2.5.1+ type for pre-2.5 names ONAP's VNF SDK still expects", async () => {
    const report = await validatePackage(zipFiles(onapLikeFiles("tosca.nodes.nfv.VDU.Compute")));
    expect(findingOf(report, "IVF-TOSCA-003").hint).toContain("tosca.nodes.nfv.Vdu.Compute");
    expect(findingOf(report, "IVF-TOSCA-015")).toMatchObject({ onap: "r09467" });
  });

  it("validates a bare SOL001 file with types from the types folder", async () => {
    const bare = Buffer.from(
      String(onapLikeFiles("tosca.nodes.nfv.Vdu.Compute").get("Definitions/MainServiceTemplate.yaml")),
    );
    const report = await validatePackage(bare, { name: "vnfd.yaml" });
    expect(report.kind).toBe("sol001-yaml");
    expect(errorRules(report)).toEqual([]);
  });
});

describe.skipIf(!available)("SOL001 scaling consistency", () => {
  it("accepts consistent aspects, deltas and instantiation levels", async () => {
    expect(ruleIds(await check(tackerLikeFiles())).filter((rule) => rule.startsWith("IVF-SCALE"))).toEqual(
      [],
    );
  });

  it("rejects scaling beyond vdu_profile max_number_of_instances", async () => {
    const finding = findingOf(
      await check(dfEdit("max_scale_level: 2", "max_scale_level: 5")),
      "IVF-SCALE-002",
    );
    expect(finding.message).toContain("6 instances, outside vdu_profile 1..3");
  });

  it("rejects deltas that refer to an undeclared aspect", async () => {
    expect(
      findingOf(await check(dfEdit("aspect: VDU1_scale", "aspect: VDU9_scale")), "IVF-SCALE-001").message,
    ).toContain("VDU9_scale");
  });

  it("rejects step deltas without a VduScalingAspectDeltas entry (Tacker DeltaMissingInVnfd)", async () => {
    const report = await check(
      dfEdit(
        "              step_deltas:\n                - delta_1\n",
        "              step_deltas:\n                - delta_1\n                - delta_2\n",
      ),
    );
    expect(findingOf(report, "IVF-SCALE-001").message).toContain("delta_2");
  });

  it("rejects scale levels outside 0..max_scale_level and unknown default levels", async () => {
    const report = await check(
      edit(
        dfEdit("                  scale_level: 2", "                  scale_level: 3"),
        df,
        "default_level: instantiation_level_1",
        "default_level: level_x",
      ),
    );
    expect(errorRules(report)).toEqual(expect.arrayContaining(["IVF-SCALE-003", "IVF-SCALE-004"]));
  });

  it("warns when a level's instance count disagrees with its scale level", async () => {
    const report = await check(
      dfEdit(
        "            instantiation_level_2:\n              number_of_instances: 3",
        "            instantiation_level_2:\n              number_of_instances: 2",
      ),
    );
    expect(findingOf(report, "IVF-SCALE-006").message).toContain(
      "number_of_instances is 2, but initial_delta plus the deltas up to the level's scale_level give 3",
    );
    expect(report.valid).toBe(true);
  });

  it("rejects instantiation levels outside vdu_profile", async () => {
    const report = await check(
      dfEdit(
        "            instantiation_level_2:\n              number_of_instances: 3",
        "            instantiation_level_2:\n              number_of_instances: 4",
      ),
    );
    expect(findingOf(report, "IVF-SCALE-002").message).toContain(
      'instantiation level "instantiation_level_2"',
    );
  });
});
