import { describe, expect, it } from "vitest";
import { RateLimiter } from "../../../vnfs/runtime-kit/http/rate-limiter.js";

describe("token-bucket rate limiter", () => {
  it("allows a burst, then refills at the configured rate", () => {
    const limiter = new RateLimiter({ perSecond: 2, burst: 3 });
    const t = 1_000_000;
    expect([limiter.take("a", t), limiter.take("a", t), limiter.take("a", t)]).toEqual([0, 0, 0]);
    expect(limiter.take("a", t)).toBe(1);
    expect(limiter.take("a", t + 500)).toBe(0);
    expect(limiter.take("b", t)).toBe(0);
  });

  it("keeps memory bounded under a flood of distinct keys", () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 1, maxKeys: 100 });
    for (let index = 0; index < 10_000; index++) limiter.take(`client-${index}`, 0);
    expect(limiter.take("client-0", 0)).toBe(0);
    expect(limiter.take("client-9999", 0)).toBe(1);
  });

  it("tells how long a key must wait without taking a token", () => {
    const limiter = new RateLimiter({ perSecond: 1, burst: 2 });
    expect(limiter.wait("a", 0)).toBe(0);
    limiter.take("a", 0);
    expect(limiter.wait("a", 0)).toBe(0);
    limiter.take("a", 0);
    expect(limiter.wait("a", 0)).toBe(1);
    expect(limiter.wait("a", 0)).toBe(1);
    expect(limiter.wait("a", 1000)).toBe(0);
  });
});
