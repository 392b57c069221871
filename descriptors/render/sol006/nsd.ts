import type { LoadedNetworkService } from "../../model/model-types.js";

/**
 * SOL006 v2.6.1 NSD in OSM's envelope (nsd: {nsd: [...]}, IM tests/examples/cirros_nsd_sol006.yaml).
 * vnf-profile id is OSM's member-vnf-index; constituent CPs use OSM's ns-vld augment. SOL006
 * ns-instantiation-level counts VNF instances only, so the per-member VNF level of each NS
 * level is carried by the member's vnf-profile (default level) and documented in the level.
 */
export function renderSol006Nsd(ns: LoadedNetworkService): Record<string, unknown> {
  const { model, platform } = ns;
  const vnfdIds = [...new Set(model.members.map((member) => member.ivf))];
  const linksOf = (memberId: string) =>
    model.virtualLinks.filter((link) => link.connects.some((connection) => connection.member === memberId));
  return {
    nsd: {
      nsd: [
        {
          id: model.name,
          name: model.name,
          designer: platform.provider,
          version: model.version,
          "invariant-id": model.nsdId,
          "vnfd-id": vnfdIds,
          sapd: model.saps.map((sap) => {
            const link = model.virtualLinks.find((candidate) =>
              candidate.connects.some(
                (connection) => connection.member === sap.member && connection.extCpd === sap.extCpd,
              ),
            );
            return { id: sap.id, "virtual-link-desc": link?.id };
          }),
          "virtual-link-desc": model.virtualLinks.map((link) => ({
            id: link.id,
            description: link.description,
            "connectivity-type": { "layer-protocol": ["ipv4"] },
            // the flavour virtual-link-profile/flavour-id refers to (deref(virtual-link-desc-id)/../df/id)
            df: [{ id: "default" }],
            ...(link.management ? { "mgmt-network": true } : {}),
          })),
          df: [
            {
              id: "default",
              "vnf-profile": model.members.map((member) => ({
                id: member.id,
                "vnfd-id": member.ivf,
                "flavour-id": member.flavour,
                "instantiation-level": member.instantiationLevel,
                "min-number-of-instances": member.minInstances,
                "max-number-of-instances": member.maxInstances,
                "virtual-link-connectivity": linksOf(member.id).map((link) => ({
                  "virtual-link-profile-id": link.id,
                  "constituent-cpd-id": link.connects
                    .filter((connection) => connection.member === member.id)
                    .map((connection) => ({
                      "constituent-base-element-id": member.id,
                      "constituent-cpd-id": connection.extCpd,
                    })),
                })),
              })),
              "virtual-link-profile": model.virtualLinks.map((link) => ({
                id: link.id,
                "virtual-link-desc-id": link.id,
                "flavour-id": "default",
                "max-bitrate-requirements": { root: link.maxBitrateBps },
                "min-bitrate-requirements": { root: link.minBitrateBps },
              })),
              "ns-instantiation-level": model.instantiationLevels.map((level) => ({
                id: level.id,
                description: `${level.description} (VNF levels: ${Object.entries(level.members)
                  .map(([member, vnfLevel]) => `${member}=${vnfLevel}`)
                  .join(", ")})`,
                "vnf-to-level-mapping": model.members.map((member) => ({
                  "vnf-profile-id": member.id,
                  "number-of-instances": member.minInstances,
                })),
              })),
              "default-instantiation-level": model.defaultInstantiationLevel,
            },
          ],
        },
      ],
    },
  };
}
