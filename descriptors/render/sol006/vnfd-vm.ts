import type { Flavour, LoadedIvfModel, ScalingPolicy, ScalingRule, Vnfc } from "../../model/model-types.js";
import { deltaSet, instancesAt, levelScaleLevels } from "../../model/scaling-math.js";
import {
  cloudInitFileName,
  memoryGb,
  metricsPort,
  minutesCeil,
  monitoringParameterId,
  osmPerformanceMetric,
} from "./osm-values.js";

/**
 * SOL006 v2.6.1 VNFD plus OSM IM augments for a VM deployment (one VDU per VNFC), strictly
 * valid against the YANG (provider, software-version, vnfm-info, complete sw-image-desc,
 * network-interface-requirements, mgmt-cp) and shaped for OSM's KPI autoscaling: KPIs are VDU
 * monitoring parameters with performance-metric kpi_<x>, scraped via df exporters-endpoints.
 */
function vdu(loaded: LoadedIvfModel, vnfc: Vnfc): Record<string, unknown> {
  const { model, platform } = loaded;
  return {
    id: vnfc.id,
    name: vnfc.name,
    description: vnfc.description,
    "sw-image-desc": platform.softwareImage.name,
    "virtual-compute-desc": `${vnfc.id}-compute`,
    "virtual-storage-desc": [
      `${vnfc.id}-root`,
      ...(vnfc.storage ?? []).map((storage) => `${vnfc.id}-${storage.id}`),
    ],
    "cloud-init-file": cloudInitFileName(model, vnfc),
    "int-cpd": vnfc.internalCps.map((cp) => ({
      id: cp.id,
      ...(cp.virtualLink ? { "int-virtual-link-desc": cp.virtualLink } : {}),
      "layer-protocol": ["ipv4"],
      order: [cp.order],
      "virtual-network-interface-requirement": [
        {
          name: `eth${cp.order}`,
          position: cp.order + 1,
          "network-interface-requirements": [{ key: "vif-model", value: "virtio" }],
          "virtual-interface": { type: "VIRTIO" },
        },
      ],
    })),
    "monitoring-parameter": model.monitoring.kpis.map((kpi) => ({
      id: monitoringParameterId(vnfc, kpi),
      name: kpi.description,
      "performance-metric": osmPerformanceMetric(kpi),
      "collection-period": kpi.collectionPeriodSeconds,
    })),
  };
}

function resources(loaded: LoadedIvfModel): Record<string, unknown> {
  const { model, platform } = loaded;
  const image = platform.softwareImage;
  return {
    "virtual-compute-desc": model.vnfcs.map((vnfc) => ({
      id: `${vnfc.id}-compute`,
      "virtual-memory": { size: memoryGb(vnfc.compute.memoryMiB) },
      "virtual-cpu": {
        ...(vnfc.compute.cpuArchitecture ? { "cpu-architecture": vnfc.compute.cpuArchitecture } : {}),
        "num-virtual-cpu": vnfc.compute.vcpus,
      },
    })),
    "virtual-storage-desc": model.vnfcs.flatMap((vnfc) => [
      {
        id: `${vnfc.id}-root`,
        "type-of-storage": "root-storage",
        "size-of-storage": image.minDiskGiB,
        "sw-image-desc": image.name,
      },
      ...(vnfc.storage ?? []).map((storage) => ({
        id: `${vnfc.id}-${storage.id}`,
        "type-of-storage": "ephemeral-storage",
        "size-of-storage": storage.sizeGiB,
        description: storage.description,
      })),
    ]),
    "sw-image-desc": [
      {
        id: image.name,
        name: image.name,
        version: image.version,
        checksum: { algorithm: "sha-256", hash: image.sha256 },
        "container-format": image.containerFormat,
        "disk-format": image.diskFormat,
        "min-disk": image.minDiskGiB,
        size: image.sizeGiB,
        image: image.name,
        "operating-system": image.operatingSystem,
      },
    ],
  };
}

