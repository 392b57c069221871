/**
 * Notification bodies (SOL003 5.5.2.17-19). The v2 shapes follow SOL003 v3.3.1; v1 subscribers
 * (ONAP SO) get the v2.4.1 shape, which differs only in links and optional members.
 * affectedVnfcs carries computeResource{vimConnectionId, resourceId}: ONAP SO builds its
 * A&AI vservers from it (notes/onap-tacker.md A.4).
 */
import { randomUUID } from "node:crypto";
import type { SubscriptionRecord, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";

export function occNotification(
  sub: SubscriptionRecord,
  occ: VnfLcmOpOccRecord,
  instance: VnfInstanceRecord,
  status: "START" | "RESULT",
  base: string,
): Record<string, unknown> {
  const body: Record<string, unknown> = {
    id: randomUUID(),
    notificationType: "VnfLcmOperationOccurrenceNotification",
    subscriptionId: sub.id,
    timeStamp: new Date().toISOString(),
    notificationStatus: status,
    operationState: occ.operationState,
    vnfInstanceId: instance.id,
    operation: occ.operation,
    isAutomaticInvocation: occ.isAutomaticInvocation,
    vnfLcmOpOccId: occ.id,
  };
  if (status === "RESULT" && sub.verbosity === "FULL") {
    if (occ.affectedVnfcs.length > 0) {
      body.affectedVnfcs = occ.affectedVnfcs.map((c) => ({
        id: c.id,
        vduId: c.vduId,
        changeType: c.changeType,
        computeResource: {
          vimConnectionId: c.computeResource.vimConnectionId,
          resourceId: c.computeResource.resourceId,
          vimLevelResourceType: c.computeResource.vimLevelResourceType ?? "process",
        },
        ...(c.metadata ? { metadata: c.metadata } : {}),
      }));
    }
    if (occ.changedInfo && occ.operationState === "COMPLETED") body.changedInfo = occ.changedInfo;
  }
  if (occ.error && status === "RESULT") body.error = occ.error;
  body._links = {
    vnfInstance: { href: `${base}/vnf_instances/${instance.id}` },
    subscription: { href: `${base}/subscriptions/${sub.id}` },
    vnfLcmOpOcc: { href: `${base}/vnf_lcm_op_occs/${occ.id}` },
  };
  return body;
}

export function identifierNotification(
  sub: SubscriptionRecord,
  instance: VnfInstanceRecord,
  type: "VnfIdentifierCreationNotification" | "VnfIdentifierDeletionNotification",
  base: string,
): Record<string, unknown> {
  return {
    id: randomUUID(),
    notificationType: type,
    subscriptionId: sub.id,
    timeStamp: new Date().toISOString(),
    vnfInstanceId: instance.id,
    _links: {
      vnfInstance: { href: `${base}/vnf_instances/${instance.id}` },
      subscription: { href: `${base}/subscriptions/${sub.id}` },
    },
  };
}
