import { readFile, stat } from "node:fs/promises";
import { readDirectory } from "../archive/directory-reader.js";
import type { PackageContent } from "../archive/package-content.js";
import type { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";

/** The input could not be read at all (missing, unreadable, too large): a usage/IO error. */
export class ValidationInputError extends Error {}

export type RawInput = { bytes: Buffer } | { directory: PackageContent };

export async function readInput(
  input: string | Buffer,
  sink: FindingSink,
  limits: ValidationLimits,
): Promise<RawInput> {
  if (Buffer.isBuffer(input)) {
    if (input.length > limits.maxInputBytes)
      throw new ValidationInputError(`input is ${input.length} bytes; the limit is ${limits.maxInputBytes}`);
    return { bytes: input };
  }
  let info;
  try {
    info = await stat(input);
  } catch (error) {
    throw new ValidationInputError(
      `cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  if (info.isDirectory()) return { directory: await readDirectory(input, sink, limits) };
  if (!info.isFile()) throw new ValidationInputError(`${input} is neither a file nor a directory`);
  if (info.size > limits.maxInputBytes)
    throw new ValidationInputError(
      `${input} is ${info.size} bytes; the limit is ${limits.maxInputBytes} (--max-input-bytes)`,
    );
  try {
    return { bytes: await readFile(input) };
  } catch (error) {
    throw new ValidationInputError(
      `cannot read ${input}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
}
