/**
 * TerminateVnf (SOL003 5.4.8): GRACEFUL drains each VNFC (SIGTERM, then SIGKILL after
 * gracefulTerminationTimeout, or the configured default); FORCEFUL kills at once.
 */
import type { OperationModule } from "../operation-module.js";
import { flavourOf, graceMs, plan, requireInstantiated, vduFunctions } from "./common.js";

export const terminate: OperationModule = {
  operation: "TERMINATE",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "terminate");
    const flavour = flavourOf(vnfd, info.flavourId);
    const graceful = request.terminationType === "GRACEFUL";
    return plan({
      targetCounts: Object.fromEntries(Object.keys(flavour.vdus).map((id) => [id, 0])),
      remove: instance.vnfcs.map((v) => v.id),
      running: false,
      stopGraceMs: graceful ? graceMs(request.gracefulTerminationTimeout, defaultGraceMs) : 0,
      vduFunctions: vduFunctions(flavour),
      instanceChanges: { instantiationState: "NOT_INSTANTIATED" },
      clearInstantiatedInfo: true,
    });
  },
};
