import { locate } from "../yaml/load-document.js";
import { policiesOf, type PolicyRef } from "./check-topology.js";
import type { CheckContext } from "./value-check.js";

type Record_ = Record<string, unknown>;
const asRecord = (value: unknown): Record_ =>
  value && typeof value === "object" && !Array.isArray(value) ? (value as Record_) : {};
const num = (value: unknown): number | undefined => (typeof value === "number" ? value : undefined);

interface Vdu {
  min?: number;
  max?: number;
  initial?: number;
  /** aspect id -> delta id -> instances */
  deltas: Map<string, Map<string, number>>;
  levels: Map<string, { count: number; policy: PolicyRef; level: string }>;
}

interface Aspect {
  maxLevel?: number;
  steps: string[];
  policy: PolicyRef;
}

/**
 * SOL001 6.10 scaling and instantiation-level policies must agree with each other and with
 * vdu_profile (IFA011 7.1.8): Tacker derives every grant from them and fails mid-operation
 * (DeltaMissingInVnfd, DbSyncFailed) when they do not.
 */
export function checkScaling(context: CheckContext, topology: Record_): void {
  const policies = policiesOf(topology);
  const is = (policy: PolicyRef, type: string): boolean =>
    typeof policy.body.type === "string" && context.registry.derivesFrom("policy", policy.body.type, type);
  const vdus = collectVdus(context, asRecord(topology.node_templates));
  const aspects = new Map<string, Aspect>();
  for (const policy of policies.filter((p) => is(p, "tosca.policies.nfv.ScalingAspects"))) {
    for (const [id, raw] of Object.entries(asRecord(asRecord(policy.body.properties).aspects))) {
      const steps = asRecord(raw).step_deltas;
      const maxLevel = num(asRecord(raw).max_scale_level);
      aspects.set(id, {
        steps: Array.isArray(steps) ? steps.map(String) : [],
        policy,
        ...(maxLevel === undefined ? {} : { maxLevel }),
      });
    }
  }
  const levelIds = new Set<string>();
  const levelScales = new Map<string, Map<string, number>>();
  for (const policy of policies) {
    const properties = asRecord(policy.body.properties);
    const targets = (Array.isArray(policy.body.targets) ? policy.body.targets : [])
      .map(String)
      .filter((target) => vdus.has(target));
    if (is(policy, "tosca.policies.nfv.VduInitialDelta")) {
      for (const target of targets)
        setInitial(vdus, target, num(asRecord(properties.initial_delta).number_of_instances));
    } else if (is(policy, "tosca.policies.nfv.VduScalingAspectDeltas")) {
      checkDeltaPolicy(context, policy, aspects, vdus, targets);
    } else if (is(policy, "tosca.policies.nfv.InstantiationLevels")) {
      checkLevels(context, policy, aspects, levelIds, levelScales);
    } else if (is(policy, "tosca.policies.nfv.VduInstantiationLevels")) {
      for (const [level, raw] of Object.entries(asRecord(properties.levels))) {
        const count = num(asRecord(raw).number_of_instances);
        for (const target of targets)
          if (count !== undefined) vdus.get(target)?.levels.set(level, { count, policy, level });
      }
    }
  }
  checkVduBounds(
    context,
    vdus,
    aspects,
    levelIds,
    levelScales,
    policies.some((p) => is(p, "tosca.policies.nfv.InstantiationLevels")),
  );
}

function collectVdus(context: CheckContext, nodes: Record_): Map<string, Vdu> {
  const vdus = new Map<string, Vdu>();
  for (const [name, raw] of Object.entries(nodes)) {
    const type = asRecord(raw).type;
    if (
      typeof type !== "string" ||
      !context.registry.derivesFrom("node", type, "tosca.nodes.nfv.Vdu.Compute")
    )
      continue;
    const profile = asRecord(asRecord(asRecord(raw).properties).vdu_profile);
    const min = num(profile.min_number_of_instances);
    const max = num(profile.max_number_of_instances);
    vdus.set(name, {
      ...(min === undefined ? {} : { min }),
      ...(max === undefined ? {} : { max }),
      deltas: new Map(),
      levels: new Map(),
    });
  }
  return vdus;
}

function setInitial(vdus: Map<string, Vdu>, target: string, value: number | undefined): void {
  const vdu = vdus.get(target);
  if (vdu && value !== undefined) vdu.initial = value;
}

function checkDeltaPolicy(
  context: CheckContext,
  policy: PolicyRef,
  aspects: Map<string, Aspect>,
  vdus: Map<string, Vdu>,
  targets: string[],
): void {
  const properties = asRecord(policy.body.properties);
  const aspectId = String(properties.aspect);
  const aspect = aspects.get(aspectId);
  const deltas = new Map(
    Object.entries(asRecord(properties.deltas)).map(([id, raw]) => [
      id,
      num(asRecord(raw).number_of_instances) ?? 0,
    ]),
  );
  if (!aspect) {
    context.sink.add(
      "IVF-SCALE-001",
      locate(context.document, [...policy.path, "properties", "aspect"]),
      `policy "${policy.name}" refers to aspect "${aspectId}", which no ScalingAspects policy declares`,
      "declare the aspect in tosca.policies.nfv.ScalingAspects",
    );
    return;
  }
  for (const step of new Set(aspect.steps)) {
    if (!deltas.has(step))
      context.sink.add(
        "IVF-SCALE-001",
        locate(context.document, [...policy.path, "properties", "deltas"]),
        `aspect "${aspectId}" steps by delta "${step}", but "${policy.name}" does not define it (Tacker: DeltaMissingInVnfd)`,
        `add deltas.${step}.number_of_instances`,
      );
  }
  const stepCounts = new Set(aspect.steps.map((step) => deltas.get(step)));
  if (stepCounts.size > 1)
    context.sink.add(
      "IVF-SCALE-005",
      locate(context.document, [...policy.path, "properties", "deltas"]),
      `aspect "${aspectId}" has non-uniform step deltas; Tacker applies the first delta to every step`,
      "use one delta for every step if the package targets Tacker",
    );
  for (const target of targets) vdus.get(target)?.deltas.set(aspectId, deltas);
}

