/**
 * ScaleVnf (SOL003 5.4.5): moves one aspect by numberOfSteps. Bounds come from the VNFD:
 * max_scale_level (and 0) per aspect, vdu_profile min/max per VDU; a request that would cross
 * one from the current state is refused with 409 naming the bound.
 */
import { vnfmError } from "../../errors.js";
import { aspectOf, checkCounts, checkLevels, countsAfterLevelChange } from "../../vnfd/scaling.js";
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

export const scale: OperationModule = {
  operation: "SCALE",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "scale");
    const flavour = flavourOf(vnfd, info.flavourId);
    const aspect = aspectOf(flavour, String(request.aspectId));
    const steps = request.numberOfSteps === undefined ? 1 : Number(request.numberOfSteps);
    if (!Number.isInteger(steps) || steps < 1)
      throw vnfmError(
        "INVALID_TASK",
        `numberOfSteps must be a positive integer, got ${String(request.numberOfSteps)}`,
      );
    const from = currentLevels(info);
    const to = {
      ...from,
      [aspect.id]: (from[aspect.id] ?? 0) + (request.type === "SCALE_IN" ? -steps : steps),
    };
    checkLevels(flavour, to, "BOUND_VIOLATION");
    const before = currentCounts(instance, flavour);
    const counts = countsAfterLevelChange(flavour, before, from, to);
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
