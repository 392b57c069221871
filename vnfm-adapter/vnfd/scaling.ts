/**
 * Scaling arithmetic over a flavour (SOL001 6.10.x ScalingAspects, VduScalingAspectDeltas,
 * VduInitialDelta, InstantiationLevels, VduInstantiationLevels). Non-uniform deltas are
 * supported: step i of an aspect applies step_deltas[i-1] (a single entry means uniform).
 * VNFCs of a VDU at levels L = initial_delta + sum over aspects of the deltas of steps 1..L.
 */
import { vnfmError } from "../errors.js";
import type { AspectModel, FlavourModel } from "./vnfd-model.js";

export type Levels = Record<string, number>;
export type Counts = Record<string, number>;

export function aspectOf(flavour: FlavourModel, aspectId: string): AspectModel {
  const aspect = flavour.aspects[aspectId];
  if (!aspect) {
    const known = Object.keys(flavour.aspects).join(", ") || "none";
    throw vnfmError(
      "INVALID_TASK",
      `aspectId "${aspectId}" is not a scaling aspect of flavour ${flavour.flavourId} (known: ${known})`,
    );
  }
  return aspect;
}

/** Instances added to `vduId` by step `step` (1-based) of `aspect`. */
export function stepDelta(aspect: AspectModel, vduId: string, step: number): number {
  const deltas = aspect.vduDeltas[vduId];
  if (!deltas) return 0;
  const deltaId = aspect.stepDeltas.length === 1 ? aspect.stepDeltas[0] : aspect.stepDeltas[step - 1];
  if (deltaId === undefined) {
    throw vnfmError(
      "INVALID_TASK",
      `VNFD aspect ${aspect.id} has no step_deltas entry for step ${step} (max_scale_level ${aspect.maxScaleLevel})`,
    );
  }
  const count = deltas[deltaId];
  if (count === undefined)
    throw vnfmError(
      "INVALID_TASK",
      `VNFD VduScalingAspectDeltas of ${vduId} lacks delta ${deltaId} of aspect ${aspect.id}`,
    );
  return count;
}

/** VNFC counts per VDU at the given aspect levels. */
export function countsAtLevels(flavour: FlavourModel, levels: Levels): Counts {
  const counts: Counts = {};
  for (const vdu of Object.values(flavour.vdus)) {
    let count = vdu.initialDelta;
    for (const [aspectId, level] of Object.entries(levels)) {
      const aspect = aspectOf(flavour, aspectId);
      for (let step = 1; step <= level; step += 1) count += stepDelta(aspect, vdu.id, step);
    }
    counts[vdu.id] = count;
  }
  return counts;
}

/** Aspect levels and counts for instantiation at `levelId` (default level, else all aspects at 0). */
export function instantiationTarget(
  flavour: FlavourModel,
  levelId: string | undefined,
): { levels: Levels; counts: Counts } {
  const chosen = levelId ?? flavour.defaultLevel;
  const levels: Levels = Object.fromEntries(Object.keys(flavour.aspects).map((id) => [id, 0]));
  if (chosen !== undefined) {
    const level = flavour.levels[chosen];
    if (!level) {
      throw vnfmError(
        "INVALID_TASK",
        `instantiationLevelId "${chosen}" is not an instantiation level of flavour ${flavour.flavourId} (known: ${Object.keys(flavour.levels).join(", ") || "none"})`,
      );
    }
    Object.assign(levels, level.scaleInfo);
  }
  const counts = countsAtLevels(flavour, levels);
  // VduInstantiationLevels states the VNFC count of a level explicitly; it wins where present.
  for (const vdu of Object.values(flavour.vdus)) {
    if (chosen !== undefined && vdu.levelInstances[chosen] !== undefined)
      counts[vdu.id] = vdu.levelInstances[chosen]!;
  }
  checkLevels(flavour, levels, "INVALID_TASK");
  checkCounts(flavour, counts, "INVALID_TASK");
  return { levels, counts };
}

/** Counts after moving from `from` to `to` levels, starting from the actual `current` counts. */
export function countsAfterLevelChange(
  flavour: FlavourModel,
  current: Counts,
  from: Levels,
  to: Levels,
): Counts {
  const counts: Counts = { ...current };
  for (const vdu of Object.values(flavour.vdus)) {
    let count = counts[vdu.id] ?? 0;
    for (const [aspectId, target] of Object.entries(to)) {
      const aspect = aspectOf(flavour, aspectId);
      const start = from[aspectId] ?? 0;
      for (let step = start + 1; step <= target; step += 1) count += stepDelta(aspect, vdu.id, step);
      for (let step = start; step > target; step -= 1) count -= stepDelta(aspect, vdu.id, step);
    }
    counts[vdu.id] = count;
  }
  return counts;
}

/** Scale levels must lie in [0, max_scale_level]; the error names the bound. */
export function checkLevels(
  flavour: FlavourModel,
  levels: Levels,
  code: "BOUND_VIOLATION" | "INVALID_TASK",
): void {
  for (const [aspectId, level] of Object.entries(levels)) {
    const aspect = aspectOf(flavour, aspectId);
    if (level > aspect.maxScaleLevel) {
      throw vnfmError(
        code,
        `scale level ${level} of aspect ${aspectId} exceeds max_scale_level ${aspect.maxScaleLevel}`,
        { bound: "max_scale_level", aspectId },
      );
    }
    if (level < 0)
      throw vnfmError(code, `scale level ${level} of aspect ${aspectId} is below 0`, {
        bound: "min_scale_level",
        aspectId,
      });
  }
}

/** VNFC counts must lie within vdu_profile min/max_number_of_instances; the error names the bound. */
export function checkCounts(
  flavour: FlavourModel,
  counts: Counts,
  code: "BOUND_VIOLATION" | "INVALID_TASK",
): void {
  for (const [vduId, count] of Object.entries(counts)) {
    const vdu = flavour.vdus[vduId];
    if (!vdu) continue;
    if (count > vdu.maxInstances) {
      throw vnfmError(
        code,
        `VDU ${vduId} would have ${count} VNFCs, above vdu_profile max_number_of_instances ${vdu.maxInstances}`,
        { bound: "max_number_of_instances", vduId },
      );
    }
    if (count < vdu.minInstances) {
      throw vnfmError(
        code,
        `VDU ${vduId} would have ${count} VNFCs, below vdu_profile min_number_of_instances ${vdu.minInstances}`,
        { bound: "min_number_of_instances", vduId },
      );
    }
  }
}
