/**
 * ChangeExtVnfConnectivity (SOL003 5.4.11). The local-process VIM has no virtual networks, so
 * the new external links are recorded (extVirtualLinkInfo) and handed to VNFCs through
 * IVF_EXT_VIRTUAL_LINKS; running VNFCs are replaced so that they pick the change up.
 */
import type { VimConnectionInfo } from "../../objects/models.js";
import type { OperationModule } from "../operation-module.js";
import { extLinkInfo } from "./instantiate.js";
import { currentCounts, flavourOf, plan, requireInstantiated, vduFunctions, vnfcEnv } from "./common.js";

export const changeExtConn: OperationModule = {
  operation: "CHANGE_EXT_CONN",
  needsGrant: true,
  plan({ instance, request, vnfd, defaultGraceMs }) {
    const info = requireInstantiated(instance, "change the external connectivity of");
    const flavour = flavourOf(vnfd, info.flavourId);
    const links = new Map(info.extVirtualLinkInfo.map((l) => [String(l.id), l]));
    for (const link of (request.extVirtualLinks ?? []) as Record<string, unknown>[])
      links.set(String(link.id), extLinkInfo(link));
    const merged = [...links.values()];
    return plan({
      targetCounts: currentCounts(instance, flavour),
      replace: info.vnfState === "STARTED" ? instance.vnfcs.map((v) => v.id) : [],
      running: info.vnfState === "STARTED",
      stopGraceMs: defaultGraceMs,
      vduFunctions: vduFunctions(flavour),
      env: { ...vnfcEnv(instance, request.additionalParams), IVF_EXT_VIRTUAL_LINKS: JSON.stringify(merged) },
      instanceChanges: {
        vimConnectionInfo: {
          ...instance.vimConnectionInfo,
          ...((request.vimConnectionInfo ?? {}) as Record<string, VimConnectionInfo>),
        },
      },
      infoChanges: { extVirtualLinkInfo: merged },
    });
  },
};
