/** InstantiateVnf (SOL003 5.4.4): NOT_INSTANTIATED -> INSTANTIATED at the requested (or default) instantiation level. */
import type { VimConnectionInfo } from "../../objects/models.js";
import { instantiationTarget } from "../../vnfd/scaling.js";
import type { OperationModule } from "../operation-module.js";
import {
  flavourOf,
  maxScaleLevelsOf,
  plan,
  requireNotInstantiated,
  scaleStatusOf,
  vduFunctions,
  vnfcEnv,
} from "./common.js";

export const instantiate: OperationModule = {
  operation: "INSTANTIATE",
  needsGrant: true,
  plan({ instance, request, vnfd }) {
    requireNotInstantiated(instance, "instantiate");
    const flavour = flavourOf(vnfd, String(request.flavourId));
    const levelId =
      typeof request.instantiationLevelId === "string" ? request.instantiationLevelId : undefined;
    const { levels, counts } = instantiationTarget(flavour, levelId);
    const vims = (request.vimConnectionInfo ?? {}) as Record<string, VimConnectionInfo>;
    return plan({
      targetCounts: counts,
      running: true,
      vduFunctions: vduFunctions(flavour),
      env: vnfcEnv(instance, request.additionalParams),
      instantiationLevelId: levelId ?? flavour.defaultLevel,
      flavourId: flavour.flavourId,
      instanceChanges: {
        instantiationState: "INSTANTIATED",
        vimConnectionInfo: { ...instance.vimConnectionInfo, ...vims },
        ...(request.vnfConfigurableProperties
          ? {
              vnfConfigurableProperties: {
                ...instance.vnfConfigurableProperties,
                ...(request.vnfConfigurableProperties as object),
              },
            }
          : {}),
        ...(request.extensions
          ? { extensions: { ...instance.extensions, ...(request.extensions as object) } }
          : {}),
      },
      infoChanges: {
        flavourId: flavour.flavourId,
        vnfState: "STARTED",
        scaleStatus: scaleStatusOf(vnfd, levels),
        maxScaleLevels: maxScaleLevelsOf(vnfd, flavour),
        extVirtualLinkInfo: Array.isArray(request.extVirtualLinks)
          ? (request.extVirtualLinks as Record<string, unknown>[]).map(extLinkInfo)
          : [],
        ...(typeof request.localizationLanguage === "string"
          ? { localizationLanguage: request.localizationLanguage }
          : {}),
      },
    });
  },
};

/** ExtVirtualLinkInfo (SOL003 5.5.3.2) from an ExtVirtualLinkData of the request. */
export function extLinkInfo(link: Record<string, unknown>): Record<string, unknown> {
  return {
    id: link.id,
    resourceHandle: {
      resourceId: link.resourceId,
      ...(link.vimConnectionId ? { vimConnectionId: link.vimConnectionId } : {}),
    },
    // SOL003 v3.3.1 5.5.3.2: the external CPs currently configured on this link.
    currentVnfExtCpData: Array.isArray(link.extCps) ? link.extCps : [],
  };
}
