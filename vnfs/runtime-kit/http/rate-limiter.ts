/**
 * Token-bucket rate limiting per key (client address, API key, device): `burst` requests at
 * once, refilled at `perSecond`. Buckets idle long enough to be full are forgotten, so memory
 * stays bounded under a flood of distinct keys (at most `maxKeys`; beyond that the oldest go).
 */
export interface RateLimiterOptions {
  perSecond: number;
  burst: number;
  maxKeys?: number;
}

export class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();

  constructor(private readonly options: RateLimiterOptions) {}

  /** Takes one token; returns 0 when allowed, else the seconds to wait before retrying. */
  take(key: string, now = Date.now()): number {
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(key) ?? { tokens: burst, at: now };
    bucket.tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    bucket.at = now;
    this.buckets.delete(key);
    this.buckets.set(key, bucket);
    this.evict();
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return 0;
    }
    return Math.ceil((1 - bucket.tokens) / perSecond);
  }

  /**
   * The seconds to wait before `key` has a token, without taking one (0: it has one). For
   * limits on failures: check before the costly attempt, `take` only when it failed.
   */
  wait(key: string, now = Date.now()): number {
    const { perSecond, burst } = this.options;
    const bucket = this.buckets.get(key);
    if (!bucket) return 0;
    const tokens = Math.min(burst, bucket.tokens + ((now - bucket.at) / 1000) * perSecond);
    return tokens >= 1 ? 0 : Math.ceil((1 - tokens) / perSecond);
  }

  private evict(): void {
    const max = this.options.maxKeys ?? 100_000;
    while (this.buckets.size > max) this.buckets.delete(this.buckets.keys().next().value!);
  }
}
