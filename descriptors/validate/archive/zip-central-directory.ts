/**
 * Reading the central directory of a ZIP file (PKWARE APPNOTE 6.3.10 §4.3.12-4.3.16), including
 * the ZIP64 end record. Only bounds-checked reads: a truncated or lying archive throws
 * `ZipFormatError`, which the reader reports as IVF-AR-001.
 */
export class ZipFormatError extends Error {}

export interface CentralEntry {
  rawName: Buffer;
  utf8Flag: boolean;
  madeByUnix: boolean;
  flags: number;
  method: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  externalAttributes: number;
  localHeaderOffset: number;
}

export interface CentralDirectory {
  entries: CentralEntry[];
  declaredCount: number;
}

const EOCD = 0x06054b50;
const ZIP64_LOCATOR = 0x07064b50;
const ZIP64_EOCD = 0x06064b50;
const CENTRAL = 0x02014b50;

function need(buffer: Buffer, offset: number, length: number, what: string): void {
  if (offset < 0 || offset + length > buffer.length)
    throw new ZipFormatError(`${what} lies beyond the end of the file (truncated archive?)`);
}

function findEndRecord(buffer: Buffer): number {
  const earliest = Math.max(0, buffer.length - 22 - 0xffff);
  for (let offset = buffer.length - 22; offset >= earliest; offset -= 1) {
    if (buffer.readUInt32LE(offset) === EOCD) return offset;
  }
  throw new ZipFormatError("end of central directory record not found (truncated or not a ZIP archive)");
}

function readZip64End(
  buffer: Buffer,
  eocdOffset: number,
): { count: number; size: number; offset: number } | undefined {
  const locator = eocdOffset - 20;
  if (locator < 0 || buffer.readUInt32LE(locator) !== ZIP64_LOCATOR) return undefined;
  const recordOffset = Number(buffer.readBigUInt64LE(locator + 8));
  need(buffer, recordOffset, 56, "ZIP64 end record");
  if (buffer.readUInt32LE(recordOffset) !== ZIP64_EOCD)
    throw new ZipFormatError("ZIP64 end record signature is wrong");
  return {
    count: Number(buffer.readBigUInt64LE(recordOffset + 32)),
    size: Number(buffer.readBigUInt64LE(recordOffset + 40)),
    offset: Number(buffer.readBigUInt64LE(recordOffset + 48)),
  };
}

export function readCentralDirectory(buffer: Buffer, maxEntries: number): CentralDirectory {
  if (buffer.length < 22) throw new ZipFormatError("file is too short to be a ZIP archive");
  const eocd = findEndRecord(buffer);
  let count = buffer.readUInt16LE(eocd + 10);
  let size = buffer.readUInt32LE(eocd + 12);
  let offset = buffer.readUInt32LE(eocd + 16);
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) {
    const zip64 = readZip64End(buffer, eocd);
    if (zip64) ({ count, size, offset } = zip64);
  }
  need(buffer, offset, size, "central directory");
  const entries: CentralEntry[] = [];
  let cursor = offset;
  for (let index = 0; index < Math.min(count, maxEntries + 1); index += 1) {
    const { entry, next } = readCentralEntry(buffer, cursor);
    entries.push(entry);
    cursor = next;
  }
  return { entries, declaredCount: count };
}

function readCentralEntry(buffer: Buffer, offset: number): { entry: CentralEntry; next: number } {
  need(buffer, offset, 46, "central directory entry");
  if (buffer.readUInt32LE(offset) !== CENTRAL)
    throw new ZipFormatError(`bad central directory signature at byte ${offset}`);
  const nameLength = buffer.readUInt16LE(offset + 28);
  const extraLength = buffer.readUInt16LE(offset + 30);
  const commentLength = buffer.readUInt16LE(offset + 32);
  need(buffer, offset + 46, nameLength + extraLength + commentLength, "central directory entry name");
  const entry: CentralEntry = {
    rawName: buffer.subarray(offset + 46, offset + 46 + nameLength),
    utf8Flag: (buffer.readUInt16LE(offset + 8) & 0x800) !== 0,
    madeByUnix: buffer.readUInt8(offset + 5) === 3,
    flags: buffer.readUInt16LE(offset + 8),
    method: buffer.readUInt16LE(offset + 10),
    crc32: buffer.readUInt32LE(offset + 16),
    compressedSize: buffer.readUInt32LE(offset + 20),
    uncompressedSize: buffer.readUInt32LE(offset + 24),
    externalAttributes: buffer.readUInt32LE(offset + 38),
    localHeaderOffset: buffer.readUInt32LE(offset + 42),
  };
  applyZip64Extra(entry, buffer.subarray(offset + 46 + nameLength, offset + 46 + nameLength + extraLength));
  return { entry, next: offset + 46 + nameLength + extraLength + commentLength };
}

/** APPNOTE 4.5.3: the ZIP64 extra field carries the 64-bit values of saturated 32-bit fields. */
function applyZip64Extra(entry: CentralEntry, extra: Buffer): void {
  let cursor = 0;
  while (cursor + 4 <= extra.length) {
    const id = extra.readUInt16LE(cursor);
    const length = extra.readUInt16LE(cursor + 2);
    if (id === 0x0001) {
      let field = cursor + 4;
      const take = (): number => {
        if (field + 8 > cursor + 4 + length) throw new ZipFormatError("ZIP64 extra field is too short");
        const value = Number(extra.readBigUInt64LE(field));
        field += 8;
        return value;
      };
      if (entry.uncompressedSize === 0xffffffff) entry.uncompressedSize = take();
      if (entry.compressedSize === 0xffffffff) entry.compressedSize = take();
      if (entry.localHeaderOffset === 0xffffffff) entry.localHeaderOffset = take();
      return;
    }
    cursor += 4 + length;
  }
}

/** Offset of the entry's data, after its local file header (APPNOTE 4.3.7). */
export function localDataOffset(buffer: Buffer, entry: CentralEntry): number {
  const offset = entry.localHeaderOffset;
  need(buffer, offset, 30, "local file header");
  if (buffer.readUInt32LE(offset) !== 0x04034b50)
    throw new ZipFormatError(`bad local header signature at byte ${offset}`);
  const start = offset + 30 + buffer.readUInt16LE(offset + 26) + buffer.readUInt16LE(offset + 28);
  need(buffer, start, entry.compressedSize, "entry data");
  return start;
}
