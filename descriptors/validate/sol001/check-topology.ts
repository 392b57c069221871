import { locate } from "../yaml/load-document.js";
import { checkNodeTemplates, knownType } from "./check-node-templates.js";
import { checkProperties, checkValue, type CheckContext } from "./value-check.js";

type Path = (string | number)[];
type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ | undefined =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record_) : undefined;

/** A policy as written in TOSCA 1.2+: a list of single-key maps (1.0 also allowed a map). */
export interface PolicyRef {
  name: string;
  body: Record_;
  path: Path;
}

export function policiesOf(topology: Record_): PolicyRef[] {
  const policies = topology.policies;
  if (Array.isArray(policies)) {
    return policies.flatMap((item, index) =>
      Object.entries(asRecord(item) ?? {}).map(([name, body]) => ({
        name,
        body: asRecord(body) ?? {},
        path: ["topology_template", "policies", index, name],
      })),
    );
  }
  return Object.entries(asRecord(policies) ?? {}).map(([name, body]) => ({
    name,
    body: asRecord(body) ?? {},
    path: ["topology_template", "policies", name],
  }));
}

/** TOSCA 3.9 topology_template: inputs, node templates, groups, policies, substitution mappings. */
export function checkTopology(
  context: CheckContext,
  topology: Record_,
  packageFiles: ReadonlySet<string>,
): void {
  const base: Path = ["topology_template"];
  checkInputs(context, asRecord(topology.inputs) ?? {});
  const nodes = asRecord(topology.node_templates) ?? {};
  if (topology.node_templates !== undefined && !asRecord(topology.node_templates)) {
    context.sink.add(
      "IVF-TOSCA-013",
      locate(context.document, [...base, "node_templates"]),
      "node_templates must be a map",
      "map template names to definitions",
    );
  }
  checkNodeTemplates(context, nodes, [...base, "node_templates"], packageFiles);
  const groups = asRecord(topology.groups) ?? {};
  for (const [name, raw] of Object.entries(groups)) {
    const group = asRecord(raw) ?? {};
    const path = [...base, "groups", name];
    if (knownType(context, "group", group.type, [...path, "type"], `group "${name}"`)) {
      checkProperties(
        context,
        asRecord(group.properties) ?? {},
        context.registry.merged("group", group.type as string, "properties"),
        [...path, "properties"],
        `group "${name}"`,
      );
    }
    for (const [index, member] of (Array.isArray(group.members) ? group.members : []).entries()) {
      if (!(String(member) in nodes))
        context.sink.add(
          "IVF-TOSCA-009",
          locate(context.document, [...path, "members", index]),
          `group "${name}" member "${String(member)}" is not a node template`,
          "list node template names",
        );
    }
  }
  for (const policy of policiesOf(topology)) {
    if (!knownType(context, "policy", policy.body.type, [...policy.path, "type"], `policy "${policy.name}"`))
      continue;
    checkProperties(
      context,
      asRecord(policy.body.properties) ?? {},
      context.registry.merged("policy", policy.body.type as string, "properties"),
      [...policy.path, "properties"],
      `policy "${policy.name}"`,
    );
    const targets = Array.isArray(policy.body.targets) ? policy.body.targets : [];
    targets.forEach((target, index) => {
      if (!(String(target) in nodes) && !(String(target) in groups)) {
        context.sink.add(
          "IVF-TOSCA-009",
          locate(context.document, [...policy.path, "targets", index]),
          `policy "${policy.name}" targets "${String(target)}", which is neither a node template nor a group`,
          "target an existing VDU, virtual link or group",
        );
      }
    });
  }
  checkSubstitution(
    context,
    asRecord(topology.substitution_mappings),
    nodes,
    asRecord(topology.inputs) ?? {},
  );
}

