/**
 * HealVnf (SOL003 5.4.9). SOL003's HealVnfRequest names no VNFCs; we accept
 * additionalParams.vnfcInstanceId (list of VNFC ids, as SOL002 does) to replace chosen VNFCs,
 * and otherwise replace every VNFC that no longer runs or answers its readiness check.
 */
import { vnfmError } from "../../errors.js";
import type { OperationModule } from "../operation-module.js";
import { currentCounts, flavourOf, plan, requireInstantiated, vduFunctions, vnfcEnv } from "./common.js";

export const heal: OperationModule = {
  operation: "HEAL",
  needsGrant: true,
  async plan({ instance, request, vnfd, defaultGraceMs, vnfcStatus }) {
    const info = requireInstantiated(instance, "heal");
    const flavour = flavourOf(vnfd, info.flavourId);
    const params = (request.additionalParams ?? {}) as Record<string, unknown>;
    // SOL002/Tacker put vnfcInstanceId at the top level; SOL003 has only additionalParams.
    const named = params.vnfcInstanceId ?? request.vnfcInstanceId;
    let replace: string[];
    if (named !== undefined) {
      if (!Array.isArray(named))
        throw vnfmError("INVALID_TASK", "additionalParams.vnfcInstanceId must be a list of VNFC ids");
      replace = named.map(String);
      const unknown = replace.filter((id) => !instance.vnfcs.some((v) => v.id === id));
      if (unknown.length > 0)
        throw vnfmError(
          "INVALID_TASK",
          `additionalParams.vnfcInstanceId names unknown VNFCs: ${unknown.join(", ")}`,
        );
    } else {
      const statuses = await Promise.all(
        instance.vnfcs.map(async (v) => [v.id, await vnfcStatus(v)] as const),
      );
      replace = statuses.filter(([, status]) => status !== "running").map(([id]) => id);
    }
    return plan({
      targetCounts: currentCounts(instance, flavour),
      replace,
      running: info.vnfState === "STARTED",
      stopGraceMs: defaultGraceMs,
      vduFunctions: vduFunctions(flavour),
      env: vnfcEnv(instance, request.additionalParams),
    });
  },
};
