/**
 * Drives the VIM from the VNFCs an instance has to the VNFCs a plan wants, one VNFC at a time.
 * Every finished step is reported before the next starts, so a crash leaves an exact record of
 * what exists, and running the same plan again (retry) only does what is still missing.
 * Order: removals (drain) first, then restores, replacements, liveness, additions.
 */
import { randomUUID } from "node:crypto";
import type { AffectedVnfc, ChangeType, OperationPlan, VnfcResource } from "../objects/models.js";
import type { VimDriver, VnfcRef } from "../infra-drivers/vim-driver.js";

export interface ReconcileHooks {
  /** Persists the new VNFC list and the change that produced it. */
  onChange(vnfcs: VnfcResource[], change: AffectedVnfc): Promise<void>;
  /** Throws when the occurrence was cancelled; called between steps. */
  checkCancel(): void;
}

export interface ReconcileTarget {
  driver: VimDriver;
  vnfInstanceId: string;
  vimConnectionId: string;
}

const refOf = (v: VnfcResource): VnfcRef => ({
  vnfcId: v.id,
  resourceId: v.resourceId,
  metadata: v.metadata,
});

function change(v: VnfcResource, changeType: ChangeType): AffectedVnfc {
  return {
    id: v.id,
    vduId: v.vduId,
    changeType,
    computeResource: {
      vimConnectionId: v.vimConnectionId,
      resourceId: v.resourceId,
      vimLevelResourceType: "process",
    },
    metadata: v.metadata,
  };
}

export async function reconcile(
  start: VnfcResource[],
  plan: OperationPlan,
  target: ReconcileTarget,
  hooks: ReconcileHooks,
): Promise<VnfcResource[]> {
  let vnfcs = [...start];
  const { driver } = target;

  const launch = async (id: string, vduId: string): Promise<VnfcResource> => {
    const functionName = plan.vduFunctions[vduId] ?? vduId;
    const ref = await driver.start({
      vnfcId: id,
      vduId,
      functionName,
      vnfInstanceId: target.vnfInstanceId,
      env: plan.env,
    });
    return {
      id,
      vduId,
      vimConnectionId: target.vimConnectionId,
      resourceId: ref.resourceId,
      metadata: ref.metadata,
    };
  };
  const remove = async (v: VnfcResource) => {
    hooks.checkCancel();
    await driver.stop(refOf(v), plan.stopGraceMs);
    vnfcs = vnfcs.filter((x) => x.id !== v.id);
    await hooks.onChange(vnfcs, change(v, "REMOVED"));
  };
  const swap = async (v: VnfcResource, replacement: VnfcResource, type: ChangeType) => {
    vnfcs = vnfcs.map((x) => (x.id === v.id ? replacement : x));
    await hooks.onChange(vnfcs, change(replacement, type));
  };

  for (const id of plan.remove) {
    const v = vnfcs.find((x) => x.id === id);
    if (v) await remove(v);
  }
  for (const vduId of new Set(vnfcs.map((v) => v.vduId))) {
    const wanted = plan.targetCounts[vduId] ?? 0;
    const ofVdu = vnfcs.filter((v) => v.vduId === vduId);
    for (const v of ofVdu.slice(wanted).reverse()) await remove(v);
  }
  for (const wanted of plan.restore) {
    if (vnfcs.some((v) => v.id === wanted.id) || !plan.running) continue;
    hooks.checkCancel();
    const restored = await launch(wanted.id, wanted.vduId);
    vnfcs = [...vnfcs, restored];
    await hooks.onChange(vnfcs, change(restored, "ADDED"));
  }
  for (const id of plan.replace) {
    const v = vnfcs.find((x) => x.id === id);
    if (!v) continue;
    hooks.checkCancel();
    await driver.stop(refOf(v), plan.stopGraceMs);
    if (plan.running) await swap(v, await launch(v.id, v.vduId), "MODIFIED");
  }
  for (const v of [...vnfcs]) {
    const status = await driver.status(refOf(v));
    if (plan.running && status !== "running") {
      hooks.checkCancel();
      await driver.stop(refOf(v), 0);
      await swap(v, await launch(v.id, v.vduId), "MODIFIED");
    } else if (!plan.running && status === "running") {
      hooks.checkCancel();
      await driver.stop(refOf(v), plan.stopGraceMs);
      await swap(v, { ...v, metadata: { ...v.metadata, pid: null } }, "MODIFIED");
    }
  }
  for (const [vduId, wanted] of Object.entries(plan.targetCounts)) {
    while (plan.running && vnfcs.filter((v) => v.vduId === vduId).length < wanted) {
      hooks.checkCancel();
      const added = await launch(`${vduId}-${randomUUID().slice(0, 8)}`, vduId);
      vnfcs = [...vnfcs, added];
      await hooks.onChange(vnfcs, change(added, "ADDED"));
    }
  }
  return vnfcs;
}
