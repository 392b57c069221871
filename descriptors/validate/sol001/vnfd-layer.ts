import type { PackageContent } from "../archive/package-content.js";
import { FindingSink } from "../findings/report.js";
import type { ValidationLimits } from "../limits.js";
import { locate, type LoadedDocument } from "../yaml/load-document.js";
import { checkScaling } from "./check-scaling.js";
import { checkTopology } from "./check-topology.js";
import { loadServiceTemplate, type TypeSources } from "./load-types.js";
import { primitiveTypes, typeKinds, type TypeRegistry } from "./type-registry.js";
import type { CheckContext } from "./value-check.js";

type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record_) : undefined;

/** Versions Tacker/tosca-parser (1_0-1_2) and SOL001 v3+ (1_3) use. */
const toscaVersions = new Set([
  "tosca_simple_yaml_1_0",
  "tosca_simple_yaml_1_1",
  "tosca_simple_yaml_1_2",
  "tosca_simple_yaml_1_3",
]);

/** The SOL001 layer: the entry VNFD and everything it imports, against the official types. */
export function checkVnfd(
  entry: string,
  content: PackageContent,
  sources: TypeSources,
  sink: FindingSink,
  limits: ValidationLimits,
): void {
  const template = loadServiceTemplate(entry, content, sources, sink, limits);
  if (!template) return;
  const own = template.documents.filter((document) => content.files.has(document.file));
  if (own[0]) checkDefinitionsVersion(own[0], sink);
  for (const document of own.slice(1)) checkDefinitionsVersionPresent(document, sink);
  if (template.missingOfficial.length > 0) {
    // Without ETSI's definitions every type check would fail for the validator's want, not
    // the package's: say so once and check only what does not need them.
    sink.add(
      "IVF-TOSCA-019",
      { file: entry },
      `official SOL001 type files not available in the types folder ${sources.typesDir}: ` +
        `${template.missingOfficial.join(", ")}; type, topology and scaling checks were skipped`,
      "put etsi_nfv_sol001_{common,vnfd}_types.yaml (with v2.6.1/ and v3.3.1/) in the types folder " +
        "(--types-dir, IVF_SOL001_TYPES_DIR or ../shared/reference/etsi-nfv/sol001) for the full check",
    );
    return;
  }
  let flavours: string[] = [];
  let vnfNodes = 0;
  for (const document of own) {
    checkDeclaredTypes(document, template.registry, sink);
    const topology = asRecord(asRecord(document.data)?.topology_template);
    if (!topology) continue;
    const inputs = new Set(Object.keys(asRecord(topology.inputs) ?? {}));
    const context: CheckContext = { registry: template.registry, sink, document, inputs };
    checkTopology(
      context,
      topology,
      content.container === "file" ? new Set() : new Set(content.files.keys()),
    );
    checkScaling(context, topology);
    ({ vnfNodes, flavours } = collectVnf(context, topology, vnfNodes, flavours));
  }
  const root = template.documents[0] as LoadedDocument;
  if (vnfNodes === 0) {
    sink.add(
      "IVF-TOSCA-012",
      { file: entry },
      "no node template or substitution_mappings uses a type derived from tosca.nodes.nfv.VNF",
      "add the VNF node template (SOL001 6.8.1)",
    );
  } else if (flavours.length === 0) {
    sink.add(
      "IVF-TOSCA-012",
      locate(root, ["topology_template"]),
      "no flavour_id found: neither substitution_mappings.properties.flavour_id (Tacker v2) nor a literal VNF flavour_id",
      "set substitution_mappings.properties.flavour_id in each deployment flavour",
    );
  }
}

/** Imported files need a supported version too; the 1_3 compatibility note is given once, for the entry. */
function checkDefinitionsVersionPresent(document: LoadedDocument, sink: FindingSink): void {
  const version = asRecord(document.data)?.tosca_definitions_version;
  if (typeof version !== "string" || !toscaVersions.has(version)) checkDefinitionsVersion(document, sink);
}

