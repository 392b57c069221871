/**
 * Drives the VIM from the VNFCs an instance has to the VNFCs a plan wants. Removals, restores,
 * replacements and liveness repairs go one VNFC at a time; additions (instantiate, scale out by
 * one or several steps) start up to `parallelStarts` VNFCs at once, since a start mostly waits for
 * the VNFC's readiness. Every finished step is reported as soon as it is done (reports are
 * serialised), so a crash leaves an exact record of what exists, and running the same plan again
 * (retry) only does what is still missing. When one start fails, the starts already in flight
 * finish and are recorded before the failure is raised: nothing is left running unrecorded.
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
  /** VNFC starts in flight at once when adding VNFCs (default DEFAULT_PARALLEL_STARTS). */
  parallelStarts?: number;
}

/** Bounded so that a scale by many steps does not spawn and probe dozens of processes at once. */
export const DEFAULT_PARALLEL_STARTS = 4;

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
  const additions = Object.entries(plan.targetCounts).flatMap(([vduId, wanted]) => {
    const missing = plan.running ? wanted - vnfcs.filter((v) => v.vduId === vduId).length : 0;
    return Array.from({ length: Math.max(0, missing) }, () => vduId);
  });
  let reported = Promise.resolve();
  const record = (added: VnfcResource): Promise<void> => {
    reported = reported.then(() => {
      vnfcs = [...vnfcs, added];
      return hooks.onChange(vnfcs, change(added, "ADDED"));
    });
    return reported;
  };
  await inParallel(additions, target.parallelStarts ?? DEFAULT_PARALLEL_STARTS, async (vduId) => {
    hooks.checkCancel();
    await record(await launch(`${vduId}-${randomUUID().slice(0, 8)}`, vduId));
    hooks.checkCancel(); // a cancel that came while this start ran ends the batch once it is recorded
  });
  return vnfcs;
}

/**
 * Runs `task` over `items` with at most `limit` in flight. After the first failure no new task
 * starts; the ones in flight are awaited, then the first error is thrown.
 */
async function inParallel<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: { error: unknown } | undefined;
  const worker = async () => {
    while (!failure && next < items.length) {
      const item = items[next++]!;
      try {
        await task(item);
      } catch (error) {
        failure ??= { error };
      }
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, worker));
  if (failure) throw failure.error;
}
