/** Helpers shared by the operation modules: state preconditions and the current VNFC picture. */
import { vnfmError } from "../../errors.js";
import type { InstantiatedVnfInfo, OperationPlan, VnfInstanceRecord } from "../../objects/models.js";
import type { FlavourModel, VnfdModel } from "../../vnfd/vnfd-model.js";
import type { Counts, Levels } from "../../vnfd/scaling.js";

export function requireInstantiated(instance: VnfInstanceRecord, action: string): InstantiatedVnfInfo {
  if (instance.instantiationState !== "INSTANTIATED" || !instance.instantiatedVnfInfo) {
    throw vnfmError(
      "STATE_CONFLICT",
      `cannot ${action} VNF instance ${instance.id}: it is NOT_INSTANTIATED; instantiate it first`,
    );
  }
  return instance.instantiatedVnfInfo;
}

export function requireNotInstantiated(instance: VnfInstanceRecord, action: string): void {
  if (instance.instantiationState !== "NOT_INSTANTIATED") {
    throw vnfmError(
      "STATE_CONFLICT",
      `cannot ${action} VNF instance ${instance.id}: it is already INSTANTIATED`,
    );
  }
}

export function flavourOf(vnfd: VnfdModel, flavourId: string): FlavourModel {
  const flavour = vnfd.flavours[flavourId];
  if (!flavour) {
    throw vnfmError(
      "INVALID_TASK",
      `flavourId "${flavourId}" is not a deployment flavour of VNFD ${vnfd.vnfdId} (known: ${Object.keys(vnfd.flavours).join(", ")})`,
    );
  }
  return flavour;
}

export function currentCounts(instance: VnfInstanceRecord, flavour: FlavourModel): Counts {
  const counts: Counts = Object.fromEntries(Object.keys(flavour.vdus).map((id) => [id, 0]));
  for (const vnfc of instance.vnfcs) counts[vnfc.vduId] = (counts[vnfc.vduId] ?? 0) + 1;
  return counts;
}

export function currentLevels(info: InstantiatedVnfInfo): Levels {
  return Object.fromEntries(info.scaleStatus.map((s) => [s.aspectId, s.scaleLevel]));
}

export function scaleStatusOf(
  vnfd: VnfdModel,
  levels: Levels,
): { aspectId: string; vnfdId: string; scaleLevel: number }[] {
  return Object.entries(levels).map(([aspectId, scaleLevel]) => ({
    aspectId,
    vnfdId: vnfd.vnfdId,
    scaleLevel,
  }));
}

export function maxScaleLevelsOf(
  vnfd: VnfdModel,
  flavour: FlavourModel,
): { aspectId: string; vnfdId: string; scaleLevel: number }[] {
  return Object.values(flavour.aspects).map((a) => ({
    aspectId: a.id,
    vnfdId: vnfd.vnfdId,
    scaleLevel: a.maxScaleLevel,
  }));
}

export function vduFunctions(flavour: FlavourModel): Record<string, string> {
  return Object.fromEntries(Object.values(flavour.vdus).map((vdu) => [vdu.id, vdu.name]));
}

/**
 * Environment for new VNFCs: additionalParams keys that look like IVF settings (IVF_*) become
 * environment variables of the VNFC, so an orchestrator can configure the IVF per instance.
 */
export function vnfcEnv(instance: VnfInstanceRecord, additionalParams: unknown): Record<string, string> {
  const env: Record<string, string> = {};
  const sources = [instance.vnfConfigurableProperties, additionalParams];
  for (const source of sources) {
    if (typeof source !== "object" || source === null) continue;
    for (const [key, value] of Object.entries(source)) {
      if (
        /^IVF_[A-Z0-9_]+$/.test(key) &&
        (typeof value === "string" || typeof value === "number" || typeof value === "boolean")
      )
        env[key] = String(value);
    }
  }
  return env;
}

/** The newest `n` VNFCs of a VDU (scale in drains the most recently added first). */
export function newestOf(instance: VnfInstanceRecord, vduId: string, n: number): string[] {
  return instance.vnfcs
    .filter((v) => v.vduId === vduId)
    .slice(-n)
    .map((v) => v.id)
    .reverse();
}

export function plan(
  base: Partial<OperationPlan> & Pick<OperationPlan, "targetCounts" | "running" | "vduFunctions">,
): OperationPlan {
  return {
    restore: [],
    replace: [],
    remove: [],
    stopGraceMs: 0,
    env: {},
    instanceChanges: {},
    infoChanges: {},
    ...base,
  };
}

export function graceMs(seconds: unknown, fallbackMs: number): number {
  return typeof seconds === "number" && seconds >= 0 ? seconds * 1000 : fallbackMs;
}
