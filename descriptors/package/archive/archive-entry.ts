/** One file of an archive; paths use "/" and are relative to the archive root. */
export interface ArchiveEntry {
  path: string;
  content: Buffer;
  mode: number;
}

/** Sorted, de-duplicated, safe entries: the order archives are written in (determinism). */
export function normaliseEntries(entries: readonly ArchiveEntry[]): ArchiveEntry[] {
  const seen = new Set<string>();
  for (const entry of entries) {
    if (entry.path.startsWith("/") || entry.path.split("/").includes("..") || entry.path.includes("\\"))
      throw new Error(`unsafe archive path "${entry.path}"`);
    if (seen.has(entry.path)) throw new Error(`duplicate archive path "${entry.path}"`);
    seen.add(entry.path);
  }
  return [...entries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Archive timestamp from the platform release date (whole seconds, UTC). */
export function fixedTime(releaseDateTime: string): Date {
  return new Date(releaseDateTime);
}
