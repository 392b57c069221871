/** The files of a package, read fully into memory under the limits of `ValidationLimits`. */
export interface PackageContent {
  /** Normalised relative path ("Definitions/vnfd.yaml") -> bytes. */
  files: Map<string, Buffer>;
  /** Relative directory paths, explicit or implied by file paths, without trailing slash. */
  directories: Set<string>;
  /** Where the content came from, for messages. */
  container: "zip" | "tar" | "directory" | "file";
  /** False when reading stopped early (limit hit, truncated archive): later layers are skipped. */
  complete: boolean;
}

export function emptyContent(container: PackageContent["container"]): PackageContent {
  return { files: new Map(), directories: new Set(), container, complete: true };
}

/** Registers every parent directory of a file path so layout checks can ask for folders. */
export function addImpliedDirectories(content: PackageContent, path: string): void {
  const parts = path.split("/");
  for (let index = 1; index < parts.length; index += 1)
    content.directories.add(parts.slice(0, index).join("/"));
}
