import { createHash } from "node:crypto";
import type { PackageContent } from "../archive/package-content.js";
import type { FindingSink } from "../findings/report.js";
import type { PackageArtifacts } from "./nbi-rules.js";

const descriptorPattern = /\.(ya?ml|json)$/i;

export interface OsmLayout {
  descriptor?: string;
  artifacts: PackageArtifacts;
}

function artifactsOf(content: PackageContent, base: string): PackageArtifacts {
  return { base, has: (path) => content.files.has(path), hasDir: (path) => content.directories.has(path) };
}

/**
 * NBI DescriptorTopic.upload_content for tar.gz (notes/osm.md §1.1): one top folder, exactly one
 * descriptor at depth 2. The messages are NBI's own. Path safety was checked when reading.
 */
export function checkOsmTarLayout(content: PackageContent, sink: FindingSink): OsmLayout {
  const paths = [...content.files.keys()];
  const tops = new Set(paths.map((path) => path.split("/")[0] as string));
  const loose = paths.filter((path) => !path.includes("/"));
  if (loose.length || tops.size !== 1) {
    sink.add(
      "IVF-OSM-002",
      { file: loose[0] ?? "." },
      "All files must be inside a dir for package descriptor tar.gz",
      "put every file under one top folder named after the package",
    );
  }
  const top = [...tops][0] ?? "";
  const candidates = paths.filter((path) => path.split("/").length === 2 && descriptorPattern.test(path));
  const layout: OsmLayout = { artifacts: artifactsOf(content, `${top}/`) };
  if (candidates.length > 1)
    sink.add(
      "IVF-OSM-002",
      { file: candidates[1] as string },
      "Found more than one descriptor file at package descriptor tar.gz",
      `keep one descriptor in ${top}/ (found ${candidates.join(", ")})`,
    );
  else if (candidates.length === 0)
    sink.add(
      "IVF-OSM-002",
      { file: top || "." },
      "Not found any descriptor file at package descriptor tar.gz",
      `add ${top}/<name>_vnfd.yaml`,
    );
  else layout.descriptor = candidates[0];
  checkChecksums(content, top, sink);
  return layout;
}

/** Zip packages: one yaml/json at the root or under a path containing "Definitions" (§1.2). */
export function checkOsmZipLayout(content: PackageContent, sink: FindingSink): OsmLayout {
  const candidates = [...content.files.keys()].filter(
    (path) => descriptorPattern.test(path) && (!path.includes("/") || path.includes("Definitions")),
  );
  const layout: OsmLayout = { artifacts: artifactsOf(content, "Scripts/") };
  if (candidates.length > 1)
    sink.add(
      "IVF-OSM-002",
      { file: candidates[1] as string },
      "Found more than one descriptor file at package descriptor zip",
      `keep one descriptor (found ${candidates.join(", ")})`,
    );
  else if (candidates.length === 1) layout.descriptor = candidates[0];
  else
    sink.add(
      "IVF-OSM-002",
      { file: "." },
      "Not found any descriptor file at package descriptor zip",
      "add the SOL006 descriptor at the root or under Definitions/",
    );
  return layout;
}

/** osmclient writes "md5<TAB><pkg>/<path>" lines; NBI ignores the file, so mismatches only warn. */
function checkChecksums(content: PackageContent, top: string, sink: FindingSink): void {
  const file = `${top}/checksums.txt`;
  const data = content.files.get(file);
  if (!data) {
    sink.add(
      "IVF-OSM-004",
      { file: top || "." },
      "package has no checksums.txt",
      "osm package-build writes one; add md5 lines for every file",
    );
    return;
  }
  data
    .toString("utf8")
    .split(/\r?\n/)
    .forEach((line, index) => {
      const match = /^([0-9a-fA-F]{32})\s+(.+)$/.exec(line.trim());
      if (!line.trim()) return;
      const where = { file, line: index + 1, column: 1 };
      if (!match)
        return sink.add(
          "IVF-OSM-004",
          where,
          `line "${line}" is not "<md5> <path>"`,
          "write md5 and path separated by a tab",
        );
      const path = (match[2] as string).replace(/^\.\//, "");
      const target = content.files.get(path) ?? content.files.get(`${top}/${path}`);
      if (!target)
        return sink.add(
          "IVF-OSM-004",
          where,
          `checksums.txt lists "${path}", which is not in the package`,
          "regenerate checksums.txt",
        );
      const actual = createHash("md5").update(target).digest("hex");
      if (actual !== (match[1] as string).toLowerCase())
        sink.add(
          "IVF-OSM-004",
          where,
          `md5 of "${path}" is ${actual}, checksums.txt says ${match[1]}`,
          "regenerate checksums.txt",
        );
    });
}
