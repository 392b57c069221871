/**
 * `ivf monitor`'s SOL003 APIs: no open APIs beyond loopback, and a per-client rate limit that
 * answers 429 ProblemDetails with Retry-After.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { isLoopback, monitorDefinition } from "../../monitoring/monitor-process.js";
import { VnfmStandIn } from "./support/vnfm-stand-in.js";

const cleanups: (() => Promise<unknown> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

function scratch(): string {
  const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-sec-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

describe("ivf monitor API security", () => {
  it("refuses to serve its APIs beyond loopback without IVF_MONITOR_API_TOKEN, naming the setting", async () => {
    const vnfm = await new VnfmStandIn("vnf-sec", "unknown-vnfd", "a").start();
    cleanups.push(() => vnfm.close());
    await expect(
      startIvf(monitorDefinition, {
        IVF_LOG_LEVEL: "silent",
        IVF_DATA_DIR: scratch(),
        IVF_HTTP_HOST: "0.0.0.0",
        IVF_HTTP_PORT: "0",
        IVF_MONITOR_VNFM_URL: vnfm.url,
      }),
    ).rejects.toThrow(
      /IVF_MONITOR_API_TOKEN is required when the agent listens on 0\.0\.0\.0 \(IVF_HTTP_HOST\)/,
    );
    expect([
      isLoopback("127.0.0.1"),
      isLoopback("::1"),
      isLoopback("[::1]"),
      isLoopback("localhost"),
    ]).toEqual([true, true, true, true]);
    expect([
      isLoopback("0.0.0.0"),
      isLoopback("::"),
      isLoopback("10.0.0.5"),
      isLoopback("127.example"),
    ]).toEqual([false, false, false, false]);
  });

  it("answers 429 ProblemDetails with Retry-After beyond the client's bucket; api_versions stays open", async () => {
    const vnfm = await new VnfmStandIn("vnf-sec", "unknown-vnfd", "a").start();
    cleanups.push(() => vnfm.close());
    const monitor = await startIvf(monitorDefinition, {
      IVF_LOG_LEVEL: "silent",
      IVF_DATA_DIR: scratch(),
      IVF_HTTP_PORT: "0",
      IVF_MONITOR_VNFM_URL: vnfm.url,
      IVF_MONITOR_INTERVAL: "1s",
      IVF_MONITOR_API_TOKEN: "api-secret",
      IVF_MONITOR_API_RATE: "1",
    });
    cleanups.push(() => monitor.stop());
    const alarms = () =>
      fetch(`${monitor.server.url}/vnffm/v1/alarms`, {
        headers: { version: "1.3.0", authorization: "Bearer api-secret" },
      });
    const statuses: number[] = [];
    for (let index = 0; index < 2; index++) {
      const response = await alarms();
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([200, 200]);
    const limited = await alarms();
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(await limited.json()).toMatchObject({ status: 429, title: "Too Many Requests" });
    const versions = await fetch(`${monitor.server.url}/vnffm/v1/api_versions`);
    expect(versions.status).toBe(200);
    await versions.text();
  });
});
