/**
 * Builds the GrantRequest of an operation (SOL003 9.5.2.2) from its plan: one COMPUTE
 * addResource per VNFC to be created and one removeResource per VNFC to be deleted, with the
 * `_links` ONAP SO uses to find the VNF (notes/onap-tacker.md A.5).
 */
import { randomUUID } from "node:crypto";
import type { OperationPlan, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import type { GrantRequest, GrantResource } from "../nfvo/grant-port.js";

export function buildGrantRequest(
  occ: VnfLcmOpOccRecord,
  instance: VnfInstanceRecord,
  plan: OperationPlan,
  lcmBase: string,
): GrantRequest {
  const add: GrantResource[] = [];
  const remove: GrantResource[] = [];
  const removed = new Set(plan.remove);
  for (const v of instance.vnfcs) {
    if (removed.has(v.id))
      remove.push(computeOf(v.vduId, { vimConnectionId: v.vimConnectionId, resourceId: v.resourceId }));
  }
  const remaining = instance.vnfcs.filter((v) => !removed.has(v.id));
  for (const [vduId, wanted] of Object.entries(plan.targetCounts)) {
    const have = remaining.filter((v) => v.vduId === vduId);
    for (let i = have.length; i < wanted; i += 1) add.push(computeOf(vduId));
    for (const v of have.slice(wanted))
      remove.push(computeOf(vduId, { vimConnectionId: v.vimConnectionId, resourceId: v.resourceId }));
  }
  const update = plan.replace
    .map((id) => instance.vnfcs.find((v) => v.id === id))
    .filter((v) => v !== undefined)
    .map((v) => computeOf(v.vduId, { vimConnectionId: v.vimConnectionId, resourceId: v.resourceId }));
  return {
    vnfInstanceId: instance.id,
    vnfLcmOpOccId: occ.id,
    vnfdId: instance.vnfdId,
    ...((plan.flavourId ?? instance.instantiatedVnfInfo?.flavourId)
      ? { flavourId: plan.flavourId ?? instance.instantiatedVnfInfo?.flavourId }
      : {}),
    operation: occ.operation,
    isAutomaticInvocation: occ.isAutomaticInvocation,
    ...(plan.instantiationLevelId ? { instantiationLevelId: plan.instantiationLevelId } : {}),
    ...(add.length ? { addResources: add } : {}),
    ...(remove.length ? { removeResources: remove } : {}),
    ...(update.length ? { updateResources: update } : {}),
    _links: {
      vnfLcmOpOcc: { href: `${lcmBase}/vnf_lcm_op_occs/${occ.id}` },
      vnfInstance: { href: `${lcmBase}/vnf_instances/${instance.id}` },
    },
  };
}

function computeOf(vduId: string, resource?: { vimConnectionId: string; resourceId: string }): GrantResource {
  return {
    id: randomUUID(),
    type: "COMPUTE",
    vduId,
    resourceTemplateId: vduId,
    ...(resource ? { resource: { ...resource, vimLevelResourceType: "process" } } : {}),
  };
}
