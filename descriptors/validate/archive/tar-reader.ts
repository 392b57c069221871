import type { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";
import { decodeName, normaliseEntryName } from "./entry-names.js";
import {
  CorruptData,
  describeLimit,
  gunzipLimited,
  LimitExceeded,
  limitRule,
  outputBudget,
} from "./inflate-limited.js";
import { addImpliedDirectories, emptyContent, type PackageContent } from "./package-content.js";

class TarFormatError extends Error {}

interface TarHeader {
  rawName: Buffer;
  size: number;
  type: string;
}

/** Decompresses a gzip stream under the size and ratio limits (the whole stream is one entry). */
export function gunzipPackage(
  buffer: Buffer,
  archive: string,
  sink: FindingSink,
  limits: ValidationLimits,
): Buffer | undefined {
  const { budget, kind } = outputBudget(buffer.length, limits.maxTotalBytes, limits);
  try {
    return gunzipLimited(buffer, budget, kind);
  } catch (error) {
    if (error instanceof LimitExceeded) {
      sink.add(
        limitRule(error.kind),
        { file: archive },
        `gzip stream: ${describeLimit(error.kind, error.limit, limits)}`,
        "refusing to decompress further; raise the limit only for trusted packages",
      );
    } else if (error instanceof CorruptData) {
      sink.add(
        "IVF-AR-001",
        { file: archive },
        `gzip stream cannot be decompressed: ${error.message}`,
        "the archive is truncated or corrupt; rebuild it",
      );
    } else throw error;
    return undefined;
  }
}

function octal(field: Buffer): number {
  if ((field[0] ?? 0) & 0x80) {
    // GNU base-256 size encoding for entries of 8 GiB and more
    let value = 0;
    for (let index = 1; index < field.length; index += 1) value = value * 256 + (field[index] ?? 0);
    return value;
  }
  const text = field.toString("latin1").replace(/\0.*$/s, "").trim();
  if (text === "") return 0;
  if (!/^[0-7]+$/.test(text)) throw new TarFormatError(`numeric field "${text}" is not octal`);
  return parseInt(text, 8);
}

function readHeader(block: Buffer): TarHeader {
  const stored = octal(block.subarray(148, 156));
  let sum = 8 * 0x20;
  for (let index = 0; index < 512; index += 1) if (index < 148 || index >= 156) sum += block[index] ?? 0;
  if (sum !== stored) throw new TarFormatError("header checksum mismatch (corrupt or not a tar archive)");
  const cut = (start: number, end: number): Buffer => {
    const field = block.subarray(start, end);
    const zero = field.indexOf(0);
    return zero === -1 ? field : field.subarray(0, zero);
  };
  const name = cut(0, 100);
  const isUstar = block.subarray(257, 262).toString("latin1") === "ustar";
  const prefix = isUstar ? cut(345, 500) : Buffer.alloc(0);
  return {
    rawName: prefix.length ? Buffer.concat([prefix, Buffer.from("/"), name]) : name,
    size: octal(block.subarray(124, 136)),
    type: String.fromCharCode(block[156] ?? 0),
  };
}

/** PAX extended header records "<len> key=value\n" (POSIX pax format). */
function paxPath(data: Buffer): Buffer | undefined {
  let cursor = 0;
  while (cursor < data.length) {
    const space = data.indexOf(0x20, cursor);
    if (space === -1) break;
    const length = parseInt(data.subarray(cursor, space).toString("latin1"), 10);
    if (!Number.isFinite(length) || length <= 0) break;
    const record = data.subarray(space + 1, cursor + length - 1);
    const equals = record.indexOf(0x3d);
    if (record.subarray(0, equals).toString("latin1") === "path") return record.subarray(equals + 1);
    cursor += length;
  }
  return undefined;
}

/** Reads an uncompressed tar archive (ustar, PAX and GNU long names) fully in memory. */
export function readTar(
  tar: Buffer,
  archive: string,
  sink: FindingSink,
  limits: ValidationLimits,
): PackageContent {
  const content = emptyContent("tar");
  let cursor = 0;
  let count = 0;
  let pendingName: Buffer | undefined;
  try {
    while (cursor + 512 <= tar.length) {
      const block = tar.subarray(cursor, cursor + 512);
      if (block.every((byte) => byte === 0)) return content;
      const header = readHeader(block);
      const dataStart = cursor + 512;
      if (dataStart + header.size > tar.length)
        throw new TarFormatError(`entry data runs past the end of the archive`);
      const data = tar.subarray(dataStart, dataStart + header.size);
      cursor = dataStart + Math.ceil(header.size / 512) * 512;
      if (header.type === "x" || header.type === "L") {
        pendingName =
          header.type === "x"
            ? paxPath(data)
            : data.subarray(0, data.indexOf(0) === -1 ? data.length : data.indexOf(0));
        continue;
      }
      if (header.type === "g" || header.type === "K") continue;
      count += 1;
      if (count > limits.maxEntries) {
        sink.add(
          "IVF-AR-005",
          { file: archive },
          `archive has more than ${limits.maxEntries} entries`,
          "split the package or raise --max-entries",
        );
        content.complete = false;
        return content;
      }
      acceptEntry(pendingName ?? header.rawName, header, data, archive, sink, limits, content);
      pendingName = undefined;
    }
    if (cursor < tar.length) throw new TarFormatError("archive ends inside a header block");
  } catch (error) {
    if (!(error instanceof TarFormatError)) throw error;
    sink.add(
      "IVF-AR-001",
      { file: archive },
      `cannot read tar archive at byte ${cursor}: ${error.message}`,
      "the archive is truncated or corrupt; rebuild it",
    );
    content.complete = false;
  }
  return content;
}

function acceptEntry(
  rawName: Buffer,
  header: TarHeader,
  data: Buffer,
  archive: string,
  sink: FindingSink,
  limits: ValidationLimits,
  content: PackageContent,
): void {
  const raw = decodeName(rawName);
  if (raw === undefined) {
    sink.add(
      "IVF-AR-010",
      { file: archive },
      `entry name bytes ${rawName.toString("hex")} are not valid UTF-8`,
      "store names in UTF-8",
    );
    return;
  }
  const name = normaliseEntryName(raw, sink, archive);
  if (name === undefined) return;
  if (header.type === "5") {
    if (name !== "") content.directories.add(name);
    addImpliedDirectories(content, name);
    return;
  }
  if (header.type !== "0" && header.type !== "\0" && header.type !== "7") {
    const what =
      header.type === "2" ? "a symbolic link" : header.type === "1" ? "a hard link" : "a special file";
    sink.add("IVF-AR-003", { file: name }, `entry "${name}" is ${what}`, "store the target file itself");
    return;
  }
  if (content.files.has(name)) {
    sink.add(
      "IVF-AR-004",
      { file: name },
      `entry "${name}" appears more than once in the archive`,
      "keep exactly one entry per path",
    );
    return;
  }
  if (data.length > limits.maxEntryBytes) {
    sink.add(
      "IVF-AR-006",
      { file: name },
      `entry "${name}" is ${data.length} bytes; the per-entry limit is ${limits.maxEntryBytes}`,
      "raise the limit only for trusted packages",
    );
    content.complete = false;
    return;
  }
  content.files.set(name, data);
  addImpliedDirectories(content, name);
}