function checkDefinitionsVersion(document: LoadedDocument, sink: FindingSink): void {
  const version = asRecord(document.data)?.tosca_definitions_version;
  if (typeof version !== "string" || !toscaVersions.has(version)) {
    sink.add(
      "IVF-TOSCA-001",
      locate(document, ["tosca_definitions_version"]),
      `tosca_definitions_version is ${JSON.stringify(version ?? null)}`,
      "use tosca_simple_yaml_1_2 (SOL001 v2.6.1) or tosca_simple_yaml_1_3 (v3.3.1+)",
    );
  } else if (version === "tosca_simple_yaml_1_3") {
    sink.add(
      "IVF-TOSCA-016",
      locate(document, ["tosca_definitions_version"]),
      "tosca_simple_yaml_1_3: ONAP VNF SDK and Debian's tosca-parser 2.6 accept only 1_0 - 1_2",
    );
  }
}

/** TOSCA normative root types: the chains of every type end at one of them. */
const normativeRoot = /^tosca\.[a-z]+\.Root$/;

/** Declared-type checks depend only on the document and the registry: replay them from the memo. */
function checkDeclaredTypes(document: LoadedDocument, registry: TypeRegistry, sink: FindingSink): void {
  const key = `declared\0${document.file}`;
  let findings = registry.memo.get(key) as FindingSink["findings"] | undefined;
  if (!findings) {
    const local = new FindingSink();
    collectDeclaredTypeFindings(document, registry, local);
    findings = local.findings;
    registry.memo.set(key, findings);
  }
  sink.findings.push(...findings);
}

/** Types the package declares itself must derive from defined types, and use defined property types. */
function collectDeclaredTypeFindings(
  document: LoadedDocument,
  registry: TypeRegistry,
  sink: FindingSink,
): void {
  for (const kind of typeKinds) {
    const section = asRecord(asRecord(document.data)?.[`${kind}_types`]);
    for (const [name, raw] of Object.entries(section ?? {})) {
      const parent = asRecord(raw)?.derived_from;
      const path = [`${kind}_types`, name, "derived_from"];
      const parentKnown =
        typeof parent !== "string" ||
        registry.get(kind, parent) ||
        normativeRoot.test(parent) ||
        (kind === "data" && primitiveTypes.has(parent));
      if (!parentKnown)
        sink.add(
          "IVF-TOSCA-004",
          locate(document, path),
          `${kind} type "${name}" derives from "${String(parent)}", which is not defined`,
          "import the definitions file of the parent type",
        );
      else if (typeof parent === "string" && registry.chain(kind, name).length > 64)
        sink.add(
          "IVF-TOSCA-004",
          locate(document, path),
          `${kind} type "${name}" has a cyclic derived_from chain`,
          "break the cycle",
        );
      for (const [property, definition] of Object.entries(asRecord(asRecord(raw)?.properties) ?? {})) {
        const type = asRecord(definition)?.type;
        if (typeof type === "string" && !primitiveTypes.has(type) && !registry.get("data", type)) {
          sink.add(
            "IVF-TOSCA-003",
            locate(document, [`${kind}_types`, name, "properties", property, "type"]),
            `property "${property}" of ${name} has type "${type}", which is not defined`,
            "import the data type definition",
          );
        }
      }
    }
  }
}

function collectVnf(
  context: CheckContext,
  topology: Record_,
  vnfNodes: number,
  flavours: string[],
): { vnfNodes: number; flavours: string[] } {
  const isVnf = (type: unknown): boolean =>
    typeof type === "string" && context.registry.derivesFrom("node", type, "tosca.nodes.nfv.VNF");
  const mappings = asRecord(topology.substitution_mappings);
  const next = [...flavours];
  let count = vnfNodes;
  if (mappings && isVnf(mappings.node_type)) {
    count += 1;
    const flavour = asRecord(mappings.properties)?.flavour_id;
    if (typeof flavour === "string") next.push(flavour);
  }
  for (const raw of Object.values(asRecord(topology.node_templates) ?? {})) {
    if (!isVnf(asRecord(raw)?.type)) continue;
    count += 1;
    const flavour = asRecord(asRecord(raw)?.properties)?.flavour_id;
    if (typeof flavour === "string") next.push(flavour);
  }
  return { vnfNodes: count, flavours: next };
}
