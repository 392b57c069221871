import type { KpiDefinition } from "../aggregation/kpi-catalogue.js";
import { kpiCatalogue } from "../aggregation/kpi-catalogue.js";
import type { ScalingPolicy } from "../autoscaling/policy-model.js";

/**
 * What the VNFD of a VNF instance says about monitoring: its KPIs (with how VNFCs combine),
 * which KPIs are VNF indicators, and its auto-scaling policies.
 */
export interface MonitoringProfile {
  vnfdId: string;
  kpis: KpiDefinition[];
  /** KPI ids declared as VNF indicators (SOL001 tosca.policies.nfv.VnfIndicator). */
  indicators: { id: string; name: string; kpi: string; minIntervalSeconds: number }[];
  scalingPolicies: ScalingPolicy[];
}

export interface ProfileSource {
  profileFor(vnfdId: string): MonitoringProfile | undefined;
}

/** The KPI declaration of the descriptor model (descriptors/model `monitoring.kpis[]`). */
export interface DeclaredKpi {
  id: string;
  metric: string;
  unit: string;
  description: string;
  aggregation: "avg" | "max" | "sum" | "rate" | "p99";
  collectionPeriodSeconds: number;
  indicator?: boolean;
}

/** The part of an IVF model (descriptors/model IvfModel) the agent reads. */
export interface DeclaredModel {
  descriptorId: string;
  productName?: string;
  monitoring: { kpis: DeclaredKpi[]; scalingPolicies: ScalingPolicy[] };
}

export function profileFromModel(model: DeclaredModel): MonitoringProfile {
  const kpis = model.monitoring.kpis.map(toDefinition);
  return {
    vnfdId: model.descriptorId,
    kpis,
    indicators: model.monitoring.kpis
      .filter((declared) => declared.indicator === true)
      .map((declared) => ({
        id: declared.id,
        name: declared.description,
        kpi: declared.id,
        minIntervalSeconds: declared.collectionPeriodSeconds,
      })),
    scalingPolicies: model.monitoring.scalingPolicies,
  };
}

function toDefinition(declared: DeclaredKpi): KpiDefinition {
  const scaling = true;
  const metric = declared.metric;
  const base = { id: declared.id, unit: declared.unit, description: declared.description, scaling };
  switch (declared.aggregation) {
    case "p99":
      return { ...base, aggregation: { kind: "quantile", metric, quantile: 0.99 } };
    case "rate":
      return { ...base, aggregation: { kind: "rate", metric } };
    default:
      return { ...base, aggregation: { kind: declared.aggregation, metric } };
  }
}

/** Profiles of a set of loaded models, by VNFD id; unknown VNFDs get the standard KPI set and no policies. */
export function staticProfileSource(models: DeclaredModel[]): ProfileSource {
  const profiles = new Map(models.map((model) => [model.descriptorId, profileFromModel(model)]));
  return {
    profileFor(vnfdId) {
      return profiles.get(vnfdId);
    },
  };
}

export function defaultProfile(vnfdId: string): MonitoringProfile {
  return { vnfdId, kpis: [...kpiCatalogue], indicators: [], scalingPolicies: [] };
}
