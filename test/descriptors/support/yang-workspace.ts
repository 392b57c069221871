import { cpSync, mkdtempSync, readFileSync, readdirSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A temporary copy of ../shared/reference/osm-im with the three workarounds its SOURCES.md
 * lists for libyang: deref() leafrefs become strings, deref()-based `must`s are dropped (what
 * OSM's own deref_warnings.patch does), and kdu.yang's `uses` under a choice augment gets the
 * `case` wrapper. The reference files themselves are never modified.
 */
export function prepareYangWorkspace(osmImDir: string): string {
  const workspace = mkdtempSync(join(tmpdir(), "ivf-yang-"));
  const sources = [join(osmImDir, "sol006_model", "src", "yang"), join(osmImDir, "models", "augments")];
  for (const directory of sources)
    for (const file of readdirSync(directory).filter((name) => name.endsWith(".yang")))
      cpSync(join(directory, file), join(workspace, file));
  for (const file of readdirSync(workspace)) {
    const path = join(workspace, file);
    let text = readFileSync(path, "utf8");
    text = text.replace(/type\s+leafref\s*\{\s*path\s+"deref[^;]*;\s*\}/g, "type string;");
    text = text.replace(/must\s+"[^"]*deref[^"]*"(\s*\+\s*"[^"]*")*\s*\{[^{}]*\}/g, "");
    text = text.replace(/must\s+"[^"]*deref[^"]*"(\s*\+\s*"[^"]*")*\s*;/g, "");
    if (file === "kdu.yang")
      text = text.replace(
        /augment "\/vnfd:vnfd\/vnfd:ext-cpd\/vnfd:cp-connection" \{\s*uses extended-ext-cpd;\s*\}/,
        'augment "/vnfd:vnfd/vnfd:ext-cpd/vnfd:cp-connection" {\n    case k8s-cluster-net {\n      uses extended-ext-cpd;\n    }\n  }',
      );
    writeFileSync(path, text);
  }
  return workspace;
}

export const vnfdModules = [
  "etsi-nfv-vnfd.yang",
  "additional-info.yang",
  "alarm.yang",
  "alternative-images.yang",
  "cloud-init.yang",
  "common-augments.yang",
  "day1-2.yang",
  "epa.yang",
  "exporters.yang",
  "healing.yang",
  "interface.yang",
  "kdu.yang",
  "mgmt-interface.yang",
  "persistent-storage.yang",
  "scaling.yang",
  "various.yang",
  "vip.yang",
];

export const nsdModules = [
  "etsi-nfv-nsd.yang",
  "ns-configuration.yang",
  "ns-various.yang",
  "ns-vld.yang",
  "ip-profiles.yang",
];
