import type { Logger } from "../../../vnfs/runtime-kit/logging/logger.js";
import type { DocumentStore } from "../../../vnfs/runtime-kit/store/document-store.js";
import type { AlarmManager } from "../../fault/alarm-manager.js";
import type { MonitoringHub } from "../../hub/monitoring-hub.js";
import type { NotificationSender } from "./notification-sender.js";

/** What the three monitoring APIs share. */
export interface ApiContext {
  store: DocumentStore;
  hub: MonitoringHub;
  alarms: AlarmManager;
  sender: NotificationSender;
  logger: Logger;
  /** Absolute apiRoot used in links and Location headers (e.g. http://vnfm.example:9890). */
  apiRoot: string;
  /** Test callback URIs with GET before accepting a subscription (SOL003 requires it). */
  testCallbacks: boolean;
  /** URI of a VNF instance resource in the LCM API, for `objectInstance`/`vnfInstance` links. */
  vnfInstanceHref(vnfInstanceId: string): string;
}

export function link(href: string): { href: string } {
  return { href };
}
