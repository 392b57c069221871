/**
 * A small SOL001 (TOSCA YAML) VNFD reader: enough of the VNFD to drive lifecycle operations.
 * It reads every Definitions file of a CSAR, finds the node type derived from tosca.nodes.nfv.VNF
 * (descriptor_id & co. as property defaults or node template properties) and one topology
 * template per deployment flavour (SOL001 6.8: a flavour is identified by
 * substitution_mappings.properties.flavour_id, else the VNF node's flavour_id).
 */
import yaml from "js-yaml";
import type { AspectModel, FlavourModel, VduModel, VnfdModel } from "./vnfd-model.js";

export class VnfdError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "VnfdError";
  }
}

type Doc = Record<string, unknown>;
const isObject = (value: unknown): value is Doc =>
  typeof value === "object" && value !== null && !Array.isArray(value);

function parseAll(files: Record<string, string>): [string, Doc][] {
  return Object.entries(files).map(([path, text]) => {
    let parsed: unknown;
    try {
      parsed = yaml.load(text);
    } catch (error) {
      throw new VnfdError(`${path}: not valid YAML: ${(error as Error).message}`);
    }
    if (!isObject(parsed)) throw new VnfdError(`${path}: top level is not a mapping`);
    return [path, parsed];
  });
}

/** Names of node types derived (directly or transitively) from tosca.nodes.nfv.VNF, with their property defaults. */
function vnfNodeTypes(docs: [string, Doc][]): Map<string, Doc> {
  const all = new Map<string, Doc>();
  for (const [, doc] of docs) {
    if (isObject(doc.node_types))
      for (const [name, def] of Object.entries(doc.node_types)) if (isObject(def)) all.set(name, def);
  }
  const derived = new Map<string, Doc>();
  const isVnf = (name: string, depth = 0): boolean => {
    if (name === "tosca.nodes.nfv.VNF") return true;
    const parent = all.get(name)?.derived_from;
    return depth < 10 && typeof parent === "string" && isVnf(parent, depth + 1);
  };
  for (const [name, def] of all) if (name !== "tosca.nodes.nfv.VNF" && isVnf(name)) derived.set(name, def);
  return derived;
}

function typeDefaults(def: Doc | undefined): Doc {
  const out: Doc = {};
  if (!def || !isObject(def.properties)) return out;
  for (const [key, prop] of Object.entries(def.properties)) {
    if (!isObject(prop)) continue;
    if (prop.default !== undefined) out[key] = prop.default;
    const constraints = Array.isArray(prop.constraints) ? prop.constraints : [];
    for (const c of constraints) {
      if (isObject(c) && Array.isArray(c.valid_values) && c.valid_values.length === 1)
        out[key] ??= c.valid_values[0];
    }
  }
  return out;
}

function requireString(props: Doc, key: string, where: string): string {
  const value = props[key];
  if (typeof value !== "string" || value === "")
    throw new VnfdError(`${where}: VNF property ${key} is missing`);
  return value;
}

export function readVnfd(files: Record<string, string>): VnfdModel {
  const docs = parseAll(files);
  const vnfTypes = vnfNodeTypes(docs);
  if (vnfTypes.size === 0)
    throw new VnfdError("no node type derived from tosca.nodes.nfv.VNF in the Definitions files");
  const flavours: Record<string, FlavourModel> = {};
  let identity: Doc | undefined;
  for (const [path, doc] of docs) {
    const topology = doc.topology_template;
    if (!isObject(topology)) continue;
    const nodes = isObject(topology.node_templates) ? topology.node_templates : {};
    const vnfNode = Object.values(nodes).find(
      (n) =>
        isObject(n) &&
        typeof n.type === "string" &&
        (vnfTypes.has(n.type) || n.type === "tosca.nodes.nfv.VNF"),
    ) as Doc | undefined;
    const mapping = isObject(topology.substitution_mappings) ? topology.substitution_mappings : undefined;
    const typeName = (typeof mapping?.node_type === "string" ? mapping.node_type : vnfNode?.type) as
      string | undefined;
    if (!typeName || !vnfTypes.has(typeName)) continue;
    const props: Doc = {
      ...typeDefaults(vnfTypes.get(typeName)),
      ...(isObject(vnfNode?.properties) ? vnfNode.properties : {}),
    };
    const mapped = isObject(mapping?.properties) ? mapping.properties : {};
    const flavourId = (mapped.flavour_id ?? props.flavour_id) as unknown;
    if (typeof flavourId !== "string")
      throw new VnfdError(`${path}: cannot tell the flavour_id of this topology_template`);
    // SOL001 6.8 (Tacker's layout): the top-level VNFD names the VNF without substitution
    // mappings; it must not replace the flavour's own template, whichever file is read first.
    if (!mapping && flavours[flavourId]) {
      identity ??= props;
      continue;
    }
    flavours[flavourId] = readFlavour(
      flavourId,
      nodes,
      Array.isArray(topology.policies) ? topology.policies : [],
      path,
    );
    identity ??= props;
  }
  if (!identity)
    throw new VnfdError("no topology_template substitutes a VNF node type: no deployment flavour found");
  const where = "VNF node type";
  return {
    vnfdId: requireString(identity, "descriptor_id", where),
    vnfdVersion: requireString(identity, "descriptor_version", where),
    provider: requireString(identity, "provider", where),
    productName: requireString(identity, "product_name", where),
    softwareVersion: requireString(identity, "software_version", where),
    vnfmInfo: Array.isArray(identity.vnfm_info) ? identity.vnfm_info.map(String) : [],
    flavours,
  };
}

