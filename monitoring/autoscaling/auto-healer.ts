import type { Logger } from "../../vnfs/runtime-kit/logging/logger.js";
import type { OperationOutcome, Scaler } from "./scaler.js";

export interface AutoHealerOptions {
  scaler: Scaler;
  logger: Logger;
  /** Consecutive failed readiness probes before a VNFC is healed. */
  failureThreshold: number;
  /** After a heal request, the same VNFC is not healed again for this long (it is restarting). */
  healCooldownMs: number;
}

/**
 * Heals VNFCs that stop answering readiness, for instances with
 * `vnfConfigurableProperties.isAutohealEnabled` true (SOL003 5.5.2.2). One missed probe is
 * noise; `failureThreshold` in a row is a VNFC that needs replacing.
 */
export class AutoHealer {
  private readonly failures = new Map<string, number>();
  private readonly healedAt = new Map<string, number>();

  constructor(private readonly options: AutoHealerOptions) {}

  async observe(
    vnf: { id: string; isAutohealEnabled: boolean },
    vnfcId: string,
    ready: boolean,
    at: number,
  ): Promise<OperationOutcome | undefined> {
    const key = `${vnf.id}/${vnfcId}`;
    if (ready) {
      this.failures.delete(key);
      return undefined;
    }
    const count = (this.failures.get(key) ?? 0) + 1;
    this.failures.set(key, count);
    if (!vnf.isAutohealEnabled || count < this.options.failureThreshold) return undefined;
    const last = this.healedAt.get(key);
    if (last !== undefined && at - last < this.options.healCooldownMs) return undefined;
    const outcome = await this.options.scaler.heal({
      vnfInstanceId: vnf.id,
      vnfcInstanceIds: [vnfcId],
      cause: `VNFC ${vnfcId} failed ${count} consecutive readiness probes`,
    });
    if (outcome.started) {
      this.healedAt.set(key, at);
      this.failures.delete(key);
      this.options.logger.warn(
        { event: "auto_heal", vnfInstanceId: vnf.id, vnfcId },
        `healing VNFC ${vnfcId} of ${vnf.id}`,
      );
    } else {
      this.options.logger.warn(
        { event: "auto_heal_refused", vnfInstanceId: vnf.id, vnfcId, outcome },
        `heal of ${vnfcId} not started: ${outcome.detail}`,
      );
    }
    return outcome;
  }

  /** Forgets VNFCs that no longer exist. */
  retain(keys: Iterable<string>): void {
    const wanted = new Set(keys);
    for (const key of [...this.failures.keys(), ...this.healedAt.keys()]) {
      if (!wanted.has(key)) {
        this.failures.delete(key);
        this.healedAt.delete(key);
      }
    }
  }
}
