import { crc32, deflateRawSync } from "node:zlib";
import tar from "tar-stream";
import { normaliseEntries, type ArchiveEntry } from "./archive-entry.js";

/**
 * Deterministic tar.gz: sorted entries with their parent directories, uid/gid 0, no user
 * names, one fixed mtime; the gzip member is assembled by hand (RFC 1952) so its header carries
 * the same mtime and OS=3 (Unix) wherever it is built.
 */
function directoriesOf(entries: readonly ArchiveEntry[]): string[] {
  const directories = new Set<string>();
  for (const entry of entries) {
    const parts = entry.path.split("/");
    for (let index = 1; index < parts.length; index += 1)
      directories.add(`${parts.slice(0, index).join("/")}/`);
  }
  return [...directories];
}

async function tarBuffer(entries: readonly ArchiveEntry[], time: Date): Promise<Buffer> {
  const pack = tar.pack();
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    pack.on("data", (chunk: unknown) => {
      chunks.push(chunk as Buffer);
    });
    pack.on("end", () => resolve(Buffer.concat(chunks)));
    pack.on("error", reject);
  });
  const files = normaliseEntries(entries);
  const all = [
    ...directoriesOf(files).map((path) => ({ path, directory: true as const })),
    ...files.map((file) => ({ ...file, directory: false as const })),
  ].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  const common = { mtime: time, uid: 0, gid: 0, uname: "", gname: "" };
  for (const item of all) {
    if (item.directory) pack.entry({ ...common, name: item.path, type: "directory", mode: 0o755 });
    else
      pack.entry(
        { ...common, name: item.path, type: "file", mode: item.mode, size: item.content.length },
        item.content,
      );
  }
  pack.finalize();
  return done;
}

export function gzipDeterministic(data: Buffer, time: Date): Buffer {
  const header = Buffer.alloc(10);
  header.writeUInt8(0x1f, 0);
  header.writeUInt8(0x8b, 1);
  header.writeUInt8(8, 2); // deflate
  header.writeUInt8(0, 3); // no flags, no file name
  header.writeUInt32LE(Math.floor(time.getTime() / 1000) >>> 0, 4);
  header.writeUInt8(0, 8);
  header.writeUInt8(3, 9); // OS: Unix
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32(data) >>> 0, 0);
  trailer.writeUInt32LE(data.length >>> 0, 4);
  return Buffer.concat([header, deflateRawSync(data, { level: 9 }), trailer]);
}

export async function writeTarGz(entries: readonly ArchiveEntry[], time: Date): Promise<Buffer> {
  return gzipDeterministic(await tarBuffer(entries, time), time);
}
