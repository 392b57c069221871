import { crc32, deflateRawSync, gzipSync } from "node:zlib";

/**
 * Minimal ZIP and tar writers for tests. Unlike yazl/tar-stream they write whatever they are
 * told (absolute names, "..", symlinks, duplicates, lying sizes), which is what hostile-input
 * tests need; Tacker builds its test packages in code the same way (zipgen.py).
 */
export interface ZipEntrySpec {
  name: string | Buffer;
  data?: Buffer | string;
  method?: 0 | 8;
  /** Unix mode stored in the external attributes (e.g. 0o120777 for a symlink). */
  unixMode?: number;
  utf8?: boolean;
  encrypted?: boolean;
  /** Overrides the uncompressed size written to the headers. */
  declaredSize?: number;
  crc?: number;
}

export function buildZip(entries: ZipEntrySpec[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = Buffer.isBuffer(entry.name) ? entry.name : Buffer.from(entry.name, "utf8");
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? "", "utf8");
    const method = entry.method ?? 8;
    const stored = method === 8 ? deflateRawSync(data) : data;
    const flags = (entry.utf8 === false ? 0 : 0x800) | (entry.encrypted ? 1 : 0);
    const crc = entry.crc ?? crc32(data) >>> 0;
    const size = entry.declaredSize ?? data.length;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(stored.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(stored.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((entry.unixMode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    locals.push(local, name, stored);
    centrals.push(central, name);
    offset += 30 + name.length + stored.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

export function zipFiles(files: Map<string, Buffer | string>): Buffer {
  return buildZip([...files].map(([name, data]) => ({ name, data })));
}

export interface TarEntrySpec {
  name: string;
  data?: Buffer | string;
  /** ustar type flag: "0" file, "5" directory, "2" symlink, "1" hard link. */
  type?: string;
  linkname?: string;
}

function tarHeader(entry: TarEntrySpec, size: number): Buffer {
  const header = Buffer.alloc(512);
  header.write(entry.name.slice(0, 100), 0, "utf8");
  header.write("0000644\0", 100);
  header.write("0000000\0", 108);
  header.write("0000000\0", 116);
  header.write(`${size.toString(8).padStart(11, "0")}\0`, 124);
  header.write("00000000000\0", 136);
  header.write("        ", 148);
  header.write(entry.type ?? "0", 156);
  if (entry.linkname) header.write(entry.linkname, 157);
  header.write("ustar\0", 257);
  header.write("00", 263);
  let sum = 0;
  for (const byte of header) sum += byte;
  header.write(`${sum.toString(8).padStart(6, "0")}\0 `, 148);
  return header;
}

export function buildTar(entries: TarEntrySpec[]): Buffer {
  const blocks: Buffer[] = [];
  for (const entry of entries) {
    const data = Buffer.isBuffer(entry.data) ? entry.data : Buffer.from(entry.data ?? "", "utf8");
    blocks.push(tarHeader(entry, data.length), data, Buffer.alloc((512 - (data.length % 512)) % 512));
  }
  blocks.push(Buffer.alloc(1024));
  return Buffer.concat(blocks);
}

export function tarGzFiles(files: Map<string, Buffer | string>): Buffer {
  return gzipSync(buildTar([...files].map(([name, data]) => ({ name, data }))));
}
