import yazl from "yazl";
import { normaliseEntries, type ArchiveEntry } from "./archive-entry.js";

/**
 * Deterministic ZIP: sorted entries, DOS timestamps only (no extended-time extra field), fixed
 * modes. yazl converts the Date with local-time getters, so we build the Date from the UTC
 * components to get the same DOS fields in every time zone.
 */
export async function writeZip(entries: readonly ArchiveEntry[], time: Date): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  const local = new Date(
    time.getUTCFullYear(),
    time.getUTCMonth(),
    time.getUTCDate(),
    time.getUTCHours(),
    time.getUTCMinutes(),
    time.getUTCSeconds(),
  );
  for (const entry of normaliseEntries(entries))
    zip.addBuffer(entry.content, entry.path, {
      mtime: local,
      mode: entry.mode,
      compress: true,
      forceDosTimestamp: true,
    });
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    zip.outputStream.on("data", (chunk: Buffer) => chunks.push(chunk));
    zip.outputStream.on("end", () => resolve(Buffer.concat(chunks)));
    zip.outputStream.on("error", reject);
  });
  zip.end();
  return done;
}