function num(value: unknown, where: string): number {
  if (typeof value !== "number" || !Number.isInteger(value) || value < 0)
    throw new VnfdError(`${where} must be a non-negative integer`);
  return value;
}

function readFlavour(flavourId: string, nodes: Doc, policyList: unknown[], path: string): FlavourModel {
  const vdus: Record<string, VduModel> = {};
  for (const [id, node] of Object.entries(nodes)) {
    if (!isObject(node) || node.type !== "tosca.nodes.nfv.Vdu.Compute") continue;
    const props = isObject(node.properties) ? node.properties : {};
    const profile = isObject(props.vdu_profile) ? props.vdu_profile : {};
    const where = `${path}: node_templates.${id}.properties.vdu_profile`;
    const min = num(profile.min_number_of_instances, `${where}.min_number_of_instances`);
    const max = num(profile.max_number_of_instances, `${where}.max_number_of_instances`);
    if (max < min)
      throw new VnfdError(`${where}: max_number_of_instances ${max} is below min_number_of_instances ${min}`);
    vdus[id] = {
      id,
      name: typeof props.name === "string" ? props.name : id,
      minInstances: min,
      maxInstances: max,
      initialDelta: min,
      levelInstances: {},
    };
  }
  const flavour: FlavourModel = { flavourId, vdus, aspects: {}, levels: {} };
  const policies = policyList.flatMap((entry) => (isObject(entry) ? Object.entries(entry) : []));
  for (const [name, policy] of policies) if (isObject(policy)) applyPolicy(flavour, name, policy, path);
  return flavour;
}

function targetVdus(flavour: FlavourModel, policy: Doc, where: string): VduModel[] {
  const targets = Array.isArray(policy.targets) ? policy.targets : [];
  return targets.map((t) => {
    const vdu = flavour.vdus[String(t)];
    if (!vdu)
      throw new VnfdError(
        `${where}: target ${String(t)} is not a Vdu.Compute of flavour ${flavour.flavourId}`,
      );
    return vdu;
  });
}

function applyPolicy(flavour: FlavourModel, name: string, policy: Doc, path: string): void {
  const props = isObject(policy.properties) ? policy.properties : {};
  const where = `${path}: policies.${name}`;
  switch (policy.type) {
    case "tosca.policies.nfv.ScalingAspects":
      for (const [id, aspect] of Object.entries(isObject(props.aspects) ? props.aspects : {})) {
        const a = isObject(aspect) ? aspect : {};
        const steps = Array.isArray(a.step_deltas) ? a.step_deltas.map(String) : [];
        const existing = flavour.aspects[id];
        flavour.aspects[id] = {
          id,
          maxScaleLevel: num(a.max_scale_level, `${where}.aspects.${id}.max_scale_level`),
          stepDeltas: steps,
          vduDeltas: existing?.vduDeltas ?? {},
        };
      }
      break;
    case "tosca.policies.nfv.VduScalingAspectDeltas": {
      const aspectId = String(props.aspect);
      const aspect = (flavour.aspects[aspectId] ??= {
        id: aspectId,
        maxScaleLevel: 0,
        stepDeltas: [],
        vduDeltas: {},
      } as AspectModel);
      const deltas: Record<string, number> = {};
      for (const [deltaId, delta] of Object.entries(isObject(props.deltas) ? props.deltas : {})) {
        deltas[deltaId] = num(
          isObject(delta) ? delta.number_of_instances : undefined,
          `${where}.deltas.${deltaId}.number_of_instances`,
        );
      }
      for (const vdu of targetVdus(flavour, policy, where)) aspect.vduDeltas[vdu.id] = deltas;
      break;
    }
    case "tosca.policies.nfv.VduInitialDelta": {
      const delta = isObject(props.initial_delta) ? props.initial_delta.number_of_instances : undefined;
      for (const vdu of targetVdus(flavour, policy, where))
        vdu.initialDelta = num(delta, `${where}.initial_delta.number_of_instances`);
      break;
    }
    case "tosca.policies.nfv.InstantiationLevels":
      for (const [id, level] of Object.entries(isObject(props.levels) ? props.levels : {})) {
        const scaleInfo: Record<string, number> = {};
        const info = isObject(level) && isObject(level.scale_info) ? level.scale_info : {};
        for (const [aspectId, s] of Object.entries(info))
          scaleInfo[aspectId] = num(
            isObject(s) ? s.scale_level : undefined,
            `${where}.levels.${id}.scale_info.${aspectId}.scale_level`,
          );
        flavour.levels[id] = { id, scaleInfo };
      }
      if (typeof props.default_level === "string") flavour.defaultLevel = props.default_level;
      break;
    case "tosca.policies.nfv.VduInstantiationLevels":
      for (const vdu of targetVdus(flavour, policy, where)) {
        for (const [id, level] of Object.entries(isObject(props.levels) ? props.levels : {})) {
          vdu.levelInstances[id] = num(
            isObject(level) ? level.number_of_instances : undefined,
            `${where}.levels.${id}.number_of_instances`,
          );
        }
      }
      break;
    default:
      break;
  }
}
