import { describe, expect, it } from "vitest";
import { captureLogs } from "../../support/log-capture.js";
import { LogThrottle } from "../../../vnfs/runtime-kit/logging/log-throttle.js";

const capture = () => captureLogs();

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe("LogThrottle", () => {
  it("writes the first lines of a key per interval and sums up the rest in one line", async () => {
    const { logger, lines } = capture();
    let now = 1_000_000;
    const throttle = new LogThrottle(logger, { perInterval: 3, intervalMs: 10_000, now: () => now });
    for (let i = 0; i < 1000; i += 1) throttle.warn("UNKNOWN_API_KEY", { i }, "MQTT message refused");
    throttle.warn("PAYLOAD_TOO_LARGE", {}, "MQTT message refused");
    await settle();
    expect(lines.map((line) => line.i ?? line.msg)).toEqual([0, 1, 2, "MQTT message refused"]);
    now += 10_000;
    throttle.warn("UNKNOWN_API_KEY", { i: 1000 }, "MQTT message refused");
    await settle();
    const summary = lines.find((line) => line.event === "log-suppressed");
    expect(summary).toMatchObject({ key: "UNKNOWN_API_KEY", suppressed: 997 });
    expect(lines.at(-1)).toMatchObject({ i: 1000 });
  });

  it("reports suppressed lines when the interval ends even if nothing else is logged, and on close", async () => {
    const { logger, lines } = capture();
    const throttle = new LogThrottle(logger, { perInterval: 1, intervalMs: 50 });
    for (let i = 0; i < 5; i += 1) throttle.warn("connect_rate", { i }, "refused");
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(lines.filter((line) => line.event === "log-suppressed")).toEqual([
      expect.objectContaining({ key: "connect_rate", suppressed: 4 }),
    ]);
    for (let i = 0; i < 3; i += 1) throttle.warn("packet_too_large", { i }, "refused");
    throttle.close();
    await settle();
    expect(lines.filter((line) => line.event === "log-suppressed").at(-1)).toMatchObject({
      key: "packet_too_large",
      suppressed: 2,
    });
  });

  it("keeps its memory bounded when callers pass many keys", async () => {
    const { logger, lines } = capture();
    const throttle = new LogThrottle(logger, { perInterval: 1, maxKeys: 2, now: () => 0 });
    for (let i = 0; i < 100; i += 1) throttle.warn(`key-${i}`, { i }, "refused");
    throttle.close();
    await settle();
    // key-0 and key-1 get their own line; every other key shares the overflow slot (1 line + summary).
    expect(lines.filter((line) => typeof line.i === "number").map((line) => line.i)).toEqual([0, 1, 2]);
    expect(lines.find((line) => line.event === "log-suppressed")).toMatchObject({
      key: "(other)",
      suppressed: 97,
    });
  });
});
