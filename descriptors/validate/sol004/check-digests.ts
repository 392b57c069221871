import type { FindingSink } from "../findings/report.js";
import { cryptoAlgorithm, digestHex, supportedAlgorithms } from "./digest.js";

interface Declared {
  value: string;
  line: number;
}

/** Checks one declared digest; returns true when it was present and matched. */
export function verifyDeclaredDigest(
  data: Buffer,
  path: string,
  declaredIn: string,
  algorithm: Declared | undefined,
  hash: Declared | undefined,
  sink: FindingSink,
): boolean {
  if (!hash) return false;
  if (!algorithm) {
    sink.add(
      "IVF-MF-007",
      { file: declaredIn, line: hash.line, column: 1 },
      `Hash for "${path}" has no Algorithm`,
      "add 'Algorithm: SHA-256' before the Hash",
    );
    return false;
  }
  const name = cryptoAlgorithm(algorithm.value);
  if (!name) {
    sink.add(
      "IVF-MF-007",
      { file: declaredIn, line: algorithm.line, column: 1 },
      `Algorithm "${algorithm.value}" for "${path}" is not supported`,
      `use one of ${supportedAlgorithms}`,
    );
    return false;
  }
  const actual = digestHex(data, name);
  if (actual !== hash.value.trim().toLowerCase()) {
    sink.add(
      "IVF-MF-006",
      { file: declaredIn, line: hash.line, column: 1 },
      `${algorithm.value} digest of "${path}" is ${actual}, but ${declaredIn} declares ${hash.value}`,
      "regenerate the digest after the last change to the file",
    );
    return false;
  }
  return true;
}
