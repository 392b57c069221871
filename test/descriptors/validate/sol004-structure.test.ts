import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePackage } from "../../../descriptors/validate/index.js";
import { referenceAvailable } from "../../support/reference.js";
import { buildZip, zipFiles } from "./support/archive-builders.js";
import { errorRules, findingOf, ruleIds } from "./support/report-helpers.js";
import {
  imageBlock,
  sha256,
  tackerLikeFiles,
  toscaMeta,
  type PackageFiles,
} from "./support/tacker-like-csar.js";

const available = referenceAvailable();

/** A SOL004-complete variant: ETSI entries, manifest with metadata and a digest for every file. */
function withManifest(files: PackageFiles, tamper?: (manifest: string) => string): PackageFiles {
  const result = new Map(files);
  result.set("Files/ChangeLog.txt", "2024-05-01 initial release\n");
  result.set("Files/Licenses/LICENSE.txt", "Apache-2.0\n");
  result.set("Files/prometheus/rules.yaml", "groups: []\n");
  result.set(
    "TOSCA-Metadata/TOSCA.meta",
    toscaMeta().replace("Created-by", "Created-By") +
      "ETSI-Entry-Manifest: sample.mf\nETSI-Entry-Change-Log: Files/ChangeLog.txt\nETSI-Entry-Licenses: Files/Licenses\n",
  );
  const sources = [...result.keys()].filter((path) => path !== "TOSCA-Metadata/TOSCA.meta").sort();
  const blocks = sources.map(
    (path) => `Source: ${path}\nAlgorithm: SHA-256\nHash: ${sha256(result.get(path) as Buffer | string)}\n`,
  );
  const manifest = `metadata:\n  vnf_provider_id: Company\n  vnf_product_name: Sample VNF\n  vnf_release_date_time: 2024-05-01T12:00:00+00:00\n  vnf_package_version: '1.0'\n\n${blocks.join("\n")}\nnon_mano_artifact_sets:\n  prometheus_rules:\n    Source: Files/prometheus/rules.yaml\n`;
  result.set("sample.mf", tamper ? tamper(manifest) : manifest);
  return result;
}

describe.skipIf(!available)("SOL004 structure, manifest and digests", () => {
  it("accepts a Tacker-style package, warning only about letter-of-spec gaps", async () => {
    const report = await validatePackage(zipFiles(tackerLikeFiles()), { name: "tacker-like.csar" });
    expect(errorRules(report)).toEqual([]);
    expect(report.valid).toBe(true);
    expect(report.kind).toBe("csar");
    expect(findingOf(report, "IVF-CSAR-004").message).toContain('"Created-by" is spelled "Created-By"');
    expect(ruleIds(report).filter((rule) => rule === "IVF-CSAR-006")).toHaveLength(3);
  });

  it("turns those warnings into errors with strict", async () => {
    const report = await validatePackage(zipFiles(tackerLikeFiles()), { strict: true });
    expect(report.valid).toBe(false);
    expect(errorRules(report)).toContain("IVF-CSAR-004");
  });

  it("accepts a SOL004-complete package without any warning", async () => {
    const report = await validatePackage(zipFiles(withManifest(tackerLikeFiles())));
    expect(report.findings.filter((finding) => finding.severity !== "info")).toEqual([]);
  });

  it("verifies the per-file digest blocks of TOSCA.meta", async () => {
    const files = new Map(tackerLikeFiles()).set(
      "TOSCA-Metadata/TOSCA.meta",
      toscaMeta(imageBlock("0".repeat(64))),
    );
    const finding = findingOf(await validatePackage(zipFiles(files)), "IVF-MF-006");
    expect(finding.message).toContain("Files/images/sample-image.img");
    expect(finding.location).toMatchObject({ file: "TOSCA-Metadata/TOSCA.meta", line: 9 });
  });

  it("verifies every manifest digest and reports the declaring line", async () => {
    const files = withManifest(tackerLikeFiles());
    files.set("Files/ChangeLog.txt", "changed after signing\n");
    const finding = findingOf(await validatePackage(zipFiles(files)), "IVF-MF-006");
    expect(finding.message).toContain("Files/ChangeLog.txt");
    expect(finding.location.file).toBe("sample.mf");
    expect(finding.location.line).toBeGreaterThan(5);
  });

  it("rejects a missing Entry-Definitions key or file", async () => {
    const noKey = new Map(tackerLikeFiles()).set(
      "TOSCA-Metadata/TOSCA.meta",
      "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: x\n",
    );
    expect(errorRules(await validatePackage(zipFiles(noKey)))).toContain("IVF-CSAR-003");
    const noFile = new Map(tackerLikeFiles());
    noFile.delete("Definitions/sample_top.vnfd.yaml");
    expect(errorRules(await validatePackage(zipFiles(noFile)))).toContain("IVF-CSAR-005");
  });

  it("rejects manifest sources and non-MANO artefacts that are not in the package", async () => {
    const files = withManifest(
      tackerLikeFiles(),
      (manifest) =>
        manifest.replace(
          "    Source: Files/prometheus/rules.yaml",
          "    Source: Files/prometheus/missing.yaml",
        ) + "\nSource: Files/absent.bin\nAlgorithm: SHA-256\nHash: 00\n",
    );
    const report = await validatePackage(zipFiles(files));
    expect(errorRules(report)).toEqual(expect.arrayContaining(["IVF-MF-005", "IVF-MF-009"]));
  });

  it("warns about files the manifest does not list and about missing metadata keys", async () => {
    const files = withManifest(tackerLikeFiles(), (manifest) =>
      manifest.replace("  vnf_package_version: '1.0'\n", ""),
    );
    files.set("Files/extra.txt", "not listed");
    const report = await validatePackage(zipFiles(files));
    expect(report.valid).toBe(true);
    expect(findingOf(report, "IVF-MF-004").message).toContain("Files/extra.txt");
    expect(findingOf(report, "IVF-MF-002")).toMatchObject({ onap: "r01123" });
  });

  it("points out ONAP's vnf_release_data_time typo", async () => {
    const files = withManifest(tackerLikeFiles(), (manifest) =>
      manifest.replace("vnf_release_date_time", "vnf_release_data_time"),
    );
    expect(findingOf(await validatePackage(zipFiles(files)), "IVF-MF-010").message).toContain("typo");
  });

  it("reports an unsupported digest algorithm", async () => {
    const files = withManifest(tackerLikeFiles(), (manifest) =>
      manifest.replace("Algorithm: SHA-256", "Algorithm: CRC-7"),
    );
    expect(findingOf(await validatePackage(zipFiles(files)), "IVF-MF-007").message).toContain("CRC-7");
  });

  it("warns that Tacker v2 rejects a CSAR without TOSCA-Metadata", async () => {
    const files = new Map(tackerLikeFiles());
    files.delete("TOSCA-Metadata/TOSCA.meta");
    for (const [path, data] of [...files]) {
      if (path.startsWith("Definitions/") && path !== "Definitions/sample_top.vnfd.yaml") continue;
      if (path === "Definitions/sample_top.vnfd.yaml") {
        files.delete(path);
        files.set("sample_top.yaml", String(data).replace(/- (etsi|sample)/g, "- Definitions/$1"));
      }
    }
    const report = await validatePackage(zipFiles(files));
    expect(ruleIds(report)).toContain("IVF-CSAR-012");
  });
});

