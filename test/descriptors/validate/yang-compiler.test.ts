import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { validatePackage } from "../../../descriptors/validate/index.js";
import { compileModules } from "../../../descriptors/validate/yang/compile-schema.js";
import { errorRules, findingOf } from "./support/report-helpers.js";

/**
 * The SOL006 layer has no built-in knowledge of SOL006: everything comes from the YANG it is
 * given. These modules (written here) exercise each construct the compiler supports.
 */
const base = `module demo-base {
  yang-version 1.1;
  namespace "urn:demo:base";
  prefix base;
  identity protocol;
  identity mqtt { base protocol; }
  identity coap { base protocol; }
  typedef percent { type uint8 { range "0..100"; } }
  grouping named { leaf name { type string { length "1..8"; } } }
  container vnfd {
    presence "descriptor";
    leaf id { type string; mandatory true; }
    list vdu {
      key "id";
      min-elements 1;
      leaf id { type string; }
      uses named;
      leaf load { type percent; }
      leaf-list protocol { type identityref { base protocol; } }
    }
    leaf mgmt-vdu { type leafref { path "../vdu/id"; } }
    choice placement {
      leaf zone { type string; }
      container host { leaf address { type string; } }
    }
  }
}`;

const augment = `module demo-augment {
  yang-version 1.1;
  namespace "urn:demo:augment";
  prefix aug;
  import demo-base { prefix base; }
  augment "/base:vnfd/base:vdu" {
    leaf mode { type enumeration { enum active; enum standby; } default active; }
  }
}`;

describe("YANG-derived validation", () => {
  let dir = "";
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "ivf-yang-demo-"));
    writeFileSync(join(dir, "demo-base.yang"), base);
    writeFileSync(join(dir, "demo-augment.yang"), augment);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  const validate = (text: string) =>
    validatePackage(Buffer.from(text), {
      name: "demo.yaml",
      yangDirs: [dir],
      schemaCacheDir: join(dir, "cache"),
    });

  it("compiles groupings, typedefs, identities, choices and augments from other modules", () => {
    const { root } = compileModules([
      { file: "demo-base.yang", text: base },
      { file: "demo-augment.yang", text: augment },
    ]);
    const vdu = root.children?.[0]?.children?.find((node) => node.name === "vdu");
    expect(vdu?.children?.map((node) => node.name)).toEqual(["id", "name", "load", "protocol", "mode"]);
    expect(vdu?.children?.find((node) => node.name === "protocol")?.type?.identities?.sort()).toEqual([
      "coap",
      "mqtt",
    ]);
    expect(vdu?.children?.find((node) => node.name === "mode")?.module).toBe("demo-augment");
  });

  it("accepts conforming data (the OSM NBI layer still applies to any vnfd)", async () => {
    const report = await validate(
      "vnfd:\n  id: a\n  mgmt-vdu: v1\n  zone: z1\n  vdu:\n    - {id: v1, name: gw, load: 40, protocol: [mqtt, 'demo-base:coap'], mode: standby}\n",
    );
    expect(report.findings.filter((finding) => finding.rule.startsWith("IVF-YANG"))).toEqual([]);
    expect(report.findings.map((finding) => finding.message)).toEqual([
      "'mgmt-cp' is a mandatory field and it is not defined",
    ]);
  });

  it("applies the model's own types, keys, ranges, identities, enums, choices and leafrefs", async () => {
    const report = await validate(
      "vnfd:\n  mgmt-vdu: v9\n  zone: z1\n  host: {address: h}\n  vdu:\n    - {id: v1, name: far-too-long, load: 140, protocol: [http], mode: sleeping}\n    - {id: v1}\n",
    );
    expect(errorRules(report)).toEqual(
      expect.arrayContaining(["IVF-YANG-002", "IVF-YANG-005", "IVF-YANG-008", "IVF-OSM-003"]),
    );
    expect(findingOf(report, "IVF-YANG-010").location.yangPath).toBe("/vnfd/id");
    expect(findingOf(report, "IVF-YANG-004").message).toContain('"v9"');
    expect(
      report.findings.filter((finding) => finding.rule === "IVF-YANG-002").map((finding) => finding.message),
    ).toEqual(
      expect.arrayContaining([
        expect.stringContaining("length 12 is outside 1..8"),
        expect.stringContaining("140 is outside the allowed range 0..100"),
      ]),
    );
  });

  it("reports a module that does not compile", async () => {
    writeFileSync(
      join(dir, "demo-broken.yang"),
      "module demo-broken { prefix b; container x { uses missing-grouping; } }",
    );
    try {
      expect(findingOf(await validate("vnfd: {id: a}\n"), "IVF-YANG-009").message).toContain(
        "missing-grouping",
      );
    } finally {
      rmSync(join(dir, "demo-broken.yang"));
    }
  });
});
