/**
 * Turns conductor events into notifications for every matching subscription (LcmEvents port).
 * Each subscription receives the shape of the API major version it was created on.
 */
import type { LcmEvents } from "../conductor/lcm-events.js";
import type { ApiMajor, NotificationType, VnfInstanceRecord, VnfLcmOpOccRecord } from "../objects/models.js";
import type { VnfmRepositories } from "../objects/repositories.js";
import type { NotificationDelivery } from "./delivery.js";
import { identifierNotification, occNotification } from "./lccn-body.js";
import { filterMatches } from "./subscription-filter.js";

export class Notifier implements LcmEvents {
  constructor(
    private readonly repos: VnfmRepositories,
    private readonly delivery: NotificationDelivery,
    private readonly lcmBase: (major: ApiMajor) => string,
  ) {}

  private async matching(type: NotificationType, instance: VnfInstanceRecord, occ?: VnfLcmOpOccRecord) {
    const subs = await this.repos.subscriptions.find({});
    return subs.filter((sub) => filterMatches(sub.filter, { type, instance, ...(occ ? { occ } : {}) }));
  }

  async opOccChanged(
    occ: VnfLcmOpOccRecord,
    instance: VnfInstanceRecord,
    status: "START" | "RESULT",
  ): Promise<void> {
    for (const sub of await this.matching("VnfLcmOperationOccurrenceNotification", instance, occ)) {
      await this.delivery.enqueue(
        sub,
        occNotification(sub, occ, instance, status, this.lcmBase(sub.createdBy)),
      );
    }
  }

  async instanceCreated(instance: VnfInstanceRecord): Promise<void> {
    for (const sub of await this.matching("VnfIdentifierCreationNotification", instance)) {
      await this.delivery.enqueue(
        sub,
        identifierNotification(
          sub,
          instance,
          "VnfIdentifierCreationNotification",
          this.lcmBase(sub.createdBy),
        ),
      );
    }
  }

  async instanceDeleted(instance: VnfInstanceRecord): Promise<void> {
    for (const sub of await this.matching("VnfIdentifierDeletionNotification", instance)) {
      await this.delivery.enqueue(
        sub,
        identifierNotification(
          sub,
          instance,
          "VnfIdentifierDeletionNotification",
          this.lcmBase(sub.createdBy),
        ),
      );
    }
  }
}
