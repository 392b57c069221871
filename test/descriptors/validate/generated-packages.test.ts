import { rmSync } from "node:fs";
import { basename } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePackage, type ValidationReport } from "../../../descriptors/validate/index.js";
import { referenceAvailable } from "../../support/reference.js";
import { buildInTemp } from "../support/built-packages.js";

const available = referenceAvailable();

/**
 * Our own packages must pass our own validator. VNF CSARs and OSM VNF packages must be clean
 * even in strict mode; the KDU-only KNF cannot be strictly valid in SOL006 v2.6.1 (no VDU), and
 * that is the one warning class allowed there.
 */
describe.skipIf(!available)("every package we generate validates", () => {
  let dir = "";
  const reports = new Map<string, ValidationReport>();

  beforeAll(async () => {
    const built = await buildInTemp({ formats: ["csar", "osm"] });
    dir = built.dir;
    for (const file of built.files) reports.set(basename(file), await validatePackage(file));
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("builds CSARs and OSM packages for every IVF and the network service", () => {
    expect([...reports.keys()].filter((name) => name.endsWith(".csar")).length).toBeGreaterThanOrEqual(10);
    expect([...reports.keys()].filter((name) => name.endsWith("_vnf.tar.gz")).length).toBeGreaterThanOrEqual(
      9,
    );
  });

  it("has no errors in any generated package", () => {
    const failing = [...reports]
      .filter(([, report]) => !report.valid)
      .map(
        ([name, report]) =>
          `${name}: ${report.findings
            .filter((f) => f.severity === "error")
            .map((f) => `${f.rule} ${f.message}`)
            .join("; ")}`,
      );
    expect(failing).toEqual([]);
  });

  // IVF-SCALE-005 (non-uniform step deltas) is the one allowed: the models use them on purpose
  // and the warning tells Tacker users that Tacker applies the first delta to every step.
  it("has no warnings in VNF CSARs and OSM VNF packages beyond Tacker's uniform-delta note", () => {
    const noisy = [...reports]
      .filter(
        ([name]) => (name.endsWith(".csar") && !name.endsWith("-ns.csar")) || name.endsWith("_vnf.tar.gz"),
      )
      .flatMap(([name, report]) =>
        report.findings
          .filter((f) => f.severity === "warning" && f.rule !== "IVF-SCALE-005")
          .map((f) => `${name}: ${f.rule} ${f.message}`),
      );
    expect(noisy).toEqual([]);
  });

  it("limits KNF warnings to the SOL006 min-elements a KDU-only descriptor cannot meet", () => {
    const knf = [...reports].filter(([name]) => name.endsWith("_knf.tar.gz"));
    expect(knf.length).toBeGreaterThan(0);
    for (const [, report] of knf) {
      expect(new Set(report.findings.filter((f) => f.severity === "warning").map((f) => f.rule))).toEqual(
        new Set(["IVF-YANG-007"]),
      );
    }
  });
});
