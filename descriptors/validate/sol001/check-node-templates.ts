import { resolveInPackage, isExternalUri } from "../sol004/package-paths.js";
import { locate } from "../yaml/load-document.js";
import { legacyTypeNames } from "./legacy-type-names.js";
import type { TypeKind } from "./type-registry.js";
import { checkProperties, checkValue, type CheckContext } from "./value-check.js";

type Path = (string | number)[];
type Record_ = Record<string, unknown>;

const asRecord = (value: unknown): Record_ | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record_) : undefined;

/** Reports an undefined type (with the SOL001 v2.5+ name when it is a legacy one); true when known. */
export function knownType(
  context: CheckContext,
  kind: TypeKind,
  type: unknown,
  path: Path,
  owner: string,
): type is string {
  if (typeof type !== "string") {
    context.sink.add(
      "IVF-TOSCA-013",
      locate(context.document, path),
      `${owner} has no "type"`,
      "add the type name",
    );
    return false;
  }
  if (context.registry.get(kind, type)) {
    checkChain(context, kind, type, path);
    return true;
  }
  const modern = legacyTypeNames[type];
  if (modern) {
    context.sink.add(
      "IVF-TOSCA-015",
      locate(context.document, path),
      `${owner} uses pre-SOL001 v2.5.1 type name "${type}"`,
      `SOL001 v2.5.1+ calls it "${modern}"`,
    );
  }
  context.sink.add(
    "IVF-TOSCA-003",
    locate(context.document, path),
    `${owner} has type "${type}", which no imported definitions file declares`,
    modern
      ? `rename to "${modern}"`
      : "import the file that defines it (e.g. Definitions/etsi_nfv_sol001_vnfd_types.yaml)",
  );
  return false;
}

function checkChain(context: CheckContext, kind: TypeKind, type: string, path: Path): void {
  const chain = context.registry.chain(kind, type);
  const last = chain[chain.length - 1];
  const parent = last?.definition.derived_from;
  if (typeof parent === "string" && !context.registry.get(kind, parent) && !parent.startsWith("tosca.")) {
    context.sink.add(
      "IVF-TOSCA-004",
      locate(context.document, path),
      `type "${last?.name}" derives from "${parent}", which is not defined`,
      "import the definitions of the parent type",
    );
  }
}

/** TOSCA 3.8.3 node templates: type, properties, capabilities, requirements and artifacts. */
export function checkNodeTemplates(
  context: CheckContext,
  nodes: Record_,
  base: Path,
  packageFiles: ReadonlySet<string>,
): void {
  for (const [name, raw] of Object.entries(nodes)) {
    const path = [...base, name];
    const node = asRecord(raw);
    if (!node) {
      context.sink.add(
        "IVF-TOSCA-013",
        locate(context.document, path),
        `node template "${name}" is not a map`,
        "give it at least a type",
      );
      continue;
    }
    if (!knownType(context, "node", node.type, [...path, "type"], `node template "${name}"`)) continue;
    const type = node.type as string;
    const properties = asRecord(node.properties) ?? {};
    checkProperties(
      context,
      properties,
      context.registry.merged("node", type, "properties"),
      [...path, "properties"],
      `node template "${name}"`,
    );
    checkCapabilities(context, node, type, path, name);
    checkRequirements(context, node, type, path, name, nodes);
    checkArtifacts(context, node, path, name, packageFiles);
  }
}

function checkCapabilities(
  context: CheckContext,
  node: Record_,
  type: string,
  path: Path,
  name: string,
): void {
  const capabilities = asRecord(node.capabilities);
  if (!capabilities) return;
  const definitions = context.registry.merged("node", type, "capabilities");
  for (const [capability, raw] of Object.entries(capabilities)) {
    const definition = definitions.get(capability);
    const where = [...path, "capabilities", capability];
    if (!definition) {
      context.sink.add(
        "IVF-TOSCA-017",
        locate(context.document, where),
        `node template "${name}" has no capability "${capability}" in type ${type}`,
        `defined capabilities: ${[...definitions.keys()].join(", ") || "none"}`,
      );
      continue;
    }
    const capabilityType = definition.type;
    const values = asRecord(asRecord(raw)?.properties);
    if (typeof capabilityType !== "string" || !context.registry.get("capability", capabilityType)) continue;
    const propertyDefinitions = context.registry.merged("capability", capabilityType, "properties");
    checkProperties(
      context,
      values ?? {},
      propertyDefinitions,
      [...where, "properties"],
      `capability "${capability}" of "${name}"`,
    );
  }
}

function checkRequirements(
  context: CheckContext,
  node: Record_,
  type: string,
  path: Path,
  name: string,
  nodes: Record_,
): void {
  if (node.requirements === undefined) return;
  if (!Array.isArray(node.requirements)) {
    context.sink.add(
      "IVF-TOSCA-013",
      locate(context.document, [...path, "requirements"]),
      `requirements of "${name}" must be a list of single-key maps`,
      "write '- virtual_binding: VDU1'",
    );
    return;
  }
  const definitions = context.registry.requirements(type);
  node.requirements.forEach((item, index) => {
    for (const [requirement, value] of Object.entries(asRecord(item) ?? {})) {
      const where = [...path, "requirements", index, requirement];
      if (!definitions.has(requirement)) {
        context.sink.add(
          "IVF-TOSCA-014",
          locate(context.document, where),
          `node template "${name}" has no requirement "${requirement}" in type ${type}`,
          `defined requirements: ${[...definitions.keys()].join(", ") || "none"}`,
        );
      }
      const target = typeof value === "string" ? value : asRecord(value)?.node;
      if (typeof target !== "string") continue;
      if (!(target in nodes) && !context.registry.get("node", target)) {
        context.sink.add(
          "IVF-TOSCA-008",
          locate(context.document, where),
          `requirement "${requirement}" of "${name}" targets "${target}", which is neither a node template nor a node type`,
          `define node template "${target}" in this topology_template`,
        );
      }
    }
  });
}

function checkArtifacts(
  context: CheckContext,
  node: Record_,
  path: Path,
  name: string,
  packageFiles: ReadonlySet<string>,
): void {
  const artifacts = asRecord(node.artifacts);
  if (!artifacts) return;
  for (const [artifact, raw] of Object.entries(artifacts)) {
    const file = typeof raw === "string" ? raw : asRecord(raw)?.file;
    const where = [...path, "artifacts", artifact];
    if (typeof file !== "string") {
      context.sink.add(
        "IVF-TOSCA-013",
        locate(context.document, where),
        `artifact "${artifact}" of "${name}" has no file`,
        "add 'file: <path in package>'",
      );
      continue;
    }
    const artifactType = asRecord(raw)?.type;
    if (artifactType !== undefined)
      knownType(context, "artifact", artifactType, [...where, "type"], `artifact "${artifact}"`);
    const properties = asRecord(asRecord(raw)?.properties);
    if (properties && typeof artifactType === "string" && context.registry.get("artifact", artifactType)) {
      checkProperties(
        context,
        properties,
        context.registry.merged("artifact", artifactType, "properties"),
        [...where, "properties"],
        `artifact "${artifact}"`,
      );
    }
    if (isExternalUri(file) || packageFiles.size === 0) continue;
    const resolved = resolveInPackage(context.document.file, file);
    if (resolved === undefined || !packageFiles.has(resolved)) {
      context.sink.add(
        "IVF-TOSCA-011",
        locate(context.document, [...where]),
        `artifact "${artifact}" of "${name}" refers to "${file}", which is not in the package`,
        "add the file (tosca-parser and Tacker reject missing artifacts) or use a URL",
      );
    }
  }
}

export { checkValue };
