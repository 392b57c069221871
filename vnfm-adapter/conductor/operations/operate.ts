/**
 * OperateVnf (SOL003 5.4.10): STOPPED stops every VNFC process but keeps its record (and id);
 * STARTED starts them again. Asking for the state the VNF is already in is a 409.
 */
import { vnfmError } from "../../errors.js";
import type { OperationModule } from "../operation-module.js";
import {
  currentCounts,
  flavourOf,
  graceMs,
  plan,
  requireInstantiated,
  vduFunctions,
  vnfcEnv,
} from "./common.js";

export const operate: OperationModule = {
  operation: "OPERATE",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "operate");
    const target = request.changeStateTo;
    if (target !== "STARTED" && target !== "STOPPED")
      throw vnfmError("INVALID_TASK", "changeStateTo must be STARTED or STOPPED");
    if (info.vnfState === target)
      throw vnfmError("STATE_CONFLICT", `VNF instance ${instance.id} is already ${target}`);
    const flavour = flavourOf(vnfd, info.flavourId);
    const graceful = request.stopType !== "FORCEFUL";
    return plan({
      targetCounts: currentCounts(instance, flavour),
      running: target === "STARTED",
      stopGraceMs: graceful ? graceMs(request.gracefulStopTimeout, defaultGraceMs) : 0,
      vduFunctions: vduFunctions(flavour),
      env: vnfcEnv(instance, request.additionalParams),
      infoChanges: { vnfState: target },
    });
  },
};