function checkLevels(
  context: CheckContext,
  policy: PolicyRef,
  aspects: Map<string, Aspect>,
  levelIds: Set<string>,
  levelScales: Map<string, Map<string, number>>,
): void {
  const properties = asRecord(policy.body.properties);
  for (const [level, raw] of Object.entries(asRecord(properties.levels))) {
    levelIds.add(level);
    const scales = new Map<string, number>();
    levelScales.set(level, scales);
    for (const [aspectId, info] of Object.entries(asRecord(asRecord(raw).scale_info))) {
      const where = locate(context.document, [
        ...policy.path,
        "properties",
        "levels",
        level,
        "scale_info",
        aspectId,
      ]);
      const aspect = aspects.get(aspectId);
      const scaleLevel = num(asRecord(info).scale_level);
      if (scaleLevel !== undefined) scales.set(aspectId, scaleLevel);
      if (!aspect)
        context.sink.add(
          "IVF-SCALE-001",
          where,
          `instantiation level "${level}" refers to aspect "${aspectId}", which is not declared`,
          "use an aspect id of the ScalingAspects policy",
        );
      else if (
        scaleLevel !== undefined &&
        aspect.maxLevel !== undefined &&
        (scaleLevel < 0 || scaleLevel > aspect.maxLevel)
      ) {
        context.sink.add(
          "IVF-SCALE-003",
          where,
          `instantiation level "${level}" sets aspect "${aspectId}" to scale_level ${scaleLevel}, outside 0..${aspect.maxLevel}`,
          "keep scale_level within max_scale_level",
        );
      }
    }
  }
  const fallback = properties.default_level;
  if (fallback !== undefined && !levelIds.has(String(fallback))) {
    context.sink.add(
      "IVF-SCALE-004",
      locate(context.document, [...policy.path, "properties", "default_level"]),
      `default_level "${String(fallback)}" is not one of the declared levels (${[...levelIds].join(", ")})`,
      "name a declared level",
    );
  }
}

function checkVduBounds(
  context: CheckContext,
  vdus: Map<string, Vdu>,
  aspects: Map<string, Aspect>,
  levelIds: Set<string>,
  levelScales: Map<string, Map<string, number>>,
  hasLevels: boolean,
): void {
  for (const [name, vdu] of vdus) {
    const where = locate(context.document, [
      "topology_template",
      "node_templates",
      name,
      "properties",
      "vdu_profile",
    ]);
    const bound = (count: number, what: string): void => {
      if ((vdu.min !== undefined && count < vdu.min) || (vdu.max !== undefined && count > vdu.max)) {
        context.sink.add(
          "IVF-SCALE-002",
          where,
          `VDU "${name}": ${what} gives ${count} instances, outside vdu_profile ${vdu.min ?? "?"}..${vdu.max ?? "?"}`,
          "adjust the deltas, levels or vdu_profile so they agree",
        );
      }
    };
    const initial = vdu.initial ?? vdu.min ?? 0;
    if (vdu.initial !== undefined) bound(vdu.initial, "initial_delta");
    let maximum = initial;
    for (const [aspectId, deltas] of vdu.deltas) {
      const aspect = aspects.get(aspectId);
      if (!aspect || aspect.maxLevel === undefined || aspect.steps.length === 0) continue;
      for (let level = 1; level <= aspect.maxLevel; level += 1)
        maximum += deltas.get(aspect.steps[Math.min(level, aspect.steps.length) - 1] as string) ?? 0;
    }
    if (maximum !== initial) bound(maximum, "initial delta + every step up to max_scale_level");
    for (const { count, policy, level } of vdu.levels.values()) {
      if (hasLevels && !levelIds.has(level)) {
        context.sink.add(
          "IVF-SCALE-001",
          locate(context.document, [...policy.path, "properties", "levels", level]),
          `"${policy.name}" sets level "${level}", which InstantiationLevels does not declare`,
          "use a declared instantiation level id",
        );
      }
      bound(count, `instantiation level "${level}"`);
      const expected = instancesAt(vdu, aspects, levelScales.get(level));
      if (expected !== undefined && expected !== count) {
        context.sink.add(
          "IVF-SCALE-006",
          locate(context.document, [...policy.path, "properties", "levels", level, "number_of_instances"]),
          `VDU "${name}" at level "${level}": number_of_instances is ${count}, but initial_delta plus the deltas up to the level's scale_level give ${expected}`,
          "Tacker derives the scale level from the instance count; make both agree",
        );
      }
    }
  }
}

/** Instances a VDU has at a level: initial delta plus every step up to each aspect's scale_level. */
function instancesAt(
  vdu: Vdu,
  aspects: Map<string, Aspect>,
  scales: Map<string, number> | undefined,
): number | undefined {
  if (vdu.initial === undefined || vdu.deltas.size === 0 || !scales) return undefined;
  let total = vdu.initial;
  for (const [aspectId, deltas] of vdu.deltas) {
    const aspect = aspects.get(aspectId);
    const level = scales.get(aspectId) ?? 0;
    if (!aspect || aspect.steps.length === 0) return undefined;
    for (let step = 1; step <= level; step += 1)
      total += deltas.get(aspect.steps[Math.min(step, aspect.steps.length) - 1] as string) ?? 0;
  }
  return total;
}
