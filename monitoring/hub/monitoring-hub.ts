import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { AggregateSnapshot } from "../aggregation/vnf-aggregator.js";
import type { MonitoredVnf } from "../discovery/monitored-vnf.js";
import type { MonitoringProfile } from "../discovery/monitoring-profile.js";

/** What is known about one VNF instance at the end of a monitoring cycle. */
export interface VnfView {
  vnf: MonitoredVnf;
  profile: MonitoringProfile;
  snapshot?: AggregateSnapshot;
}

export type ViewListener = (view: VnfView) => void | Promise<void>;

/**
 * The agent's current picture of every monitored VNF instance, shared by the control loop and
 * the SOL003 APIs (PM, thresholds, indicators read it; listeners run after each cycle). The
 * VNFM can host the APIs in its own server by passing the agent's hub to createMonitoringApis.
 */
export class MonitoringHub {
  private readonly views = new Map<string, VnfView>();
  private readonly listeners = new Set<ViewListener>();

  constructor(private readonly logger: Logger) {}

  async publish(view: VnfView): Promise<void> {
    this.views.set(view.vnf.id, view);
    for (const listener of this.listeners) {
      try {
        await listener(view);
      } catch (error) {
        this.logger.error({ err: error, vnfInstanceId: view.vnf.id }, "monitoring listener failed");
      }
    }
  }

  /** Keeps only these instances (the others were terminated). */
  retain(vnfInstanceIds: Iterable<string>): void {
    const wanted = new Set(vnfInstanceIds);
    for (const id of this.views.keys()) if (!wanted.has(id)) this.views.delete(id);
  }

  get(vnfInstanceId: string): VnfView | undefined {
    return this.views.get(vnfInstanceId);
  }

  list(): VnfView[] {
    return [...this.views.values()];
  }

  onView(listener: ViewListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
