import { gunzipSync, inflateRawSync } from "node:zlib";
import type { ValidationLimits } from "../limits.js";

export type LimitKind = "entry-size" | "total-size" | "ratio";

export class LimitExceeded extends Error {
  constructor(
    readonly kind: LimitKind,
    readonly limit: number,
  ) {
    super(`${kind} limit ${limit} exceeded`);
  }
}

export class CorruptData extends Error {}

/** The byte budget an entry may inflate to, and which limit sets it. */
export function outputBudget(
  compressedSize: number,
  remainingTotal: number,
  limits: ValidationLimits,
): { budget: number; kind: LimitKind } {
  const byRatio = Math.max(limits.ratioFloorBytes, compressedSize * limits.maxCompressionRatio);
  const candidates: [number, LimitKind][] = [
    [limits.maxEntryBytes, "entry-size"],
    [remainingTotal, "total-size"],
    [byRatio, "ratio"],
  ];
  candidates.sort((a, b) => a[0] - b[0]);
  const [budget, kind] = candidates[0] as [number, LimitKind];
  return { budget, kind };
}

/**
 * Inflates with zlib's `maxOutputLength`, so output beyond the budget is never allocated: a bomb
 * stops at `budget + 1` bytes, whatever the archive claims about its sizes.
 */
function limited(run: (max: number) => Buffer, budget: number, kind: LimitKind): Buffer {
  try {
    const output = run(budget + 1);
    if (output.length > budget) throw new LimitExceeded(kind, budget);
    return output;
  } catch (error) {
    if (error instanceof LimitExceeded) throw error;
    const code = (error as { code?: string }).code;
    if (code === "ERR_BUFFER_TOO_LARGE" || error instanceof RangeError) throw new LimitExceeded(kind, budget);
    throw new CorruptData((error as Error).message);
  }
}

export function inflateRawLimited(data: Buffer, budget: number, kind: LimitKind): Buffer {
  return limited((max) => inflateRawSync(data, { maxOutputLength: Math.max(1, max) }), budget, kind);
}

export function gunzipLimited(data: Buffer, budget: number, kind: LimitKind): Buffer {
  return limited((max) => gunzipSync(data, { maxOutputLength: Math.max(1, max) }), budget, kind);
}

export function describeLimit(kind: LimitKind, budget: number, limits: ValidationLimits): string {
  if (kind === "ratio")
    return `compression ratio above ${limits.maxCompressionRatio}:1 (stopped at ${budget} bytes)`;
  if (kind === "entry-size") return `uncompressed size above the per-entry limit of ${budget} bytes`;
  return `total uncompressed size above the limit of ${limits.maxTotalBytes} bytes`;
}

export function limitRule(kind: LimitKind): "IVF-AR-006" | "IVF-AR-007" {
  return kind === "ratio" ? "IVF-AR-007" : "IVF-AR-006";
}
