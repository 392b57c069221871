/**
 * ChangeVnfFlavour (SOL003 5.4.7): the VNFCs of the old flavour are drained and the new
 * flavour's VNFCs started at its instantiation level (default level when none is given).
 */
import { vnfmError } from "../../errors.js";
import type { VimConnectionInfo } from "../../objects/models.js";
import { instantiationTarget } from "../../vnfd/scaling.js";
import type { OperationModule } from "../operation-module.js";
import {
  flavourOf,
  maxScaleLevelsOf,
  plan,
  requireInstantiated,
  scaleStatusOf,
  vduFunctions,
  vnfcEnv,
} from "./common.js";

export const changeFlavour: OperationModule = {
  operation: "CHANGE_FLAVOUR",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "change the flavour of");
    const flavour = flavourOf(vnfd, String(request.newFlavourId));
    if (flavour.flavourId === info.flavourId) {
      throw vnfmError(
        "STATE_CONFLICT",
        `VNF instance ${instance.id} already uses flavour ${flavour.flavourId}`,
      );
    }
    const levelId =
      typeof request.instantiationLevelId === "string" ? request.instantiationLevelId : undefined;
    const { levels, counts } = instantiationTarget(flavour, levelId);
    const vims = (request.vimConnectionInfo ?? {}) as Record<string, VimConnectionInfo>;
    return plan({
      targetCounts: counts,
      remove: instance.vnfcs.map((v) => v.id),
      running: info.vnfState === "STARTED",
      stopGraceMs: defaultGraceMs,
      vduFunctions: vduFunctions(flavour),
      env: vnfcEnv(instance, request.additionalParams),
      flavourId: flavour.flavourId,
      instantiationLevelId: levelId ?? flavour.defaultLevel,
      instanceChanges: { vimConnectionInfo: { ...instance.vimConnectionInfo, ...vims } },
      infoChanges: {
        flavourId: flavour.flavourId,
        scaleStatus: scaleStatusOf(vnfd, levels),
        maxScaleLevels: maxScaleLevelsOf(vnfd, flavour),
      },
    });
  },
};
