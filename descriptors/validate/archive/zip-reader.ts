import { crc32 } from "node:zlib";
import type { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";
import { decodeName, normaliseEntryName } from "./entry-names.js";
import {
  CorruptData,
  describeLimit,
  inflateRawLimited,
  LimitExceeded,
  limitRule,
  outputBudget,
} from "./inflate-limited.js";
import { addImpliedDirectories, emptyContent, type PackageContent } from "./package-content.js";
import {
  localDataOffset,
  readCentralDirectory,
  ZipFormatError,
  type CentralEntry,
} from "./zip-central-directory.js";

const S_IFMT = 0o170000;
const S_IFREG = 0o100000;
const S_IFDIR = 0o040000;
const S_IFLNK = 0o120000;

/** Reads a ZIP archive fully in memory, enforcing every limit while inflating. */
export function readZip(
  buffer: Buffer,
  archive: string,
  sink: FindingSink,
  limits: ValidationLimits,
): PackageContent {
  const content = emptyContent("zip");
  let directory;
  try {
    directory = readCentralDirectory(buffer, limits.maxEntries);
  } catch (error) {
    sink.add(
      "IVF-AR-001",
      { file: archive },
      `cannot read ZIP archive: ${(error as Error).message}`,
      "rebuild the archive",
    );
    content.complete = false;
    return content;
  }
  if (directory.declaredCount > limits.maxEntries) {
    sink.add(
      "IVF-AR-005",
      { file: archive },
      `archive declares ${directory.declaredCount} entries; the limit is ${limits.maxEntries}`,
      "split the package or raise --max-entries",
    );
    content.complete = false;
    return content;
  }
  const state = { total: 0, ranges: [] as [number, number, string][] };
  for (const entry of directory.entries) {
    if (!readEntry(buffer, entry, archive, sink, limits, content, state)) {
      content.complete = false;
      if (sink.findings.some((finding) => finding.rule === "IVF-AR-006" || finding.rule === "IVF-AR-007"))
        break;
    }
  }
  reportOverlaps(state.ranges, archive, sink, content);
  return content;
}

type ReadState = { total: number; ranges: [number, number, string][] };

function readEntry(
  buffer: Buffer,
  entry: CentralEntry,
  archive: string,
  sink: FindingSink,
  limits: ValidationLimits,
  content: PackageContent,
  state: ReadState,
): boolean {
  const raw = decodeName(entry.rawName);
  if (raw === undefined) {
    sink.add(
      "IVF-AR-010",
      { file: archive },
      `entry name bytes ${entry.rawName.toString("hex")} are not valid UTF-8`,
      "store names in UTF-8 (general purpose flag bit 11)",
    );
    return false;
  }
  const name = normaliseEntryName(raw, sink, archive);
  if (name === undefined) return false;
  const where = { file: name };
  const type = entry.madeByUnix ? (entry.externalAttributes >>> 16) & S_IFMT : 0;
  const isDirectory = raw.endsWith("/") || type === S_IFDIR;
  if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) {
    const what = type === S_IFLNK ? "a symbolic link" : "a special file";
    sink.add("IVF-AR-003", where, `entry "${name}" is ${what}`, "store the target file itself");
    return false;
  }
  if (content.files.has(name) || (isDirectory && content.files.has(name))) {
    sink.add(
      "IVF-AR-004",
      where,
      `entry "${name}" appears more than once in the archive`,
      "keep exactly one entry per path",
    );
    return false;
  }
  if (isDirectory) {
    if (name !== "") content.directories.add(name);
    addImpliedDirectories(content, name);
    return true;
  }
  if ((entry.flags & 1) !== 0 || (entry.method !== 0 && entry.method !== 8)) {
    const why = (entry.flags & 1) !== 0 ? "is encrypted" : `uses compression method ${entry.method}`;
    sink.add(
      "IVF-AR-008",
      where,
      `entry "${name}" ${why}`,
      "store entries unencrypted with deflate (8) or store (0)",
    );
    return false;
  }
  const data = inflateEntry(buffer, entry, name, sink, limits, state);
  if (!data) return false;
  content.files.set(name, data);
  addImpliedDirectories(content, name);
  return true;
}

function inflateEntry(
  buffer: Buffer,
  entry: CentralEntry,
  name: string,
  sink: FindingSink,
  limits: ValidationLimits,
  state: ReadState,
): Buffer | undefined {
  const where = { file: name };
  try {
    const start = localDataOffset(buffer, entry);
    state.ranges.push([entry.localHeaderOffset, start + entry.compressedSize, name]);
    const compressed = buffer.subarray(start, start + entry.compressedSize);
    const { budget, kind } = outputBudget(entry.compressedSize, limits.maxTotalBytes - state.total, limits);
    if (entry.uncompressedSize > budget) throw new LimitExceeded(kind, budget);
    const data = entry.method === 0 ? compressed : inflateRawLimited(compressed, budget, kind);
    if (data.length !== entry.uncompressedSize || crc32(data) >>> 0 !== entry.crc32 >>> 0) {
      sink.add(
        "IVF-AR-009",
        where,
        `entry "${name}" does not match its declared size/CRC-32 (${data.length} bytes read, ${entry.uncompressedSize} declared)`,
        "rebuild the archive; it is corrupt or was tampered with",
      );
      return undefined;
    }
    state.total += data.length;
    return data;
  } catch (error) {
    if (error instanceof LimitExceeded) {
      sink.add(
        limitRule(error.kind),
        where,
        `entry "${name}": ${describeLimit(error.kind, error.limit, limits)}`,
        "refusing to inflate further; raise the limit only for trusted packages",
      );
    } else if (error instanceof ZipFormatError || error instanceof CorruptData) {
      sink.add(
        "IVF-AR-001",
        where,
        `entry "${name}" cannot be read: ${error.message}`,
        "rebuild the archive; it is truncated or corrupt",
      );
    } else throw error;
    return undefined;
  }
}

/** Overlapping local entries are the trick of non-recursive zip bombs (D. Fifield, 2019). */
function reportOverlaps(
  ranges: [number, number, string][],
  archive: string,
  sink: FindingSink,
  content: PackageContent,
): void {
  ranges.sort((a, b) => a[0] - b[0]);
  for (let index = 1; index < ranges.length; index += 1) {
    const previous = ranges[index - 1] as [number, number, string];
    const current = ranges[index] as [number, number, string];
    if (current[0] < previous[1]) {
      sink.add(
        "IVF-AR-001",
        { file: archive },
        `entries "${previous[2]}" and "${current[2]}" overlap in the archive`,
        "overlapping entries are a zip-bomb technique; rebuild the archive",
      );
      content.complete = false;
      return;
    }
  }
}
