import { createHash } from "node:crypto";
import type { ArchiveEntry } from "../archive/archive-entry.js";

/**
 * SOL004 4.3 manifest: `metadata:` name-value pairs, then one Source/Algorithm/Hash block per
 * file (SHA-256) and the non_mano_artifact_sets (SOL004 4.3.7; ONAP registered set names).
 * The manifest never lists itself; a CMS signature block is appended by cms-sign.ts.
 */
export function renderManifest(
  metadata: [string, string][],
  files: readonly ArchiveEntry[],
  nonMano: Record<string, string[]>,
): string {
  const lines = ["metadata:", ...metadata.map(([key, value]) => `  ${key}: ${value}`), ""];
  for (const file of [...files].sort((a, b) => (a.path < b.path ? -1 : 1)))
    lines.push(
      `Source: ${file.path}`,
      "Algorithm: SHA-256",
      `Hash: ${createHash("sha256").update(file.content).digest("hex")}`,
      "",
    );
  const sets = Object.entries(nonMano).filter(([, sources]) => sources.length > 0);
  if (sets.length > 0) {
    lines.push("non_mano_artifact_sets:");
    for (const [name, sources] of sets) {
      lines.push(`  ${name}:`);
      for (const source of sources) lines.push(`    Source: ${source}`);
    }
    lines.push("");
  }
  return lines.join("\n");
}
