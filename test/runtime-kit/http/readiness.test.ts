import { describe, expect, it } from "vitest";
import { Readiness } from "../../../vnfs/runtime-kit/http/readiness.js";

describe("readiness", () => {
  it("is ready only when every check passes", async () => {
    const readiness = new Readiness();
    readiness.add("bus", () => true);
    readiness.add("store", async () => false);
    const report = await readiness.report();
    expect(report.ready).toBe(false);
    expect(report.checks).toEqual({
      bus: { ready: true },
      store: { ready: false, error: "dependency not ready" },
    });
  });

  it("treats a throwing or hanging check as not ready", async () => {
    const readiness = new Readiness(50);
    readiness.add("throws", () => {
      throw new Error("connection refused");
    });
    readiness.add("hangs", () => new Promise<boolean>(() => undefined));
    const report = await readiness.report();
    expect(report.ready).toBe(false);
    expect(report.checks.throws).toEqual({ ready: false, error: "connection refused" });
    expect(report.checks.hangs?.error).toMatch(/timed out after 50 ms/);
  });

  it("reports not ready once draining starts", async () => {
    const readiness = new Readiness();
    readiness.add("bus", () => true);
    expect((await readiness.report()).ready).toBe(true);
    readiness.markDraining();
    expect((await readiness.report()).ready).toBe(false);
  });
});
