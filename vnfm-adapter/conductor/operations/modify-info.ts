/**
 * ModifyVnfInfo (SOL003 5.4.3.3.4, PATCH vnf_instances/{id}): a JSON Merge Patch (RFC 7396)
 * of the modifiable attributes. No VIM work and no grant; changedInfo carries the patch.
 */
import type { VnfInstanceRecord } from "../../objects/models.js";
import type { OperationModule } from "../operation-module.js";
import { plan } from "./common.js";

/** RFC 7396: null deletes, objects merge recursively, anything else replaces. */
export function mergePatch(target: unknown, patch: unknown): unknown {
  if (typeof patch !== "object" || patch === null || Array.isArray(patch)) return patch;
  const base: Record<string, unknown> =
    typeof target === "object" && target !== null && !Array.isArray(target)
      ? { ...(target as Record<string, unknown>) }
      : {};
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) delete base[key];
    else base[key] = mergePatch(base[key], value);
  }
  return base;
}

const MODIFIABLE = [
  "vnfInstanceName",
  "vnfInstanceDescription",
  "metadata",
  "extensions",
  "vnfConfigurableProperties",
  "vimConnectionInfo",
] as const;

export const modifyInfo: OperationModule = {
  operation: "MODIFY_INFO",
  needsGrant: false,
  plan({ instance, request }) {
    const changes: Partial<VnfInstanceRecord> = {};
    for (const key of MODIFIABLE) {
      if (!(key in request)) continue;
      (changes as Record<string, unknown>)[key] = mergePatch(instance[key], request[key]);
    }
    const counts: Record<string, number> = {};
    for (const v of instance.vnfcs) counts[v.vduId] = (counts[v.vduId] ?? 0) + 1;
    return plan({
      targetCounts: counts,
      running: instance.instantiatedVnfInfo?.vnfState === "STARTED",
      vduFunctions: {},
      instanceChanges: changes,
    });
  },
};
