import { createHash } from "node:crypto";

/** SOL004 4.3.3 names digest algorithms like "SHA-256"; map them to node:crypto names. */
const algorithms: Record<string, string> = {
  "sha-224": "sha224",
  "sha-256": "sha256",
  "sha-384": "sha384",
  "sha-512": "sha512",
  "sha3-256": "sha3-256",
  "sha3-384": "sha3-384",
  "sha3-512": "sha3-512",
};

export function cryptoAlgorithm(name: string): string | undefined {
  const key = name
    .trim()
    .toLowerCase()
    .replace(/^sha(\d)/, "sha-$1")
    .replace(/^sha-3-/, "sha3-");
  return algorithms[key];
}

export const supportedAlgorithms = "SHA-256, SHA-384, SHA-512 (and SHA-224, SHA3-256/384/512)";

const cache = new WeakMap<Buffer, Map<string, string>>();

/** Hex digest, memoised per buffer: manifest and TOSCA.meta blocks may list the same file. */
export function digestHex(data: Buffer, algorithm: string): string {
  let perBuffer = cache.get(data);
  if (!perBuffer) {
    perBuffer = new Map();
    cache.set(data, perBuffer);
  }
  let value = perBuffer.get(algorithm);
  if (!value) {
    value = createHash(algorithm).update(data).digest("hex");
    perBuffer.set(algorithm, value);
  }
  return value;
}
