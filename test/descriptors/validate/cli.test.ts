import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { runValidate } from "../../../descriptors/validate/cli.js";
import { referenceAvailable } from "../../support/reference.js";
import { zipFiles } from "./support/archive-builders.js";
import { edit, tackerLikeFiles } from "./support/tacker-like-csar.js";

const available = referenceAvailable();

describe.skipIf(!available)("ivf package validate", () => {
  let dir = "";
  let output = "";
  let errors = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ivf-validate-cli-"));
    writeFileSync(join(dir, "good.csar"), zipFiles(tackerLikeFiles()));
    writeFileSync(
      join(dir, "bad.csar"),
      zipFiles(
        edit(
          tackerLikeFiles(),
          "Definitions/sample_df_simple.yaml",
          "- virtual_link: internalVL1",
          "- virtual_link: nowhere",
        ),
      ),
    );
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const capture = (): void => {
    output = "";
    errors = "";
    vi.spyOn(process.stdout, "write").mockImplementation((chunk) => ((output += String(chunk)), true));
    vi.spyOn(console, "error").mockImplementation((...parts: unknown[]) => void (errors += parts.join(" ")));
  };
  afterEach(() => vi.restoreAllMocks());

  it("exits 0 for a valid package and prints path:line:col severity rule lines", async () => {
    capture();
    expect(await runValidate([join(dir, "good.csar")])).toBe(0);
    expect(output).toMatch(
      /TOSCA-Metadata\/TOSCA\.meta:2:1 {2}warning {2}IVF-CSAR-004 {2}.+\(rename it to "Created-By"\)/,
    );
    expect(output).toContain("good.csar: valid (csar;");
  });

  it("exits 1 for an invalid package and locates the problem", async () => {
    capture();
    expect(await runValidate([join(dir, "bad.csar")])).toBe(1);
    expect(output).toMatch(
      /Definitions\/sample_df_simple\.yaml:\d+:\d+ \/topology_template\/node_templates\/VDU1_CP1\/requirements\/1\/virtual_link {2}error {2}IVF-TOSCA-008/,
    );
  });

  it("exits 1 for warnings under --strict", async () => {
    capture();
    expect(await runValidate(["--strict", join(dir, "good.csar")])).toBe(1);
  });

  it("prints a JSON report with --json", async () => {
    capture();
    expect(await runValidate(["--json", join(dir, "bad.csar")])).toBe(1);
    const report = JSON.parse(output) as {
      valid: boolean;
      kind: string;
      findings: { rule: string; clause: string }[];
    };
    expect(report).toMatchObject({ valid: false, kind: "csar" });
    expect(report.findings.find((finding) => finding.rule === "IVF-TOSCA-008")?.clause).toContain("TOSCA");
  });

  it("exits 2 for a missing file, a bad option or no input", async () => {
    capture();
    expect(await runValidate([join(dir, "absent.csar")])).toBe(2);
    expect(errors).toContain("cannot read");
    expect(await runValidate(["--bogus", join(dir, "good.csar")])).toBe(2);
    expect(await runValidate([])).toBe(2);
    expect(await runValidate(["--max-ratio", "zero", join(dir, "good.csar")])).toBe(2);
  });

  it("lists the rule catalogue", async () => {
    capture();
    expect(await runValidate(["--rules"])).toBe(0);
    expect(output).toMatch(/IVF-MF-006\terror\tSOL004 4\.3\.3 \/ 5\.1\t.+\tONAP r130206/);
  });
});