function criteriaFor(
  model: LoadedIvfModel["model"],
  vnfc: Vnfc,
  policy: ScalingPolicy,
  rule: ScalingRule,
  direction: "out" | "in",
): Record<string, unknown>[] {
  return rule.criteria.map((criterion) => {
    const kpi = model.monitoring.kpis.find((candidate) => candidate.id === criterion.kpi);
    return {
      name: `${policy.id}-${direction}-${criterion.kpi.replace(/_/g, "-")}`,
      [`scale-${direction}-threshold`]: criterion.threshold,
      [`scale-${direction}-relational-operation`]: criterion.operator,
      "vnf-monitoring-param-ref": kpi ? monitoringParameterId(vnfc, kpi) : criterion.kpi,
    };
  });
}

/** One OSM scaling-policy per direction, so each keeps its own evaluation window and cooldown. */
function osmPolicies(
  loaded: LoadedIvfModel,
  flavour: Flavour,
  aspectId: string,
  vnfc: Vnfc,
): Record<string, unknown>[] {
  const { model } = loaded;
  return model.monitoring.scalingPolicies
    .filter((policy) => policy.flavour === flavour.id && policy.aspect === aspectId)
    .flatMap((policy) =>
      (["out", "in"] as const).map((direction) => {
        const rule = direction === "out" ? policy.scaleOut : policy.scaleIn;
        return {
          name: `${policy.id}-scale-${direction}`,
          "scaling-type": "automatic",
          enabled: model.configurableProperties.isAutoscaleEnabled,
          [`scale-${direction}-operation-type`]: rule.combine,
          "threshold-time": minutesCeil(rule.evaluationWindowSeconds, 1),
          "cooldown-time": minutesCeil(rule.cooldownSeconds, 0),
          "scaling-criteria": criteriaFor(model, vnfc, policy, rule, direction),
        };
      }),
    );
}

function instantiationLevels(flavour: Flavour): Record<string, unknown>[] {
  const uniform = (aspectId: string) =>
    flavour.scalingAspects.find((aspect) => aspect.id === aspectId)?.steps.length === 1;
  return flavour.instantiationLevels.map((level) => ({
    id: level.id,
    description: level.description,
    "vdu-level": Object.keys(flavour.vnfcProfiles).map((vnfcId) => ({
      "vdu-id": vnfcId,
      "number-of-instances": instancesAt(flavour, vnfcId, levelScaleLevels(flavour, level.id)),
    })),
    // OSM scales every aspect uniformly; scale levels are only stated where they mean the same.
    "scaling-info": flavour.scalingAspects
      .filter((aspect) => uniform(aspect.id))
      .map((aspect) => ({
        "scaling-aspect-id": aspect.id,
        "scale-level": level.scaleLevels[aspect.id] ?? 0,
      })),
  }));
}

/** SOL006 timeouts are yang:timeticks (hundredths of a second). */
function lcmOperations(loaded: LoadedIvfModel): Record<string, unknown> {
  return {
    "supported-operation": [
      "instantiate-vnf",
      "scale-vnf",
      "scale-vnf-to-level",
      "heal-vnf",
      "terminate-vnf",
      "operate-vnf",
    ],
    "lcm-operations-configuration": {
      "scale-vnf-op-config": { "scaling-by-more-than-one-step-supported": true },
      "scale-vnf-to-level-op-config": { "arbitrary-target-levels-supported": true },
      "terminate-vnf-op-config": {
        "min-graceful-termination": loaded.model.lifecycle.gracefulTerminationSeconds * 100,
      },
    },
  };
}

function deploymentFlavour(loaded: LoadedIvfModel, flavour: Flavour): Record<string, unknown> {
  const { model } = loaded;
  const metrics = metricsPort(model);
  return {
    id: flavour.id,
    description: flavour.description,
    "vdu-profile": Object.entries(flavour.vnfcProfiles).map(([id, profile]) => ({
      id,
      "min-number-of-instances": profile.min,
      "max-number-of-instances": profile.max,
    })),
    "instantiation-level": instantiationLevels(flavour),
    "default-instantiation-level": flavour.defaultInstantiationLevel,
    ...lcmOperations(loaded),
    indicator: model.monitoring.kpis
      .filter((kpi) => kpi.indicator === true)
      .map((kpi) => ({ id: kpi.id, name: kpi.description, "indicator-value": kpi.metric, source: "vnf" })),
    "scaling-aspect": flavour.scalingAspects.map((aspect) => scalingAspect(loaded, flavour, aspect.id)),
    "exporters-endpoints": {
      "metric-path": model.monitoring.metricsPath,
      "metric-port": metrics.port,
      "external-connection-point-ref": metrics.extCpd,
    },
    ...(model.configurableProperties.isAutohealEnabled ? { "healing-aspect": healing(loaded, flavour) } : {}),
  };
}

