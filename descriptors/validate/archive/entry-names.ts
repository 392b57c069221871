import type { FindingSink } from "../findings/report.js";

const utf8 = new TextDecoder("utf-8", { fatal: true });

/** Decodes an entry name strictly; undefined when the bytes are not UTF-8 (reported by caller). */
export function decodeName(bytes: Buffer): string | undefined {
  try {
    return utf8.decode(bytes);
  } catch {
    return undefined;
  }
}

/**
 * Checks an archive entry name and returns its normalised relative form, or undefined when the
 * entry must be skipped. Absolute paths, drive letters, backslashes and `..` segments are refused
 * outright (CWE-22, "zip-slip"): the validator never writes entries to disk, but packages that
 * carry such names are dangerous for every consumer that does.
 */
export function normaliseEntryName(raw: string, sink: FindingSink, archive: string): string | undefined {
  const where = { file: `${archive}!${printable(raw)}` };
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(raw)) {
    sink.add(
      "IVF-AR-010",
      where,
      `entry name ${JSON.stringify(raw)} contains control characters`,
      "rename the file",
    );
    return undefined;
  }
  if (raw.includes("\\")) {
    sink.add("IVF-AR-002", where, `entry name "${raw}" uses a backslash`, "use '/' as the path separator");
    return undefined;
  }
  if (raw.startsWith("/") || /^[A-Za-z]:/.test(raw)) {
    sink.add(
      "IVF-AR-002",
      where,
      `entry name "${raw}" is an absolute path`,
      "store paths relative to the package root",
    );
    return undefined;
  }
  const segments = raw.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    sink.add(
      "IVF-AR-002",
      where,
      `entry name "${raw}" contains '..' and escapes the package root`,
      "remove '..' segments",
    );
    return undefined;
  }
  return segments.join("/");
}

function printable(name: string): string {
  // eslint-disable-next-line no-control-regex
  return name.replace(/[\u0000-\u001f\u007f]/g, "?");
}
