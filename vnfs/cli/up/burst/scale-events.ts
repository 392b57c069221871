/**
 * The scale events of the scenario as the VNFM recorded them: SCALE VnfLcmOpOcc resources
 * (SOL003 5.5.2.13) started since the scenario began, with the direction from operationParams
 * (ScaleVnfRequest.type), isAutomaticInvocation, startTime and the stateEnteredTime of their state.
 */
import type { InstanceSummary } from "../platform.js";
import type { OpOcc, VnfmClient } from "../vnfm-client.js";
import type { ScaleEvent } from "./burst-report.js";

interface ScaleOpOcc extends OpOcc {
  operationParams?: { type?: string; aspectId?: string };
}

export async function fetchScaleEvents(
  client: VnfmClient,
  instances: readonly InstanceSummary[],
  since: number,
): Promise<ScaleEvent[]> {
  const names = new Map(instances.map((entry) => [entry.vnfInstanceId, entry.ivf]));
  const { body } = await client.request<ScaleOpOcc[]>(
    "lcm",
    "GET",
    // operationParams is excluded from lists by default (SOL003 5.4.6.3.2): ask for every field.
    `/vnflcm/v2/vnf_lcm_op_occs?all_fields&filter=${encodeURIComponent("(eq,operation,SCALE)")}`,
  );
  return body
    .filter((occ) => occ.startTime !== undefined && Date.parse(occ.startTime) >= since - 1000)
    .map((occ) => ({
      ivf: names.get(occ.vnfInstanceId) ?? occ.vnfInstanceId,
      type: direction(occ),
      ...(occ.operationParams?.aspectId ? { aspectId: occ.operationParams.aspectId } : {}),
      automatic: occ.isAutomaticInvocation === true,
      state: occ.operationState,
      startTime: occ.startTime!,
      ...(["COMPLETED", "FAILED", "ROLLED_BACK", "FAILED_TEMP"].includes(occ.operationState) &&
      occ.stateEnteredTime
        ? { endTime: occ.stateEnteredTime }
        : {}),
    }));
}

function direction(occ: ScaleOpOcc): ScaleEvent["type"] {
  const type = occ.operationParams?.type;
  if (type === "SCALE_OUT" || type === "SCALE_IN") return type;
  throw new Error(`SCALE occurrence ${occ.id} has no operationParams.type (got ${JSON.stringify(type)})`);
}

/** Current scale level per IVF and aspect, to see when the platform is back where it started. */
export async function scaleLevels(
  client: VnfmClient,
  instances: readonly InstanceSummary[],
): Promise<Map<string, number>> {
  const names = new Map(instances.map((entry) => [entry.vnfInstanceId, entry.ivf]));
  const { body } = await client.request<
    { id: string; instantiatedVnfInfo?: { scaleStatus?: { aspectId: string; scaleLevel: number }[] } }[]
  >("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
  const levels = new Map<string, number>();
  for (const instance of body)
    for (const status of instance.instantiatedVnfInfo?.scaleStatus ?? [])
      levels.set(`${names.get(instance.id) ?? instance.id}/${status.aspectId}`, status.scaleLevel);
  return levels;
}