function scalingAspect(loaded: LoadedIvfModel, flavour: Flavour, aspectId: string): Record<string, unknown> {
  const aspect = flavour.scalingAspects.find((candidate) => candidate.id === aspectId);
  if (!aspect) throw new Error(`aspect ${aspectId} missing`);
  const first = deltaSet({ ...aspect, steps: aspect.steps.slice(0, 1) }).deltas[0];
  const vnfcId = Object.keys(first?.instances ?? {})[0] ?? "";
  const vnfc = loaded.model.vnfcs.find((candidate) => candidate.id === vnfcId) ?? loaded.model.vnfcs[0];
  // SOL006 v2.6.1 has a single step-deltas leaf and OSM applies one delta per step, so a
  // non-uniform aspect is rendered with its first delta and the levels that fit the profile.
  const profile = flavour.vnfcProfiles[vnfcId];
  const perStep = first?.instances[vnfcId] ?? 1;
  const maxLevel =
    aspect.steps.length === 1 || !profile
      ? aspect.maxScaleLevel
      : Math.floor((profile.max - profile.initial) / perStep);
  return {
    id: aspect.id,
    name: aspect.id,
    description: aspect.description,
    "max-scale-level": maxLevel,
    "aspect-delta-details": {
      deltas: [
        {
          id: first?.id ?? `${aspect.id}-delta-1`,
          "vdu-delta": Object.entries(first?.instances ?? {}).map(([id, count]) => ({
            id,
            "number-of-instances": count,
          })),
        },
      ],
      "step-deltas": first?.id ?? `${aspect.id}-delta-1`,
    },
    ...(vnfc ? { "scaling-policy": osmPolicies(loaded, flavour, aspect.id, vnfc) } : {}),
  };
}

function healing(loaded: LoadedIvfModel, flavour: Flavour): Record<string, unknown>[] {
  return [
    {
      id: `${flavour.id}-autoheal`,
      "healing-policy": Object.keys(flavour.vnfcProfiles).map((vnfcId) => ({
        "vdu-id": vnfcId,
        "event-name": `heal-${vnfcId}`,
        "recovery-type": "automatic",
        "action-on-recovery": "REDEPLOY_ONLY",
        "cooldown-time": 180,
        day1: false,
      })),
    },
  ];
}

export function renderSol006VnfdVm(loaded: LoadedIvfModel): Record<string, unknown> {
  const { model, platform } = loaded;
  const management = model.extCpds.find((cpd) => cpd.management === true);
  return {
    vnfd: {
      id: model.name,
      provider: platform.provider,
      "product-name": model.productName,
      "software-version": platform.softwareVersion,
      version: model.descriptorVersion,
      "product-info-name": model.name,
      "product-info-description": model.description,
      "vnfm-info": ["osm"],
      description: model.description,
      "mgmt-cp": management?.id,
      ...resources(loaded),
      vdu: model.vnfcs.map((vnfc) => vdu(loaded, vnfc)),
      "int-virtual-link-desc": model.virtualLinks.map((link) => ({
        id: link.id,
        description: link.description,
        "connectivity-type": {
          "layer-protocol": ["ipv4"],
          ...(link.flowPattern ? { "flow-pattern": link.flowPattern } : {}),
        },
      })),
      "ext-cpd": model.extCpds.map((cpd) => ({
        id: cpd.id,
        description: cpd.description,
        "int-cpd": { "vdu-id": cpd.vnfc, cpd: cpd.internalCp },
        "layer-protocol": ["ipv4"],
      })),
      df: model.flavours.map((flavour) => deploymentFlavour(loaded, flavour)),
      "configurable-properties": {
        "is-auto-scalable-enabled": model.configurableProperties.isAutoscaleEnabled,
        "is-auto-heal-enabled": model.configurableProperties.isAutohealEnabled,
      },
    },
  };
}
