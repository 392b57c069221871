/**
 * ScaleVnfToLevel (SOL003 5.4.6): target given as an instantiation level or as per-aspect
 * scale levels. A target outside the VNFD (level beyond max_scale_level) is 422 whatever the
 * state; counts outside vdu_profile are 409 naming the bound.
 */
import { vnfmError } from "../../errors.js";
import { checkCounts, checkLevels, countsAfterLevelChange, type Levels } from "../../vnfd/scaling.js";
import type { FlavourModel } from "../../vnfd/vnfd-model.js";
import type { OperationModule } from "../operation-module.js";
import {
  currentCounts,
  currentLevels,
  flavourOf,
  newestOf,
  plan,
  requireInstantiated,
  scaleStatusOf,
  vduFunctions,
  vnfcEnv,
} from "./common.js";

function targetLevels(flavour: FlavourModel, request: Record<string, unknown>, from: Levels): Levels {
  const hasLevel = typeof request.instantiationLevelId === "string";
  const hasInfo = Array.isArray(request.scaleInfo);
  if (hasLevel === hasInfo)
    throw vnfmError("INVALID_TASK", "give exactly one of instantiationLevelId and scaleInfo");
  if (hasLevel) {
    const level = flavour.levels[request.instantiationLevelId as string];
    if (!level)
      throw vnfmError(
        "INVALID_TASK",
        `instantiationLevelId "${String(request.instantiationLevelId)}" is not a level of flavour ${flavour.flavourId}`,
      );
    return { ...from, ...level.scaleInfo };
  }
  const to = { ...from };
  for (const entry of request.scaleInfo as { aspectId: string; scaleLevel: number }[])
    to[entry.aspectId] = entry.scaleLevel;
  return to;
}

export const scaleToLevel: OperationModule = {
  operation: "SCALE_TO_LEVEL",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "scale to level");
    const flavour = flavourOf(vnfd, info.flavourId);
    const from = currentLevels(info);
    const to = targetLevels(flavour, request, from);
    checkLevels(flavour, to, "BOUND_VIOLATION");
    const before = currentCounts(instance, flavour);
    const counts = countsAfterLevelChange(flavour, before, from, to);
    if (typeof request.instantiationLevelId === "string") {
      for (const vdu of Object.values(flavour.vdus)) {
        const explicit = vdu.levelInstances[request.instantiationLevelId];
        if (explicit !== undefined) counts[vdu.id] = explicit;
      }
    }
    checkCounts(flavour, counts, "BOUND_VIOLATION");
    const remove = Object.entries(counts).flatMap(([vduId, n]) =>
      (before[vduId] ?? 0) > n ? newestOf(instance, vduId, before[vduId]! - n) : [],
    );
    return plan({
      targetCounts: counts,
      remove,
      running: info.vnfState === "STARTED",
      stopGraceMs: defaultGraceMs,
      vduFunctions: vduFunctions(flavour),
      env: vnfcEnv(instance, request.additionalParams),
      infoChanges: { scaleStatus: scaleStatusOf(vnfd, to) },
    });
  },
};
