import { existsSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import yaml from "js-yaml";
import { validatePackage } from "../../../descriptors/validate/index.js";
import { defaultYangDirs } from "../../../descriptors/validate/reference-paths.js";
import { loadCompiledSchema } from "../../../descriptors/validate/yang/schema-cache.js";
import { referenceAvailable, referencePath } from "../../support/reference.js";
import { tarGzFiles, zipFiles } from "./support/archive-builders.js";
import { osmPackageFiles, strictVnfd } from "./support/osm-package.js";
import { errorRules, findingOf, ruleIds } from "./support/report-helpers.js";

const available = referenceAvailable();
const bare = (text: string) => validatePackage(Buffer.from(text), { name: "vnfd.yaml" });
const change = (from: string, to: string): string => {
  if (!strictVnfd.includes(from)) throw new Error(`fixture edit: ${from} not found`);
  return strictVnfd.replace(from, to);
};
const cacheDir = mkdtempSync(join(tmpdir(), "ivf-yang-cache-test-"));
afterAll(() => rmSync(cacheDir, { recursive: true, force: true }));

describe.skipIf(!available)("SOL006 schema derived from the YANG", () => {
  it("compiles SOL006 v2.6.1 and the OSM augments, caching the schema as JSON", () => {
    const schema = loadCompiledSchema(defaultYangDirs(), cacheDir);
    const vnfd = schema.root.children?.find((node) => node.name === "vnfd");
    const provider = vnfd?.children?.find((node) => node.name === "provider");
    expect(provider).toMatchObject({ kind: "leaf", mandatory: true, module: "etsi-nfv-vnfd" });
    expect(vnfd?.children?.some((node) => node.name === "mgmt-cp" && node.module === "mgmt-interface")).toBe(
      true,
    );
    expect(schema.modules).toEqual(expect.arrayContaining(["etsi-nfv-vnfd", "scaling", "kdu"]));
    expect(readdirSync(cacheDir).filter((name) => name.endsWith(".json"))).toEqual([`${schema.digest}.json`]);
  });

  it("accepts a strictly valid VNFD without findings", async () => {
    const report = await bare(strictVnfd);
    expect(report.kind).toBe("sol006-yaml");
    expect(report.findings).toEqual([]);
  });

  it("accepts the same descriptor as JSON", async () => {
    const report = await validatePackage(Buffer.from(JSON.stringify(yaml.load(strictVnfd))), {
      name: "vnfd.json",
    });
    expect(report.kind).toBe("sol006-json");
    expect(report.findings).toEqual([]);
  });

  it("warns about a SOL006-mandatory leaf OSM does not enforce; strict makes it an error", async () => {
    const text = change("  provider: ExampleIoT\n", "");
    const report = await bare(text);
    expect(report.valid).toBe(true);
    expect(findingOf(report, "IVF-YANG-010").location.yangPath).toBe("/vnfd/provider");
    expect((await validatePackage(Buffer.from(text), { strict: true })).valid).toBe(false);
  });

  it("rejects enum and identity values outside the model", async () => {
    expect(
      findingOf(
        await bare(change("scale-out-relational-operation: GT", "scale-out-relational-operation: BIGGER")),
        "IVF-YANG-005",
      ).message,
    ).toContain("GE");
    expect(
      errorRules(
        await bare(
          change(
            "layer-protocol: [ethernet]\n          virtual",
            "layer-protocol: [carrier-pigeon]\n          virtual",
          ),
        ),
      ),
    ).toContain("IVF-YANG-005");
  });

  it("rejects values outside the integer type and unknown nodes", async () => {
    expect(
      findingOf(await bare(change("max-scale-level: 3", "max-scale-level: -1")), "IVF-YANG-002").location
        .line,
    ).toBeGreaterThan(50);
    expect(
      findingOf(
        await bare(change("      name: ingest\n", "      name: ingest\n      colour: red\n")),
        "IVF-YANG-006",
      ).location.yangPath,
    ).toBe("/vnfd/vdu[id='ingest']/colour");
  });

  it("reports duplicate list keys in NBI's wording", async () => {
    const text = change(
      "  ext-cpd:\n",
      "    - id: ingest\n      name: twin\n      sw-image-desc: ingest-img\n      virtual-compute-desc: ingest-compute\n  ext-cpd:\n",
    );
    expect(findingOf(await bare(text), "IVF-OSM-003").message).toBe(
      "Error: identifier id 'ingest' is not unique and repeats at 'vnfd.vdu'",
    );
  });

  it("resolves leafrefs, including deref() paths", async () => {
    expect(
      findingOf(
        await bare(change("      sw-image-desc: ingest-img", "      sw-image-desc: missing-img")),
        "IVF-YANG-004",
      ).message,
    ).toContain("existing: ingest-img");
    const deref = await bare(
      change("int-cpd: {vdu-id: ingest, cpd: ingest-eth0}", "int-cpd: {vdu-id: ingest, cpd: eth9}"),
    );
    expect(ruleIds(deref)).toEqual(expect.arrayContaining(["IVF-YANG-004", "IVF-OSM-001"]));
  });

  it("rejects two cases of one choice", async () => {
    const report = await bare(
      change(
        "      int-cpd: {vdu-id: ingest, cpd: ingest-eth0}",
        "      int-cpd: {vdu-id: ingest, cpd: ingest-eth0}\n      k8s-cluster-net: mgmtnet",
      ),
    );
    expect(findingOf(report, "IVF-YANG-008").message).toContain("cp-connection");
  });

  it("validates OSM's own IM examples with warnings only", async () => {
    for (const name of ["cirros_vnfd_sol006.yaml", "hackfest_charmed_vnfd_sol006.yaml"]) {
      const report = await validatePackage(referencePath("osm-im", "examples", name));
      expect(errorRules(report)).toEqual([]);
      expect(ruleIds(report)).toContain("IVF-YANG-010");
    }
  });
});

describe.skipIf(!available)("OSM NBI cross-reference rules", () => {
  const nbi = async (text: string): Promise<string[]> =>
    (await bare(text)).findings.filter((f) => f.rule === "IVF-OSM-001").map((f) => f.message);

  it("requires mgmt-cp when VDUs exist and it must name an ext-cpd", async () => {
    expect(await nbi(change("  mgmt-cp: ingest-mgmt-ext\n", ""))).toContain(
      "'mgmt-cp' is a mandatory field and it is not defined",
    );
    expect(await nbi(change("  mgmt-cp: ingest-mgmt-ext\n", "  mgmt-cp: nowhere\n"))).toContain(
      "mgmt-cp='nowhere' must match an existing ext-cpd",
    );
  });

  it("requires ext-cpd int-cpd to match a VDU int-cpd", async () => {
    expect(await nbi(change("cpd: ingest-eth0}", "cpd: eth9}"))).toContain(
      "ext-cpd[id='ingest-mgmt-ext']:int-cpd must match an existing vdu int-cpd",
    );
  });

  it("requires unique monitoring-parameter ids and known criteria references", async () => {
    const duplicate = change(
      "  df:\n    - id: default-df\n",
      "  df:\n    - id: default-df\n      monitoring-parameter: [{id: ingest_cpu, name: again, performance-metric: cpu_utilization}]\n",
    );
    expect(
      (await nbi(duplicate)).some((message) =>
        message.startsWith("Duplicated monitoring-parameter id in df[id='default-df']"),
      ),
    ).toBe(true);
    expect(
      await nbi(change("vnf-monitoring-param-ref: ingest_cpu", "vnf-monitoring-param-ref: ingest_mem")),
    ).toContain(
      "df[id='default-df']:scaling-aspect[id='ingest-aspect']:scaling-policy[name='ingest-cpu-policy']:scaling-criteria[name='ingest-cpu-criteria']: vnf-monitoring-param-ref='ingest_mem' not defined in any monitoring-param",
    );
  });

  it("requires scaled VDUs to exist and to be in an instantiation level", async () => {
    expect(await nbi(change("vdu-delta: [{id: ingest,", "vdu-delta: [{id: other,"))).toContain(
      "df[id='default-df']:scaling-aspect[id='ingest-aspect']:aspect-delta-details[delta='one-more']: vdu-id='other' not defined in vdu",
    );
  });

  it("requires referenced storage, VDU profiles, internal links and alarm metrics to exist", async () => {
    expect(
      await nbi(
        change("virtual-storage-desc: [ingest-disk]", "virtual-storage-desc: [ingest-disk, other-disk]"),
      ),
    ).toContain("vdu[virtual-storage-desc='other-disk']not defined in vnfd");
    expect(
      await nbi(change("{id: ingest, min-number-of-instances: 1", "{id: ghost, min-number-of-instances: 1")),
    ).toContain("df[id='default-df']:vdu-profile[id='ghost'] not defined in vdu");
    expect(
      await nbi(
        change(
          "        - id: ingest-eth0\n",
          "        - id: ingest-eth0\n          int-virtual-link-desc: nowhere-vl\n",
        ),
      ),
    ).toContain(
      "vdu[id='ingest']:int-cpd[id='ingest-eth0']:int-virtual-link-desc='nowhere-vl' must match an existing int-virtual-link-desc",
    );
    const alarm = change(
      "      monitoring-parameter:\n",
      "      alarm:\n        - {alarm-id: hot, vnf-monitoring-param-ref: ingest_temp, operation: GT, value: 1}\n      monitoring-parameter:\n",
    );
    expect(await nbi(alarm)).toContain(
      "vdu[id='ingest']:alarm[alarm-id='hot']:vnf-monitoring-param-ref='ingest_temp' not defined in any monitoring-param",
    );
  });

  it("requires a charm named by a day1-2 execution environment to be in the package", async () => {
    const withCharm = change(
      "      default-instantiation-level: default\n",
      "      default-instantiation-level: default\n      lcm-operations-configuration:\n        operate-vnf-op-config:\n          day1-2:\n            - id: iot-ingest-vnf\n              execution-environment-list: [{id: ee, juju: {charm: ingest-charm}}]\n",
    );
    const files = osmPackageFiles(withCharm);
    files.delete("iot-ingest_vnf/checksums.txt");
    const messages = (await validatePackage(tarGzFiles(files))).findings.map((finding) => finding.message);
    expect(messages).toContain("Charm defined in vnf[id='iot-ingest-vnf'] but not present in package");
    files.set("iot-ingest_vnf/charms/ingest-charm/metadata.yaml", "name: ingest-charm\n");
    const ok = (await validatePackage(tarGzFiles(files))).findings.map((finding) => finding.message);
    expect(ok).not.toContain("Charm defined in vnf[id='iot-ingest-vnf'] but not present in package");
  });

  it("rejects an invalid helm-chart reference", async () => {
    const knf = change(
      "  ext-cpd:\n",
      "  kdu:\n    - {name: broker, helm-chart: 'Bad Chart!'}\n  ext-cpd:\n",
    );
    expect(await nbi(knf)).toContain("helm-chart 'Bad Chart!' is not valid");
  });
});

describe.skipIf(!available)("OSM packages", () => {
  it("accepts a valid tar.gz package", async () => {
    const report = await validatePackage(tarGzFiles(osmPackageFiles()), { name: "iot-ingest_vnf.tar.gz" });
    expect(report.kind).toBe("osm-tar");
    expect(report.findings).toEqual([]);
  });

  it("requires the cloud-init file the descriptor names", async () => {
    const files = osmPackageFiles();
    files.delete("iot-ingest_vnf/cloud_init/cloud-config.txt");
    const messages = (await validatePackage(tarGzFiles(files))).findings.map((finding) => finding.message);
    expect(messages).toContain(
      "Cloud-init defined in vnf[id='iot-ingest-vnf']:vdu[id='ingest'] but not present in package",
    );
  });

  it("applies NBI's layout rules with NBI's messages", async () => {
    const two = osmPackageFiles().set("iot-ingest_vnf/second_vnfd.yaml", strictVnfd);
    expect(findingOf(await validatePackage(tarGzFiles(two)), "IVF-OSM-002").message).toBe(
      "Found more than one descriptor file at package descriptor tar.gz",
    );
    const loose = osmPackageFiles().set("README.md", "outside the folder");
    expect(findingOf(await validatePackage(tarGzFiles(loose)), "IVF-OSM-002").message).toBe(
      "All files must be inside a dir for package descriptor tar.gz",
    );
    const none = new Map([["pkg/cloud_init/x.txt", "x"]]);
    expect(findingOf(await validatePackage(tarGzFiles(none)), "IVF-OSM-002").message).toBe(
      "Not found any descriptor file at package descriptor tar.gz",
    );
  });

  it("warns when checksums.txt does not match", async () => {
    const files = osmPackageFiles().set(
      "iot-ingest_vnf/cloud_init/cloud-config.txt",
      "#cloud-config\n# edited\n",
    );
    const report = await validatePackage(tarGzFiles(files));
    expect(report.valid).toBe(true);
    expect(findingOf(report, "IVF-OSM-004").message).toContain("cloud-config.txt");
  });

  it("rejects the legacy vnfd-catalog format like NBI", async () => {
    const files = osmPackageFiles("vnfd:vnfd-catalog:\n  vnfd: [{id: old}]\n");
    expect(findingOf(await validatePackage(tarGzFiles(files)), "IVF-OSM-005").message).toBe(
      "ERROR: Unsupported descriptor format. Please, use an ETSI SOL006 descriptor.",
    );
  });

  it("accepts the zip form with the descriptor under Definitions/ and artefacts under Scripts/", async () => {
    const files = new Map([
      ["Definitions/iot-ingest_vnfd.yaml", strictVnfd],
      ["Scripts/cloud_init/cloud-config.txt", "#cloud-config\n"],
    ]);
    const report = await validatePackage(zipFiles(files), { name: "iot-ingest.zip" });
    expect(report.kind).toBe("osm-zip");
    expect(report.findings).toEqual([]);
  });

  it("validates an unpacked package folder", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ivf-osm-dir-"));
    try {
      const { mkdirSync, writeFileSync } = await import("node:fs");
      for (const [path, data] of osmPackageFiles()) {
        const target = join(dir, path);
        mkdirSync(join(target, ".."), { recursive: true });
        writeFileSync(target, data);
      }
      const report = await validatePackage(join(dir, "iot-ingest_vnf"));
      expect(report.findings).toEqual([]);
      expect(existsSync(join(dir, "iot-ingest_vnf", "checksums.txt"))).toBe(true);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