function checkInputs(context: CheckContext, inputs: Record_): void {
  for (const [name, raw] of Object.entries(inputs)) {
    const input = asRecord(raw) ?? {};
    const type = input.type;
    const path = ["topology_template", "inputs", name];
    if (
      typeof type === "string" &&
      !["string", "integer", "float", "boolean", "timestamp", "version", "range", "list", "map"].includes(
        type,
      ) &&
      !type.startsWith("scalar-unit.")
    ) {
      knownType(context, "data", type, [...path, "type"], `input "${name}"`);
    }
    if (input.default !== undefined)
      checkValue(context, input.default, input, [...path, "default"], `input "${name}" default`);
  }
}

function checkSubstitution(
  context: CheckContext,
  mappings: Record_ | undefined,
  nodes: Record_,
  inputs: Record_,
): void {
  if (!mappings) return;
  const path = ["topology_template", "substitution_mappings"];
  if (!knownType(context, "node", mappings.node_type, [...path, "node_type"], "substitution_mappings"))
    return;
  const nodeType = mappings.node_type as string;
  checkSubstitutionInputs(context, nodeType, inputs);
  const properties = asRecord(mappings.properties);
  if (properties) {
    const definitions = context.registry.merged("node", nodeType, "properties");
    for (const [name, value] of Object.entries(properties)) {
      const definition = definitions.get(name);
      if (!definition)
        context.sink.add(
          "IVF-TOSCA-006",
          locate(context.document, [...path, "properties", name]),
          `substitution_mappings property "${name}" is not a property of ${nodeType}`,
          "map only properties of the substituted node type",
        );
      else
        checkValue(
          context,
          value,
          definition,
          [...path, "properties", name],
          `substitution_mappings.${name}`,
        );
    }
  }
  for (const [name, mapping] of Object.entries(asRecord(mappings.requirements) ?? {})) {
    const target = Array.isArray(mapping) ? mapping[0] : asRecord(mapping)?.mapping;
    const node = Array.isArray(target) ? target[0] : target;
    if (typeof node === "string" && !(node in nodes)) {
      context.sink.add(
        "IVF-TOSCA-008",
        locate(context.document, [...path, "requirements", name]),
        `substitution requirement "${name}" maps to "${node}", which is not a node template`,
        "map it to [<node template>, <requirement>]",
      );
    }
  }
}

/**
 * tosca-parser (Tacker v1's loader) requires the substituting topology to declare an input for
 * every property that is required without a default at ANY level of the node type's chain, and a
 * default for every input that is not a property of the node type (substitution_mappings.py).
 */
function checkSubstitutionInputs(context: CheckContext, nodeType: string, inputs: Record_): void {
  const path = ["topology_template", "substitution_mappings", "node_type"];
  const required = new Set<string>();
  for (const entry of context.registry.chain("node", nodeType)) {
    for (const [name, raw] of Object.entries(asRecord(entry.definition.properties) ?? {})) {
      const definition = asRecord(raw) ?? {};
      if (definition.required !== false && definition.default === undefined) required.add(name);
    }
  }
  const missing = [...required].filter((name) => !(name in inputs)).sort();
  if (missing.length) {
    context.sink.add(
      "IVF-TOSCA-018",
      locate(context.document, path),
      `substitution_mappings of ${nodeType} has no topology input for required propert${missing.length === 1 ? "y" : "ies"} ${missing.join(", ")} (tosca-parser: MissingRequiredInputError)`,
      `declare topology_template.inputs ${missing.join(", ")}`,
    );
  }
  const properties = context.registry.merged("node", nodeType, "properties");
  for (const [name, raw] of Object.entries(inputs)) {
    if (!properties.has(name) && asRecord(raw)?.default === undefined) {
      context.sink.add(
        "IVF-TOSCA-018",
        locate(context.document, ["topology_template", "inputs", name]),
        `input "${name}" is not a property of ${nodeType} and has no default (tosca-parser: MissingDefaultValueError)`,
        "give it a default or remove it",
      );
    }
  }
}
