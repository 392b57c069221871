import type { PackageContent } from "../archive/package-content.js";
import type { FindingSink } from "../findings/report.js";
import { verifyDeclaredDigest } from "./check-digests.js";
import { metaValue, metaValueLoose, type MetaEntry, type ToscaMeta } from "./tosca-meta.js";

export const toscaMetaPath = "TOSCA-Metadata/TOSCA.meta";

export interface MetaResult {
  entryDefinitions?: string;
  manifest?: string;
  certificate?: string;
}

/** SOL004 4.3.2 keys of block 0: the first two are mandatory for every consumer. */
const spellings: Record<string, string> = {
  "created-by": "Created-By",
  "entry-definitions": "Entry-Definitions",
  "tosca-meta-file-version": "TOSCA-Meta-File-Version",
  "csar-version": "CSAR-Version",
  "etsi-entry-manifest": "ETSI-Entry-Manifest",
  "etsi-entry-change-log": "ETSI-Entry-Change-Log",
  "etsi-entry-licenses": "ETSI-Entry-Licenses",
  "etsi-entry-tests": "ETSI-Entry-Tests",
  "etsi-entry-certificate": "ETSI-Entry-Certificate",
  "other-definitions": "Other-Definitions",
  "entry-manifest": "Entry-Manifest",
  "entry-change-log": "Entry-Change-Log",
  "entry-licenses": "Entry-Licenses",
  "entry-tests": "Entry-Tests",
  "entry-certificate": "Entry-Certificate",
};

export function checkToscaMeta(meta: ToscaMeta, content: PackageContent, sink: FindingSink): MetaResult {
  const file = toscaMetaPath;
  for (const bad of meta.malformed)
    sink.add(
      "IVF-CSAR-002",
      { file, line: bad.line, column: 1 },
      `line "${bad.text}" is not a "key: value" pair`,
      "write one 'Key: value' per line",
    );
  const block = meta.blocks[0];
  checkSpellings(block ?? [], sink);
  for (const key of ["TOSCA-Meta-File-Version", "CSAR-Version", "Created-By"]) {
    if (!metaValueLoose(block, key))
      sink.add(
        "IVF-CSAR-011",
        { file, line: 1, column: 1 },
        `TOSCA.meta has no "${key}" key`,
        `add "${key}: ..." to the first block`,
      );
  }
  const entry = metaValue(block, "Entry-Definitions");
  const result: MetaResult = {};
  if (!entry) {
    sink.add(
      "IVF-CSAR-003",
      { file, line: 1, column: 1 },
      `TOSCA.meta has no "Entry-Definitions" key (Tacker and tosca-parser reject the package)`,
      "add 'Entry-Definitions: Definitions/<vnfd>.yaml'",
    );
  } else if (!content.files.has(entry.value)) {
    sink.add(
      "IVF-CSAR-005",
      { file, line: entry.line, column: 1 },
      `Entry-Definitions "${entry.value}" is not in the package`,
      "point Entry-Definitions at the top-level VNFD file",
    );
  } else result.entryDefinitions = entry.value;
  result.manifest = checkEtsiEntries(block ?? [], content, sink);
  const certificate = metaValueLoose(block, "ETSI-Entry-Certificate");
  if (certificate && content.files.has(certificate.value)) result.certificate = certificate.value;
  for (const fileBlock of meta.blocks.slice(1)) checkFileBlock(fileBlock, content, sink);
  return result;
}

function checkSpellings(block: MetaEntry[], sink: FindingSink): void {
  for (const entry of block) {
    const canonical = spellings[entry.key.toLowerCase()];
    const where = { file: toscaMetaPath, line: entry.line, column: 1 };
    if (!canonical)
      sink.add(
        "IVF-CSAR-008",
        where,
        `unknown TOSCA.meta key "${entry.key}"`,
        "remove it or use a SOL004 key",
      );
    else if (canonical !== entry.key) {
      const why =
        canonical === "Entry-Definitions" ? " (Tacker and tosca-parser look for the exact spelling)" : "";
      if (why)
        sink.add(
          "IVF-CSAR-003",
          where,
          `key "${entry.key}" must be spelled "${canonical}"${why}`,
          `rename it to "${canonical}"`,
        );
      else
        sink.add(
          "IVF-CSAR-004",
          where,
          `key "${entry.key}" is spelled "${canonical}" in SOL004`,
          `rename it to "${canonical}"`,
        );
    }
  }
}

function checkEtsiEntries(
  block: MetaEntry[],
  content: PackageContent,
  sink: FindingSink,
): string | undefined {
  let manifest: string | undefined;
  for (const key of [
    "ETSI-Entry-Manifest",
    "ETSI-Entry-Change-Log",
    "ETSI-Entry-Licenses",
    "ETSI-Entry-Tests",
    "ETSI-Entry-Certificate",
  ]) {
    const entry = metaValueLoose(block, key) ?? metaValueLoose(block, key.replace("ETSI-", ""));
    const optional = key === "ETSI-Entry-Tests" || key === "ETSI-Entry-Certificate";
    if (!entry) {
      if (!optional)
        sink.add(
          "IVF-CSAR-006",
          { file: toscaMetaPath, line: 1, column: 1 },
          `TOSCA.meta does not declare "${key}"`,
          `add "${key}: <path>" (SOL004 4.3.2)`,
        );
      continue;
    }
    const path = entry.value.replace(/\/$/, "");
    const exists = content.files.has(path) || content.directories.has(path);
    if (!exists)
      sink.add(
        "IVF-CSAR-007",
        { file: toscaMetaPath, line: entry.line, column: 1 },
        `${entry.key} "${entry.value}" does not exist in the package`,
        "add the file or fix the path",
      );
    else if (key === "ETSI-Entry-Manifest") manifest = path;
  }
  return manifest;
}

/** Per-file blocks: "Name" must exist and a declared digest must match (Tacker csar_utils). */
function checkFileBlock(block: MetaEntry[], content: PackageContent, sink: FindingSink): void {
  const name = metaValue(block, "Name");
  if (!name) return;
  const data = content.files.get(name.value);
  if (!data) {
    if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(name.value))
      sink.add(
        "IVF-CSAR-013",
        { file: toscaMetaPath, line: name.line, column: 1 },
        `Name "${name.value}" is not in the package`,
        "add the file or remove the block",
      );
    return;
  }
  const algorithm = metaValue(block, "Algorithm");
  const hash = metaValue(block, "Hash");
  verifyDeclaredDigest(data, name.value, toscaMetaPath, algorithm, hash, sink);
}
