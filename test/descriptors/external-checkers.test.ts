import { execFileSync } from "node:child_process";
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { referenceAvailable, referencePath } from "../support/reference.js";
import { readZip } from "./support/archives.js";
import { buildInTemp } from "./support/built-packages.js";
import { opensslAvailable, toscaParserAvailable } from "./support/tools.js";

/**
 * Debian's python3-tosca-parser lacks its YAML data files (reference/tosca-parser-2.6.0-data/
 * SOURCES.md). Instead of writing into /usr/lib, the test copies the installed package into a
 * temp dir, adds the three files there and puts that dir first on PYTHONPATH.
 */
function toscaParserOverlay(): string {
  const overlay = mkdtempSync(join(tmpdir(), "ivf-toscaparser-"));
  cpSync("/usr/lib/python3/dist-packages/toscaparser", join(overlay, "toscaparser"), { recursive: true });
  for (const file of [
    "toscaparser/elements/TOSCA_definition_1_0.yaml",
    "toscaparser/extensions/nfv/TOSCA_nfv_definition_1_0_0.yaml",
    "toscaparser/extensions/mec/TOSCA_mec_definition_1_0_0.yaml",
  ])
    cpSync(referencePath("tosca-parser-2.6.0-data", file), join(overlay, file));
  return overlay;
}

const PARSE = `
import sys
from toscaparser.tosca_template import ToscaTemplate
for path in sys.argv[1:]:
    template = ToscaTemplate(path, None, True)
    print(path, len(template.nested_tosca_templates_with_topology), flush=True)
`;

