import { createHash } from "node:crypto";
import type { RenderedFile } from "../../render/render-types.js";
import { emitYaml } from "../../render/yaml-emit.js";
import { fixedTime, type ArchiveEntry } from "../archive/archive-entry.js";
import { writeTarGz } from "../archive/tar-gz-writer.js";

/**
 * OSM package (notes/osm.md 1.1): tar.gz with one top directory, exactly one descriptor YAML
 * at depth 2, artefacts in cloud_init/, helm-charts/, exporter-endpoint/ (never YAML at depth
 * 2), and checksums.txt with `md5<TAB><pkg>/<relpath>` lines as osmclient writes them.
 */
export interface OsmPackageContent {
  directory: string;
  descriptorName: string;
  descriptor: Record<string, unknown>;
  header: string;
  files: RenderedFile[];
  releaseDateTime: string;
}

export async function buildOsmPackage(content: OsmPackageContent): Promise<Buffer> {
  const top = content.directory;
  const entries: ArchiveEntry[] = [
    {
      path: `${top}/${content.descriptorName}`,
      content: Buffer.from(emitYaml(content.descriptor, content.header)),
      mode: 0o644,
    },
    ...content.files.map((file) => ({
      path: `${top}/${file.path}`,
      content: typeof file.content === "string" ? Buffer.from(file.content) : file.content,
      mode: file.mode ?? 0o644,
    })),
  ];
  for (const entry of entries) {
    const relative = entry.path.slice(top.length + 1);
    if (
      !relative.includes("/") &&
      entry.path !== `${top}/${content.descriptorName}` &&
      /\.(ya?ml|json)$/.test(relative)
    )
      throw new Error(`OSM package ${top}: ${relative} would be a second descriptor at depth 2`);
  }
  const checksums = [...entries]
    .sort((a, b) => (a.path < b.path ? -1 : 1))
    .map((entry) => `${createHash("md5").update(entry.content).digest("hex")}\t${entry.path}`)
    .join("\n");
  entries.push({ path: `${top}/checksums.txt`, content: Buffer.from(`${checksums}\n`), mode: 0o644 });
  return writeTarGz(entries, fixedTime(content.releaseDateTime));
}
