import type { PackageContent } from "../archive/package-content.js";
import type { InputKind } from "../findings/report.js";

export type Container = "zip" | "gzip" | "tar" | "text";

/** Magic numbers: ZIP local/empty header, gzip member header, ustar at offset 257. */
export function detectContainer(bytes: Buffer): Container {
  if (bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5))
    return "zip";
  if (bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b) return "gzip";
  if (bytes.length >= 262 && bytes.subarray(257, 262).toString("latin1") === "ustar") return "tar";
  return "text";
}

const rootFiles = (content: PackageContent): string[] =>
  [...content.files.keys()].filter((path) => !path.includes("/"));

/**
 * What kind of package a set of files is: SOL004 option 1 (TOSCA-Metadata or a root TOSCA YAML),
 * option 2 (an outer archive holding one .csar and its .cms), else an OSM package.
 */
export function classifyContent(content: PackageContent, container: Container | "directory"): InputKind {
  if (content.files.has("TOSCA-Metadata/TOSCA.meta")) return "csar";
  const root = rootFiles(content);
  if (container === "zip" && root.some((path) => /\.csar$/i.test(path))) return "csar-option2";
  const toscaRoot = root.some(
    (path) =>
      /\.ya?ml$/i.test(path) &&
      /^\s*tosca_definitions_version\s*:/m.test(content.files.get(path)?.toString("utf8") ?? ""),
  );
  if (toscaRoot) return "csar";
  return container === "zip" ? "osm-zip" : "osm-tar";
}
