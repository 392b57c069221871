/**
 * LccnSubscription filter matching (SOL003 5.5.3.12, SOL013 8.2 VnfInstanceSubscriptionFilter):
 * every present criterion must match; within a list, any entry matches.
 */
import type {
  LccnFilter,
  NotificationType,
  VnfInstanceRecord,
  VnfLcmOpOccRecord,
} from "../objects/models.js";

export interface NotificationEvent {
  type: NotificationType;
  instance: VnfInstanceRecord;
  occ?: VnfLcmOpOccRecord;
}

function instanceMatches(
  filter: NonNullable<LccnFilter["vnfInstanceSubscriptionFilter"]>,
  instance: VnfInstanceRecord,
): boolean {
  if (filter.vnfdIds?.length && !filter.vnfdIds.includes(instance.vnfdId)) return false;
  if (filter.vnfInstanceIds?.length && !filter.vnfInstanceIds.includes(instance.id)) return false;
  if (filter.vnfInstanceNames?.length && !filter.vnfInstanceNames.includes(instance.vnfInstanceName ?? ""))
    return false;
  if (filter.vnfProductsFromProviders?.length) {
    const provider = filter.vnfProductsFromProviders.find((p) => p.vnfProvider === instance.vnfProvider);
    if (!provider) return false;
    if (provider.vnfProducts?.length) {
      const product = provider.vnfProducts.find((p) => p.vnfProductName === instance.vnfProductName);
      if (!product) return false;
      if (product.versions?.length) {
        const version = product.versions.find((v) => v.vnfSoftwareVersion === instance.vnfSoftwareVersion);
        if (!version) return false;
        if (version.vnfdVersions?.length && !version.vnfdVersions.includes(instance.vnfdVersion))
          return false;
      }
    }
  }
  return true;
}

export function filterMatches(filter: LccnFilter | undefined, event: NotificationEvent): boolean {
  if (!filter) return true;
  if (filter.notificationTypes?.length && !filter.notificationTypes.includes(event.type)) return false;
  if (
    filter.vnfInstanceSubscriptionFilter &&
    !instanceMatches(filter.vnfInstanceSubscriptionFilter, event.instance)
  )
    return false;
  if (event.type === "VnfLcmOperationOccurrenceNotification" && event.occ) {
    if (filter.operationTypes?.length && !filter.operationTypes.includes(event.occ.operation)) return false;
    if (filter.operationStates?.length && !filter.operationStates.includes(event.occ.operationState))
      return false;
  }
  return true;
}
