import type { LoadedIvfModel } from "../../model/model-types.js";
import { deltaSet } from "../../model/scaling-math.js";

/**
 * OSM KNF flavour: the same function as a KDU deployed from the Helm chart shipped in the
 * package's helm-charts/<name>/ (OSM IM kdu augment). A KDU-only VNFD cannot satisfy SOL006
 * v2.6.1's min-elements on vdu/vdu-profile/instantiation-level (reference/osm-im/SOURCES.md);
 * OSM accepts it. Scaling maps onto kdu-resource-profile (the Deployment's replicas).
 */
export function knfVnfdId(loaded: LoadedIvfModel): string {
  return `${loaded.model.name}-knf`;
}

export function renderSol006VnfdKnf(loaded: LoadedIvfModel): Record<string, unknown> {
  const { model, platform } = loaded;
  const kduName = model.name;
  const flavour = model.flavours[0];
  const profiles = Object.entries(flavour?.vnfcProfiles ?? {}).map(([vnfcId, profile]) => ({
    id: `${vnfcId}-replicas`,
    "kdu-name": kduName,
    "resource-name": `${model.name}-${vnfcId}`,
    "min-number-of-instances": profile.min,
    "max-number-of-instances": profile.max,
  }));
  return {
    vnfd: {
      id: knfVnfdId(loaded),
      provider: platform.provider,
      "product-name": `${model.productName} (Kubernetes)`,
      "software-version": platform.softwareVersion,
      version: model.descriptorVersion,
      "vnfm-info": ["osm"],
      description: model.description,
      "mgmt-cp": "mgmt-ext",
      "ext-cpd": [{ id: "mgmt-ext", "k8s-cluster-net": "mgmtnet" }],
      "k8s-cluster": { nets: [{ id: "mgmtnet" }] },
      kdu: [
        {
          name: kduName,
          description: model.description,
          "helm-chart": model.name,
          "helm-version": "v3",
          service: [{ name: model.name, "external-connection-point-ref": "mgmt-ext" }],
        },
      ],
      df: [
        {
          id: flavour?.id ?? "default",
          description: flavour?.description,
          "kdu-resource-profile": profiles,
          "scaling-aspect": (flavour?.scalingAspects ?? []).map((aspect) => {
            const first = deltaSet({ ...aspect, steps: aspect.steps.slice(0, 1) }).deltas[0];
            return {
              id: aspect.id,
              name: aspect.id,
              description: aspect.description,
              "max-scale-level": aspect.maxScaleLevel,
              "aspect-delta-details": {
                deltas: [
                  {
                    id: first?.id ?? `${aspect.id}-delta-1`,
                    "kdu-resource-delta": Object.entries(first?.instances ?? {}).map(([vnfcId, count]) => ({
                      id: `${vnfcId}-replicas`,
                      "number-of-instances": count,
                    })),
                  },
                ],
              },
            };
          }),
        },
      ],
    },
  };
}
