/**
 * FNV-1a, 32 bits, over the UTF-16 code units of a string: a fixed hash (no seed, no dependency)
 * so that every process, host and release places the same key in the same bucket. Used for the
 * telemetry partition of a device and for the embedded store's shard of a document: both hash
 * `<tenant>/<deviceId>`, so a partition's records land in shards no other partition writes
 * (docs/design/store.md "Shards").
 */
export function fnv1a32(key: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < key.length; index++) {
    hash ^= key.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