describe.skipIf(!referenceAvailable())("external checkers accept what we build", () => {
  describe.skipIf(!toscaParserAvailable())("OpenStack tosca-parser 2.6.0 (Debian)", () => {
    let overlay = "";
    let built = { dir: "", files: [] as string[] };
    beforeAll(async () => {
      overlay = toscaParserOverlay();
      built = await buildInTemp({ formats: ["csar"], sol001Version: "2.6.1", includeNetworkService: false });
    });
    afterAll(() => {
      rmSync(overlay, { recursive: true, force: true });
      rmSync(built.dir, { recursive: true, force: true });
    });

    it("parses every SOL001 v2.6.1 VNF CSAR, flavour templates included", () => {
      const output = execFileSync("/usr/bin/python3", ["-c", PARSE, ...built.files], {
        env: { ...process.env, PYTHONPATH: overlay },
        stdio: ["ignore", "pipe", "pipe"],
        timeout: 120_000,
      }).toString();
      const lines = output.trim().split("\n");
      expect(lines).toHaveLength(built.files.length);
      for (const line of lines) expect(line).toMatch(/\.csar 1$/);
    }, 180_000);

    it("parses the v3.3.1 VNF CSARs against the v3.3.1 types once the two TOSCA 1.3-only notations are mapped to 1.2", async () => {
      // tosca-parser 2.6 knows TOSCA <= 1.2: it rejects the 1_3 header and the `status: deprecated` of
      // v3.3.1's sw_image_data definition. Everything else (our templates, the ETSI types) is parsed as is.
      const v3 = await buildInTemp({
        formats: ["csar"],
        sol001Version: "3.3.1",
        includeNetworkService: false,
      });
      const work = mkdtempSync(join(tmpdir(), "ivf-v3-"));
      try {
        const rewritten: string[] = [];
        for (const file of v3.files) {
          const tree = join(work, basename(file, ".csar"));
          for (const [path, content] of await readZip(readFileSync(file))) {
            mkdirSync(join(tree, path, ".."), { recursive: true });
            const text = path.endsWith(".yaml")
              ? content
                  .toString()
                  .replace(/tosca_simple_yaml_1_3/g, "tosca_simple_yaml_1_2")
                  .replace(/status: deprecated/g, "status: supported")
              : content;
            writeFileSync(join(tree, path), text);
          }
          execFileSync("zip", ["-qr", `${tree}.csar`, "."], { cwd: tree });
          rewritten.push(`${tree}.csar`);
        }
        const output = execFileSync("/usr/bin/python3", ["-c", PARSE, ...rewritten], {
          env: { ...process.env, PYTHONPATH: overlay },
          stdio: ["ignore", "pipe", "pipe"],
          timeout: 120_000,
        }).toString();
        expect(output.trim().split("\n")).toHaveLength(rewritten.length);
      } finally {
        rmSync(work, { recursive: true, force: true });
        rmSync(v3.dir, { recursive: true, force: true });
      }
    }, 180_000);

    it("rejects a CSAR whose VNFD breaks the SOL001 types (the check can fail)", async () => {
      const zip = await readZip(readFileSync(built.files[0] as string));
      const work = mkdtempSync(join(tmpdir(), "ivf-broken-"));
      try {
        for (const [path, content] of zip) {
          mkdirSync(join(work, "tree", path, ".."), { recursive: true });
          writeFileSync(
            join(work, "tree", path),
            path.endsWith("_df_default.yaml")
              ? content.toString().replace(/min_number_of_instances: \d+/, "min_number_of_instances: many")
              : content,
          );
        }
        execFileSync("zip", ["-qr", join(work, "broken.csar"), "."], { cwd: join(work, "tree") });
        expect(() =>
          execFileSync("/usr/bin/python3", ["-c", PARSE, join(work, "broken.csar")], {
            env: { ...process.env, PYTHONPATH: overlay },
            stdio: "pipe",
          }),
        ).toThrow(/Error/);
      } finally {
        rmSync(work, { recursive: true, force: true });
      }
    }, 180_000);
  });

  describe.skipIf(!opensslAvailable())("CMS signatures (openssl cms -verify)", () => {
    let keys = "";
    let built = { dir: "", files: [] as string[] };
    beforeAll(async () => {
      keys = mkdtempSync(join(tmpdir(), "ivf-keys-"));
      execFileSync(
        "openssl",
        [
          "req",
          "-x509",
          "-newkey",
          "rsa:2048",
          "-nodes",
          "-keyout",
          join(keys, "key.pem"),
          "-out",
          join(keys, "cert.pem"),
          "-days",
          "2",
          "-subj",
          "/CN=IVF package test signer",
        ],
        { stdio: "pipe" },
      );
      built = await buildInTemp({
        formats: ["csar"],
        ivfs: ["cloud-api"],
        signing: { keyFile: join(keys, "key.pem"), certFile: join(keys, "cert.pem") },
      });
    });
    afterAll(() => {
      rmSync(keys, { recursive: true, force: true });
      rmSync(built.dir, { recursive: true, force: true });
    });

    const verify = (signature: Buffer, content: Buffer): void => {
      writeFileSync(join(keys, "sig.pem"), signature);
      writeFileSync(join(keys, "content.bin"), content);
      execFileSync(
        "openssl",
        [
          "cms",
          "-verify",
          "-binary",
          "-inform",
          "PEM",
          "-in",
          join(keys, "sig.pem"),
          "-content",
          join(keys, "content.bin"),
          "-CAfile",
          join(keys, "cert.pem"),
          "-out",
          "/dev/null",
        ],
        { stdio: "pipe" },
      );
    };

    it("option 1: the manifest carries a CMS block that verifies over the manifest text, and the certificate is in the package", async () => {
      const csar = built.files.find((file) => basename(file) === "cloud-api.csar") as string;
      const zip = await readZip(readFileSync(csar));
      const manifest = zip.get("cloud-api.mf")?.toString() ?? "";
      const at = manifest.indexOf("-----BEGIN CMS-----");
      expect(at).toBeGreaterThan(0);
      verify(Buffer.from(manifest.slice(at)), Buffer.from(manifest.slice(0, at)));
      expect(zip.get("TOSCA-Metadata/TOSCA.meta")?.toString()).toContain(
        "ETSI-Entry-Certificate: Files/Certificates/cloud-api.cert",
      );
      expect(manifest).toContain("Source: Files/Certificates/cloud-api.cert");
      const tampered = `${manifest.slice(0, at).replace("vnf_package_version: 1.0.0", "vnf_package_version: 6.6.6")}`;
      expect(() => verify(Buffer.from(manifest.slice(at)), Buffer.from(tampered))).toThrow();
    });

    it("signed builds are byte-identical too (no signing-time attribute)", async () => {
      const again = await buildInTemp({
        formats: ["csar"],
        ivfs: ["cloud-api"],
        signing: { keyFile: join(keys, "key.pem"), certFile: join(keys, "cert.pem") },
      });
      try {
        for (const [index, file] of again.files.entries())
          expect(readFileSync(file).equals(readFileSync(built.files[index] as string)), basename(file)).toBe(
            true,
          );
      } finally {
        rmSync(again.dir, { recursive: true, force: true });
      }
    });

    it("option 2: the outer zip holds the CSAR, a CMS signature over it and the certificate", async () => {
      const outer = await readZip(
        readFileSync(built.files.find((file) => basename(file) === "cloud-api.zip") as string),
      );
      expect([...outer.keys()].sort()).toEqual(["cloud-api.cert", "cloud-api.cms", "cloud-api.csar"]);
      verify(outer.get("cloud-api.cms") as Buffer, outer.get("cloud-api.csar") as Buffer);
      expect(
        outer
          .get("cloud-api.csar")
          ?.equals(readFileSync(built.files.find((file) => basename(file) === "cloud-api.csar") as string)),
      ).toBe(true);
    });
  });
});
