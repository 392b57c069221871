import { apiError } from "../common/api-error.js";
import type { ApiContext } from "../common/api-context.js";
import { ALL_KPIS_GROUP, type ObjectType } from "./pm-records.js";

/**
 * Checks what a PM job or threshold measures (SOL003 6.4.2.3.1 / 6.4.5.3.1: 422 when the
 * request cannot be processed): known VNF instances, KPIs their descriptor declares, and for
 * objectType Vnfc one instance whose VNFCs the sub-object ids name.
 */
export function checkTargets(
  context: ApiContext,
  objectType: ObjectType,
  objectInstanceIds: string[],
  subObjectInstanceIds: string[] | undefined,
  metrics: string[],
): void {
  if (subObjectInstanceIds && objectInstanceIds.length !== 1) {
    throw apiError(
      "UNPROCESSABLE",
      "subObjectInstanceIds requires exactly one objectInstanceIds entry (SOL003 6.5.2.6)",
    );
  }
  if (subObjectInstanceIds && objectType !== "Vnfc")
    throw apiError("UNPROCESSABLE", "subObjectInstanceIds applies to objectType Vnfc only");
  for (const id of objectInstanceIds) {
    const view = context.hub.get(id);
    if (!view) throw apiError("UNPROCESSABLE", `VNF instance ${id} is not instantiated or not monitored`);
    const known = new Set(view.profile.kpis.map((kpi) => kpi.id));
    const unknown = metrics.filter((metric) => !known.has(metric));
    if (unknown.length > 0) {
      throw apiError(
        "UNPROCESSABLE",
        `performance metric(s) ${unknown.join(", ")} are not KPIs of VNF instance ${id}; known: ${[...known].join(", ")}`,
      );
    }
    const vnfcIds = new Set(view.vnf.vnfcs.map((vnfc) => vnfc.id));
    const missing = (subObjectInstanceIds ?? []).filter((vnfcId) => !vnfcIds.has(vnfcId));
    if (missing.length > 0)
      throw apiError("UNPROCESSABLE", `VNFC(s) ${missing.join(", ")} are not VNFCs of VNF instance ${id}`);
  }
}

/** KPI ids a PM job collects for one VNF instance (its metrics plus the groups it names). */
export function metricsOf(
  context: ApiContext,
  vnfInstanceId: string,
  criteria: { performanceMetric?: string[]; performanceMetricGroup?: string[] },
): string[] {
  const view = context.hub.get(vnfInstanceId);
  const all = view ? view.profile.kpis.map((kpi) => kpi.id) : [];
  const wanted = new Set(criteria.performanceMetric ?? []);
  if ((criteria.performanceMetricGroup ?? []).includes(ALL_KPIS_GROUP)) for (const id of all) wanted.add(id);
  return [...wanted];
}

export function checkGroups(groups: string[] | undefined): void {
  const unknown = (groups ?? []).filter((group) => group !== ALL_KPIS_GROUP);
  if (unknown.length > 0)
    throw apiError(
      "UNPROCESSABLE",
      `performanceMetricGroup ${unknown.join(", ")} is unknown; the only group is ${ALL_KPIS_GROUP}`,
    );
}
