/**
 * Resource limits applied while reading untrusted input. They are enforced during inflation
 * (zlib `maxOutputLength`), so a zip bomb is stopped before it is expanded, and while walking
 * YAML (node budget and depth), so an alias bomb cannot make the validator hang.
 */
export interface ValidationLimits {
  /** Largest input file read from disk, bytes. */
  maxInputBytes: number;
  /** Largest number of archive entries (files + directories). */
  maxEntries: number;
  /** Largest single uncompressed entry, bytes. */
  maxEntryBytes: number;
  /** Largest total uncompressed size of all entries, bytes. */
  maxTotalBytes: number;
  /** Largest uncompressed/compressed ratio for one entry (applies above `ratioFloorBytes`). */
  maxCompressionRatio: number;
  /** Entries smaller than this are never flagged for their ratio (tiny text compresses well). */
  ratioFloorBytes: number;
  /** Largest YAML/JSON document parsed, bytes. */
  maxDocumentBytes: number;
  /** Largest number of nodes visited in one document, counting alias expansions. */
  maxYamlNodes: number;
  /** Deepest nesting of mappings/sequences in one document. */
  maxDepth: number;
}

export const defaultLimits: ValidationLimits = {
  maxInputBytes: 1024 * 1024 * 1024,
  maxEntries: 10_000,
  maxEntryBytes: 512 * 1024 * 1024,
  maxTotalBytes: 1024 * 1024 * 1024,
  maxCompressionRatio: 200,
  ratioFloorBytes: 1024 * 1024,
  maxDocumentBytes: 16 * 1024 * 1024,
  maxYamlNodes: 1_000_000,
  maxDepth: 100,
};
