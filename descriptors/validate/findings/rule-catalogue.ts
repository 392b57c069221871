import type { Severity } from "./severity.js";

/**
 * Every rule the validator reports, in one place (STYLE.md §3): a stable id, its default
 * severity, the clause it comes from and, where the check matches one, the ONAP VNF SDK rule
 * (notes/onap-tacker.md §B). Severity follows one principle: "error" when a real consumer
 * (Tacker's package loader, ONAP SO, OSM NBI) rejects the package, "warning" when only the
 * letter of SOL004/SOL001/SOL006 is missed, "info" for facts worth knowing.
 */
export interface RuleDefinition {
  readonly id: string;
  readonly severity: Severity;
  readonly clause: string;
  readonly title: string;
  readonly onap?: string;
}

const rules = [
  // Input and archive safety
  ["IVF-IN-001", "error", "input", "input cannot be read or its kind is not recognised"],
  ["IVF-IN-002", "error", "input", "file content is not valid UTF-8"],
  ["IVF-AR-001", "error", "APPNOTE 6.3.10 / POSIX ustar", "archive is truncated or corrupt"],
  ["IVF-AR-002", "error", "CWE-22 (zip-slip)", "entry path is absolute or escapes the package root"],
  [
    "IVF-AR-003",
    "error",
    "SOL004 4.1 (no links in a CSAR)",
    "entry is a symbolic link, hard link or special file",
  ],
  ["IVF-AR-004", "error", "APPNOTE 4.3.2", "entry name appears more than once"],
  ["IVF-AR-005", "error", "resource limit", "too many entries"],
  ["IVF-AR-006", "error", "resource limit", "uncompressed size exceeds the limit"],
  ["IVF-AR-007", "error", "resource limit", "compression ratio exceeds the limit (zip bomb)"],
  [
    "IVF-AR-008",
    "error",
    "APPNOTE 4.4.4/4.4.5",
    "entry is encrypted or uses an unsupported compression method",
  ],
  ["IVF-AR-009", "error", "APPNOTE 4.4.7", "CRC-32 or declared size does not match the data"],
  ["IVF-AR-010", "error", "APPNOTE 4.4.17", "entry name is not valid UTF-8 or contains control characters"],
  ["IVF-YAML-001", "error", "YAML 1.2 §5-9", "YAML or JSON syntax error"],
  ["IVF-YAML-002", "error", "resource limit", "YAML aliases expand beyond the node budget (alias bomb)"],
  ["IVF-YAML-003", "error", "resource limit", "document nesting is deeper than the limit"],
  // SOL004 structure
  ["IVF-CSAR-001", "error", "SOL004 4.2 / TOSCA CSAR", "package layout not recognised as a CSAR", "r87234"],
  ["IVF-CSAR-002", "error", "SOL004 4.3.2 / TOSCA-Meta", "TOSCA.meta is malformed"],
  ["IVF-CSAR-003", "error", "SOL004 4.3.2", "TOSCA.meta lacks a mandatory key", "r10087"],
  ["IVF-CSAR-004", "warning", "SOL004 4.3.2", "TOSCA.meta key spelled differently from SOL004"],
  ["IVF-CSAR-005", "error", "SOL004 4.3.2", "Entry-Definitions file is missing", "r77707"],
  [
    "IVF-CSAR-006",
    "warning",
    "SOL004 4.3.2",
    "SOL004 entry (manifest, change log, licences) not declared",
    "r293901",
  ],
  ["IVF-CSAR-007", "error", "SOL004 4.3.2", "a declared ETSI entry does not exist in the package"],
  ["IVF-CSAR-008", "warning", "TOSCA-Meta", "unknown TOSCA.meta key (ignored by consumers)"],
  ["IVF-CSAR-009", "error", "SOL004 4.3.3", "CSAR without TOSCA-Metadata is ambiguous (root YAML/manifest)"],
  [
    "IVF-CSAR-010",
    "error",
    "SOL004 5.1 (option 2)",
    "option 2 outer archive does not hold exactly one .csar with its .cms",
    "r787965",
  ],
  [
    "IVF-CSAR-011",
    "warning",
    "SOL004 4.3.2 / TOSCA-Meta",
    "TOSCA.meta lacks a mandatory key that consumers do not require",
  ],
  [
    "IVF-CSAR-012",
    "warning",
    "SOL004 4.3.3 (Tacker v2 requires TOSCA-Metadata)",
    "CSAR without TOSCA-Metadata directory",
  ],
  ["IVF-CSAR-013", "error", "TOSCA-Meta per-file block", "TOSCA.meta Name block refers to a missing file"],
  // SOL004 manifest and digests
  ["IVF-MF-001", "error", "SOL004 4.3.2", "manifest file is malformed"],
  [
    "IVF-MF-002",
    "warning",
    "SOL004 4.3.2 Table 4.3.2-1",
    "manifest metadata lacks a VNF package key",
    "r01123",
  ],
  ["IVF-MF-003", "warning", "SOL004 4.3.2", "manifest metadata value has the wrong format"],
  ["IVF-MF-004", "warning", "SOL004 4.3.3", "package file is not listed in the manifest", "r01123"],
  ["IVF-MF-005", "error", "SOL004 4.3.3", "manifest Source refers to a missing file", "r01123"],
  ["IVF-MF-006", "error", "SOL004 4.3.3 / 5.1", "digest does not match the file content", "r130206"],
  ["IVF-MF-007", "error", "SOL004 4.3.3", "Hash without Algorithm, or unsupported algorithm", "r130206"],
  ["IVF-MF-008", "warning", "SOL004 4.3.3", "manifest entry has no digest"],
  ["IVF-MF-009", "error", "SOL004 4.3.7", "non_mano_artifact_sets refers to a missing file", "r130206"],
  [
    "IVF-MF-010",
    "warning",
    "SOL004 4.3.2",
    "manifest metadata key misspelled (ONAP typo vnf_release_data_time)",
  ],
  ["IVF-MF-011", "info", "SOL004 4.3.3", "manifest Source is an external URI; digest not verified"],
  // Signatures
  ["IVF-SIG-001", "error", "SOL004 5.3 / 5.4", "CMS signature does not verify", "r130206"],
  ["IVF-SIG-002", "warning", "SOL004 5.3", "signature present but no signer certificate found", "r130206"],
  ["IVF-SIG-003", "info", "SOL004 5.1", "package is not signed", "r130206"],
  [
    "IVF-SIG-004",
    "info",
    "SOL004 5.3",
    "signature verified; signer certificate chain not checked against a trust anchor",
  ],
  ["IVF-SIG-005", "warning", "SOL004 5.3", "openssl not available; signature not verified"],
  // SOL001 VNFD
  [
    "IVF-TOSCA-001",
    "error",
    "TOSCA-Simple-Profile-YAML 3.1",
    "tosca_definitions_version missing or unsupported",
    "r35854",
  ],
  ["IVF-TOSCA-002", "error", "TOSCA-Simple-Profile-YAML 3.9.3.1 (imports)", "import cannot be resolved"],
  ["IVF-TOSCA-003", "error", "SOL001 6 / TOSCA 3.7", "type is not defined"],
  ["IVF-TOSCA-004", "error", "TOSCA 3.7 (derived_from)", "derived_from chain is broken or cyclic"],
  ["IVF-TOSCA-005", "error", "TOSCA 3.6.10 / SOL001 type definition", "required property is missing"],
  ["IVF-TOSCA-006", "error", "TOSCA 3.6.10", "property is not defined by the type"],
  ["IVF-TOSCA-007", "error", "TOSCA 3.3 / 3.6.6", "property value does not match its type or constraints"],
  [
    "IVF-TOSCA-008",
    "error",
    "TOSCA 3.8.3 (requirements)",
    "requirement target does not resolve to a node template",
  ],
  ["IVF-TOSCA-009", "error", "TOSCA 3.8.6 (policies)", "policy target does not exist"],
  ["IVF-TOSCA-010", "error", "TOSCA 4.4 (get_input)", "get_input refers to an undeclared input"],
  ["IVF-TOSCA-011", "error", "TOSCA 3.5.6 / SOL004 4.3.6", "artifact file is not in the package"],
  [
    "IVF-TOSCA-012",
    "error",
    "SOL001 6.8.1 (VNF node)",
    "VNF node template or substitution mapping missing or wrong",
  ],
  ["IVF-TOSCA-013", "error", "TOSCA 3.8", "template section has the wrong shape"],
  ["IVF-TOSCA-014", "error", "TOSCA 3.8.3", "requirement is not defined by the node type"],
  [
    "IVF-TOSCA-015",
    "warning",
    "SOL001 6.x (type names)",
    "pre-SOL001 v2.5 type name (ONAP VNF SDK era)",
    "r09467",
  ],
  [
    "IVF-TOSCA-016",
    "info",
    "ONAP VNF SDK r51347",
    "tosca_simple_yaml_1_3 is rejected by ONAP VNF SDK and Debian tosca-parser 2.6",
    "r51347",
  ],
  ["IVF-TOSCA-017", "error", "TOSCA 3.6.10", "capability is not defined by the node type"],
  [
    "IVF-TOSCA-018",
    "error",
    "TOSCA 3.8.13 substitution_mappings (tosca-parser, Tacker v1)",
    "substituting topology lacks inputs for the node type's properties",
  ],
  [
    "IVF-TOSCA-019",
    "warning",
    "SOL004 4.1 (self-contained package) / SOL001 official type files",
    "official SOL001 type files imported by URL are not available: checks against them skipped",
  ],
  // SOL001 scaling consistency
  [
    "IVF-SCALE-001",
    "error",
    "SOL001 6.10.6 ScalingAspects",
    "aspect, delta or level reference does not exist",
  ],
  ["IVF-SCALE-002", "error", "SOL001 6.10.5 / IFA011 7.1.8.3", "instances outside vdu_profile min/max"],
  ["IVF-SCALE-003", "error", "SOL001 6.10.6", "scale level outside 0..max_scale_level"],
  ["IVF-SCALE-004", "error", "SOL001 6.10.8 InstantiationLevels", "default_level is not a declared level"],
  ["IVF-SCALE-005", "warning", "SOL001 6.10.7 (Tacker: uniform deltas only)", "non-uniform step deltas"],
  [
    "IVF-SCALE-006",
    "warning",
    "SOL001 6.10.9 VduInstantiationLevels",
    "level instance count disagrees with initial delta plus scale-level deltas",
  ],
  // SOL006 YANG
  ["IVF-YANG-001", "error", "SOL006 / RFC 7950 7.6.5", "mandatory leaf is missing"],
  ["IVF-YANG-002", "error", "SOL006 / RFC 7950 9", "value does not match the leaf type"],
  ["IVF-YANG-003", "error", "RFC 7950 7.8.2 (key)", "list entry key is missing or duplicated"],
  [
    "IVF-YANG-004",
    "warning",
    "RFC 7950 9.9 (leafref; pyangbind does not check instances)",
    "leafref does not resolve",
  ],
  ["IVF-YANG-005", "error", "RFC 7950 9.6 / 9.10", "value is not an allowed enum or identity"],
  ["IVF-YANG-006", "error", "RFC 7950 7 (unknown node)", "node is not defined by the YANG model"],
  [
    "IVF-YANG-007",
    "warning",
    "RFC 7950 7.7.5 (min-elements)",
    "fewer list entries than min-elements (OSM accepts)",
  ],
  ["IVF-YANG-008", "error", "RFC 7950 7.9 (choice)", "more than one case of a choice is present"],
  ["IVF-YANG-009", "error", "YANG model", "YANG module cannot be parsed or compiled"],
  [
    "IVF-YANG-010",
    "warning",
    "SOL006 mandatory (OSM NBI does not enforce)",
    "SOL006-mandatory leaf missing (OSM accepts)",
  ],
  ["IVF-YANG-011", "error", "RFC 7950 7.7.5 (max-elements)", "more list entries than max-elements"],
  [
    "IVF-YANG-012",
    "warning",
    "RFC 7950 9.3.4 (fraction-digits; OSM rounds)",
    "decimal64 value has more fraction digits than the type allows",
  ],
  // OSM NBI and package layout
  ["IVF-OSM-001", "error", "OSM NBI VnfdTopic._validate_input_new", "NBI cross-reference check fails"],
  ["IVF-OSM-002", "error", "OSM NBI DescriptorTopic.upload_content", "package layout rejected by NBI"],
  ["IVF-OSM-003", "error", "OSM NBI (identifier uniqueness)", "identifier is not unique"],
  ["IVF-OSM-004", "warning", "osmclient package-build", "checksums.txt missing or its md5 does not match"],
  ["IVF-OSM-005", "error", "OSM NBI descriptor format", "descriptor is not SOL006 (legacy vnfd-catalog)"],
  ["IVF-OSM-006", "warning", "OSM LCM / NG-SA", "OSM autoscaling convention not followed"],
] as const satisfies readonly (readonly [string, Severity, string, string, string?])[];

export type RuleId = (typeof rules)[number][0];

export const ruleCatalogue: ReadonlyMap<RuleId, RuleDefinition> = new Map(
  rules.map((row) => {
    const [id, severity, clause, title, onap] = row as readonly [RuleId, Severity, string, string, string?];
    return [id, { id, severity, clause, title, ...(onap ? { onap } : {}) }];
  }),
);

export function ruleDefinition(id: RuleId): RuleDefinition {
  const rule = ruleCatalogue.get(id);
  if (!rule) throw new Error(`unknown rule ${id}`);
  return rule;
}