describe.skipIf(!available)("CMS signatures (openssl cms -verify)", () => {
  let dir = "";
  let key = "";
  let cert = "";
  const sign = (content: Buffer): Buffer => {
    writeFileSync(join(dir, "content"), content);
    execFileSync("openssl", [
      "cms",
      "-sign",
      "-binary",
      "-in",
      join(dir, "content"),
      "-signer",
      cert,
      "-inkey",
      key,
      "-outform",
      "PEM",
      "-out",
      join(dir, "sig.pem"),
    ]);
    return readFileSync(join(dir, "sig.pem"));
  };
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ivf-validate-test-"));
    key = join(dir, "key.pem");
    cert = join(dir, "cert.pem");
    execFileSync(
      "openssl",
      [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-keyout",
        key,
        "-out",
        cert,
        "-days",
        "2",
        "-subj",
        "/CN=ivf-test",
      ],
      { stdio: "ignore" },
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  function signedManifestPackage(tamper: boolean): PackageFiles {
    const files = withManifest(tackerLikeFiles());
    const manifest = Buffer.from(String(files.get("sample.mf")));
    const signed = Buffer.concat([manifest, sign(manifest)]);
    files.set(
      "sample.mf",
      tamper
        ? Buffer.from(signed.toString().replace("vnf_product_name: Sample VNF", "vnf_product_name: Evil VNF"))
        : signed,
    );
    files.set("sample.cert", readFileSync(cert));
    return files;
  }

  it("verifies a manifest with an embedded CMS signature", async () => {
    const report = await validatePackage(zipFiles(signedManifestPackage(false)));
    expect(errorRules(report)).toEqual([]);
    expect(ruleIds(report)).toContain("IVF-SIG-004");
  });

  it("rejects a manifest changed after signing", async () => {
    expect(
      findingOf(await validatePackage(zipFiles(signedManifestPackage(true))), "IVF-SIG-001").message,
    ).toContain("does not verify");
  });

  it("verifies an option 2 package (outer ZIP with .csar, .cms and .cert) and rejects a swapped CSAR", async () => {
    const csar = zipFiles(tackerLikeFiles());
    const outer = (inner: Buffer): Buffer =>
      buildZip([
        { name: "sample.csar", data: inner },
        { name: "sample.cms", data: sign(csar) },
        { name: "sample.cert", data: readFileSync(cert) },
      ]);
    const good = await validatePackage(outer(csar));
    expect(good.kind).toBe("csar-option2");
    expect(errorRules(good)).toEqual([]);
    const other = zipFiles(new Map(tackerLikeFiles()).set("Files/extra.txt", "x"));
    expect(errorRules(await validatePackage(outer(other)))).toContain("IVF-SIG-001");
  });

  it("reports an option 2 archive without its signature", async () => {
    const report = await validatePackage(buildZip([{ name: "a.csar", data: zipFiles(tackerLikeFiles()) }]));
    expect(errorRules(report)).toContain("IVF-CSAR-010");
  });
});
