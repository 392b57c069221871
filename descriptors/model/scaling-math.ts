import type { Flavour, ScalingAspect } from "./model-types.js";

/**
 * Scaling arithmetic shared by the renderers, the model checks and the VNFM adapter
 * (SOL001 6.10.x / IFA011 7.1.10): the instances of a VNFC at a set of scale levels are its
 * initial delta plus, for every aspect, the deltas of steps 1..level. A single step entry is
 * a uniform aspect; otherwise step i uses entry i-1 (non-uniform deltas).
 */

export function deltaForStep(aspect: ScalingAspect, step: number): Record<string, number> {
  const entry = aspect.steps.length === 1 ? aspect.steps[0] : aspect.steps[step - 1];
  return entry ?? {};
}

export function instancesAt(flavour: Flavour, vnfcId: string, scaleLevels: Record<string, number>): number {
  let instances = flavour.vnfcProfiles[vnfcId]?.initial ?? 0;
  for (const aspect of flavour.scalingAspects) {
    const level = scaleLevels[aspect.id] ?? 0;
    for (let step = 1; step <= level; step += 1) instances += deltaForStep(aspect, step)[vnfcId] ?? 0;
  }
  return instances;
}

export interface DeltaSet {
  /** SOL001 step_deltas / SOL006 step-deltas: one id per step, or one id for a uniform aspect. */
  stepDeltas: string[];
  /** Distinct deltas by id, in first-use order. */
  deltas: { id: string; instances: Record<string, number> }[];
}

/** Names the distinct per-step deltas of an aspect: identical steps share one delta id. */
export function deltaSet(aspect: ScalingAspect): DeltaSet {
  const deltas: DeltaSet["deltas"] = [];
  const stepDeltas: string[] = [];
  for (const step of aspect.steps) {
    const canonical = JSON.stringify(Object.entries(step).sort(([a], [b]) => a.localeCompare(b)));
    let found = deltas.find(
      (delta) =>
        JSON.stringify(Object.entries(delta.instances).sort(([a], [b]) => a.localeCompare(b))) === canonical,
    );
    if (!found) {
      found = { id: `${aspect.id}-delta-${deltas.length + 1}`, instances: step };
      deltas.push(found);
    }
    stepDeltas.push(found.id);
  }
  return { stepDeltas, deltas };
}

/** Vnfcs touched by an aspect, in flavour profile order. */
export function aspectVnfcs(flavour: Flavour, aspect: ScalingAspect): string[] {
  return Object.keys(flavour.vnfcProfiles).filter((vnfc) =>
    aspect.steps.some((step) => (step[vnfc] ?? 0) > 0),
  );
}

export function levelScaleLevels(flavour: Flavour, levelId: string): Record<string, number> {
  const level = flavour.instantiationLevels.find((candidate) => candidate.id === levelId);
  return level ? level.scaleLevels : {};
}

export function maxScaleLevels(flavour: Flavour): Record<string, number> {
  return Object.fromEntries(flavour.scalingAspects.map((aspect) => [aspect.id, aspect.maxScaleLevel]));
}
