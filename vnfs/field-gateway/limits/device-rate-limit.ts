import type { IvfKpis } from "../../runtime-kit/metrics/ivf-kpis.js";
import { RateLimiter } from "../../runtime-kit/http/rate-limiter.js";
import type { TelemetryInput, TelemetryIntake } from "../ingest/accept-telemetry.js";
import { IngestError } from "../ingest/ingest-errors.js";

/**
 * Telemetry rate limit per device (docs/design/security.md): a token bucket per credential and
 * device — the group's API key with the device id (a key belongs to one group of one tenant),
 * or the tenant and device a client certificate names. It sits in front of the intake, so a
 * device over its rate costs neither a registry lookup nor a bus publish; a guesser with a wrong
 * key gets buckets of its own and never uses up a real device's budget. Memory is bounded by
 * the limiter (least recently used buckets go first). Beyond the bucket the message is refused
 * with RATE_LIMITED: 429 with Retry-After over HTTP, a QUOTA_EXCEEDED PUBACK reason and the
 * `rate_limited` drop count over MQTT.
 */
export interface DeviceRateLimitOptions {
  perSecond: number;
  burst: number;
  /** Buckets kept at most (default 100,000). */
  maxDevices?: number;
}

export class RateLimitedIntake implements Pick<TelemetryIntake, "accept"> {
  private readonly buckets: RateLimiter;

  constructor(
    private readonly intake: Pick<TelemetryIntake, "accept">,
    private readonly kpis: IvfKpis,
    private readonly options: DeviceRateLimitOptions,
  ) {
    this.buckets = new RateLimiter({
      perSecond: options.perSecond,
      burst: options.burst,
      maxKeys: options.maxDevices ?? 100_000,
    });
  }

  accept(input: TelemetryInput): ReturnType<TelemetryIntake["accept"]> {
    const wait = this.buckets.take(bucketOf(input));
    if (wait > 0) {
      this.kpis.dropped.inc({ reason: "rate_limited" });
      return Promise.reject(
        new IngestError("RATE_LIMITED", [
          `device "${input.deviceId.slice(0, 128)}" sent more than ${this.options.perSecond} messages per second (burst ${this.options.burst}); retry in ${wait} s`,
        ]),
      );
    }
    return this.intake.accept(input);
  }
}

function bucketOf(input: TelemetryInput): string {
  if (input.certificate) return `x509\u0000${input.certificate.tenant}\u0000${input.deviceId}`;
  return `key\u0000${input.apiKey ?? ""}\u0000${input.deviceId}`;
}
