import type { PackageContent } from "../archive/package-content.js";
import type { FindingSink } from "../findings/report.js";
import { verifyDeclaredDigest } from "./check-digests.js";
import type { Manifest } from "./manifest.js";
import { isExternalUri } from "./package-paths.js";

/** SOL004 4.3.2 Table 4.3.2-1: metadata of a VNF package manifest. */
const vnfKeys = ["vnf_provider_id", "vnf_product_name", "vnf_release_date_time", "vnf_package_version"];
const pnfKeys = ["pnfd_provider", "pnfd_name", "pnfd_release_date_time", "pnfd_archive_version"];
/** SOL007 (NSD file archive) manifest metadata. */
const nsdKeys = [
  "nsd_designer",
  "nsd_invariant_id",
  "nsd_name",
  "nsd_release_date_time",
  "nsd_file_structure_version",
];
const rfc3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

export function checkManifest(
  manifest: Manifest,
  file: string,
  content: PackageContent,
  exempt: Set<string>,
  sink: FindingSink,
): void {
  for (const bad of manifest.malformed)
    sink.add(
      "IVF-MF-001",
      { file, line: bad.line, column: 1 },
      `line "${bad.text}" is not part of a metadata, Source or non_mano_artifact_sets block`,
      "see SOL004 4.3.2 for the manifest layout",
    );
  checkMetadata(manifest, file, sink);
  const listed = new Set<string>();
  for (const entry of manifest.sources) {
    const where = { file, line: entry.line, column: 1 };
    if (isExternalUri(entry.source)) {
      sink.add("IVF-MF-011", where, `Source "${entry.source}" is external; its digest is not verified here`);
      continue;
    }
    listed.add(entry.source);
    const data = content.files.get(entry.source);
    if (!data) {
      sink.add(
        "IVF-MF-005",
        where,
        `Source "${entry.source}" is not in the package`,
        "add the file or remove its manifest entry",
      );
      continue;
    }
    if (!entry.hash)
      sink.add(
        "IVF-MF-008",
        where,
        `Source "${entry.source}" has no Algorithm/Hash`,
        "add 'Algorithm: SHA-256' and 'Hash: <hex>' lines",
      );
    verifyDeclaredDigest(data, entry.source, file, entry.algorithm, entry.hash, sink);
  }
  for (const path of content.files.keys()) {
    if (path === file || exempt.has(path) || listed.has(path)) continue;
    sink.add(
      "IVF-MF-004",
      { file },
      `package file "${path}" is not listed in the manifest`,
      `add a "Source: ${path}" block with its digest`,
    );
  }
  for (const [set, sources] of manifest.nonMano) {
    for (const source of sources) {
      if (!content.files.has(source.source) && !isExternalUri(source.source)) {
        sink.add(
          "IVF-MF-009",
          { file, line: source.line, column: 1 },
          `non_mano_artifact_sets "${set}" lists "${source.source}", which is not in the package`,
          "add the file or remove the entry",
        );
      }
    }
  }
}

function checkMetadata(manifest: Manifest, file: string, sink: FindingSink): void {
  const isPnf = pnfKeys.some((key) => manifest.metadata.has(key));
  const isNsd = nsdKeys.some((key) => manifest.metadata.has(key));
  const typo = manifest.metadata.get("vnf_release_data_time");
  if (typo)
    sink.add(
      "IVF-MF-010",
      { file, line: typo.line, column: 1 },
      `"vnf_release_data_time" is the ONAP VNF SDK typo of "vnf_release_date_time"`,
      "use vnf_release_date_time (SOL004); ONAP's SDK reports it as ignored either way",
    );
  for (const key of isNsd ? nsdKeys : isPnf ? pnfKeys : vnfKeys) {
    if (!manifest.metadata.has(key))
      sink.add(
        "IVF-MF-002",
        { file, line: 1, column: 1 },
        `manifest metadata has no "${key}"`,
        `add "${key}: <value>" under metadata:`,
      );
  }
  const released = manifest.metadata.get(
    isNsd ? "nsd_release_date_time" : isPnf ? "pnfd_release_date_time" : "vnf_release_date_time",
  );
  if (released && !rfc3339.test(released.value)) {
    sink.add(
      "IVF-MF-003",
      { file, line: released.line, column: 1 },
      `release date "${released.value}" is not an RFC 3339 date-time`,
      "write it like 2024-05-01T12:00:00+00:00",
    );
  }
}
