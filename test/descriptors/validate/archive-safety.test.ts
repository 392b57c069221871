import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { validatePackage } from "../../../descriptors/validate/index.js";
import { buildTar, buildZip } from "./support/archive-builders.js";
import { errorRules, findingOf } from "./support/report-helpers.js";

const meta =
  "TOSCA-Meta-File-Version: 1.0\nCSAR-Version: 1.1\nCreated-By: test\nEntry-Definitions: Definitions/vnfd.yaml\n";

describe("archive safety", () => {
  it("refuses a zip-slip entry name and never writes it anywhere", async () => {
    const escape = `../../../../${tmpdir().replace(/^\//, "")}/ivf-zip-slip-${process.pid}.txt`;
    const report = await validatePackage(
      buildZip([
        { name: "TOSCA-Metadata/TOSCA.meta", data: meta },
        { name: escape, data: "pwned" },
      ]),
    );
    expect(findingOf(report, "IVF-AR-002").message).toContain("escapes the package root");
    expect(report.valid).toBe(false);
    expect(existsSync(join(tmpdir(), `ivf-zip-slip-${process.pid}.txt`))).toBe(false);
  });

  it("refuses absolute paths, drive letters and backslashes", async () => {
    const report = await validatePackage(
      buildZip([
        { name: "/etc/passwd", data: "x" },
        { name: "C:/boot.ini", data: "x" },
        { name: "a\\..\\b", data: "x" },
      ]),
    );
    expect(errorRules(report).filter((rule) => rule === "IVF-AR-002")).toHaveLength(3);
  });

  it("refuses symbolic links in ZIP (unix mode) and tar archives", async () => {
    const zip = await validatePackage(buildZip([{ name: "link", data: "/etc/shadow", unixMode: 0o120777 }]));
    expect(findingOf(zip, "IVF-AR-003").message).toContain("symbolic link");
    const tar = await validatePackage(
      gzipSync(buildTar([{ name: "pkg/link", type: "2", linkname: "/etc/shadow" }])),
    );
    expect(findingOf(tar, "IVF-AR-003").message).toContain("symbolic link");
    const hard = await validatePackage(
      gzipSync(buildTar([{ name: "pkg/hard", type: "1", linkname: "/etc/shadow" }])),
    );
    expect(findingOf(hard, "IVF-AR-003").message).toContain("hard link");
  });

  it("refuses duplicate entries in ZIP and tar archives", async () => {
    const zip = await validatePackage(
      buildZip([
        { name: "a.yaml", data: "a: 1" },
        { name: "a.yaml", data: "a: 2" },
      ]),
    );
    expect(findingOf(zip, "IVF-AR-004").location.file).toBe("a.yaml");
    const tar = await validatePackage(
      gzipSync(
        buildTar([
          { name: "p/a.yaml", data: "x" },
          { name: "./p/a.yaml", data: "y" },
        ]),
      ),
    );
    expect(errorRules(tar)).toContain("IVF-AR-004");
  });

  it("stops a high-ratio zip bomb while inflating, whatever sizes the headers claim", async () => {
    const bomb = Buffer.alloc(64 * 1024 * 1024);
    const started = performance.now();
    const report = await validatePackage(buildZip([{ name: "bomb.bin", data: bomb, declaredSize: 100 }]));
    expect(findingOf(report, "IVF-AR-007").message).toMatch(/compression ratio above 200:1/);
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("stops a gzip bomb disguised as an OSM package", async () => {
    const report = await validatePackage(gzipSync(Buffer.alloc(80 * 1024 * 1024)));
    expect(errorRules(report)).toContain("IVF-AR-007");
  });

  it("enforces the total uncompressed size and per-entry limits", async () => {
    const entries = [1, 2, 3].map((index) => ({
      name: `f${index}.bin`,
      data: Buffer.alloc(4096, index),
      method: 0 as const,
    }));
    const total = await validatePackage(buildZip(entries), { limits: { maxTotalBytes: 10_000 } });
    expect(errorRules(total)).toContain("IVF-AR-006");
    const single = await validatePackage(buildZip(entries), { limits: { maxEntryBytes: 1000 } });
    expect(findingOf(single, "IVF-AR-006").message).toContain("per-entry limit");
  });

  it("refuses archives with more entries than the limit (default 10000)", async () => {
    const entries = Array.from({ length: 10_001 }, (_, index) => ({
      name: `f/${index}`,
      data: "",
      method: 0 as const,
    }));
    const report = await validatePackage(buildZip(entries));
    expect(findingOf(report, "IVF-AR-005").message).toContain("10001 entries");
  });

  it("reports truncated ZIP and gzip archives instead of crashing", async () => {
    const zip = buildZip([{ name: "TOSCA-Metadata/TOSCA.meta", data: meta.repeat(50) }]);
    for (const cut of [zip.length - 10, Math.floor(zip.length / 2), 20]) {
      const report = await validatePackage(zip.subarray(0, cut));
      expect(errorRules(report)).toContain("IVF-AR-001");
    }
    const gz = gzipSync(buildTar([{ name: "p/x.yaml", data: "vnfd: {}\n".repeat(500) }]));
    expect(errorRules(await validatePackage(gz.subarray(0, gz.length - 30)))).toContain("IVF-AR-001");
  });

  it("detects a CRC mismatch and a lying uncompressed size", async () => {
    const crc = await validatePackage(buildZip([{ name: "a.txt", data: "hello", crc: 1234 }]));
    expect(errorRules(crc)).toContain("IVF-AR-009");
    const size = await validatePackage(buildZip([{ name: "a.txt", data: "hello", declaredSize: 3 }]));
    expect(errorRules(size)).toContain("IVF-AR-009");
  });

  it("refuses encrypted entries", async () => {
    const report = await validatePackage(buildZip([{ name: "secret.txt", data: "x", encrypted: true }]));
    expect(findingOf(report, "IVF-AR-008").message).toContain("encrypted");
  });

  it("refuses entry names that are not UTF-8", async () => {
    const report = await validatePackage(
      buildZip([{ name: Buffer.from([0x66, 0xff, 0xfe, 0x2e, 0x79]), data: "x" }]),
    );
    expect(errorRules(report)).toContain("IVF-AR-010");
  });

  it("reports file content that is not UTF-8 with the offending offset", async () => {
    const bytes = Buffer.concat([
      Buffer.from("vnfd:\n  id: caf"),
      Buffer.from([0xc3, 0x28]),
      Buffer.from("\n"),
    ]);
    const report = await validatePackage(bytes, { name: "vnfd.yaml" });
    expect(findingOf(report, "IVF-IN-002").message).toContain("at offset 15");
  });

  it("stops a YAML alias bomb (billion laughs) quickly", async () => {
    const lines = ['a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]'];
    for (let level = 1; level < 10; level += 1) {
      const name = String.fromCharCode(97 + level);
      const previous = String.fromCharCode(96 + level);
      lines.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(",")}]`);
    }
    lines.push("vnfd: *j");
    const started = performance.now();
    const report = await validatePackage(Buffer.from(lines.join("\n")), { name: "bomb.yaml" });
    expect(errorRules(report)).toContain("IVF-YAML-002");
    expect(performance.now() - started).toBeLessThan(5_000);
  });

  it("reports documents nested deeper than the limit", async () => {
    const report = await validatePackage(Buffer.from(`vnfd: ${"[".repeat(20_000)}`), { name: "deep.yaml" });
    expect(findingOf(report, "IVF-YAML-003").message).toContain("nesting deeper than 100");
  });

  it("reports YAML syntax errors with line and column", async () => {
    const report = await validatePackage(Buffer.from("vnfd:\n  id: a\n   bad: [\n"), { name: "broken.yaml" });
    const finding = findingOf(report, "IVF-YAML-001");
    expect(finding.location.line).toBeGreaterThanOrEqual(3);
    expect(finding.location.column).toBeGreaterThan(0);
  });

  it("throws ValidationInputError for a path that does not exist", async () => {
    await expect(validatePackage("/nonexistent/ivf/package.csar")).rejects.toThrow(/cannot read/);
  });
});
