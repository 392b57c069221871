import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseArgs, run } from "../../monitoring/cli/monitor-command.js";
import { startIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { monitorDefinition } from "../../monitoring/monitor-process.js";
import { VnfmStandIn } from "./support/vnfm-stand-in.js";

describe("ivf monitor", () => {
  it("turns options into the IVF_MONITOR_* settings", () => {
    expect(parseArgs(["--vnfm-url", "http://127.0.0.1:9890", "--interval=500ms", "--port", "0"])).toEqual({
      IVF_MONITOR_VNFM_URL: "http://127.0.0.1:9890",
      IVF_MONITOR_INTERVAL: "500ms",
      IVF_HTTP_PORT: "0",
    });
    expect(parseArgs(["--vnfm"])).toBe("unknown option --vnfm");
    expect(parseArgs(["--interval"])).toBe("--interval needs a value");
  });

  it("exits 2 with every configuration problem listed, before starting anything", async () => {
    const errors: string[] = [];
    const original = console.error;
    console.error = (message: string) => errors.push(message);
    try {
      expect(await run(["--vnfm-url", "ftp://x", "--interval", "soon"])).toBe(2);
      expect(await run(["--bogus"])).toBe(2);
    } finally {
      console.error = original;
    }
    expect(errors[0]).toMatch(
      /IVF_MONITOR_VNFM_URL="ftp:\/\/x" uses ftp: but only http, https are supported/,
    );
    expect(errors[0]).toMatch(/IVF_MONITOR_INTERVAL="soon" is not a duration/);
    expect(errors[1]).toMatch(/unknown option --bogus/);
  });

  it("refuses to start without a VNFM URL", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-cli-"));
    try {
      await expect(
        startIvf(monitorDefinition, { IVF_LOG_LEVEL: "silent", IVF_DATA_DIR: dir }),
      ).rejects.toThrow(/IVF_MONITOR_VNFM_URL \(or --vnfm-url\) is required/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it("becomes ready after its first cycle and serves the SOL003 monitoring APIs, bearer-protected, with links on its own address", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-cli-"));
    const vnfm = await new VnfmStandIn("vnf-cli", "unknown-vnfd", "a").start();
    const monitor = await startIvf(monitorDefinition, {
      IVF_LOG_LEVEL: "silent",
      IVF_DATA_DIR: dir,
      IVF_HTTP_PORT: "0",
      IVF_MONITOR_VNFM_URL: vnfm.url,
      IVF_MONITOR_INTERVAL: "200ms",
      IVF_MONITOR_API_TOKEN: "api-secret",
    });
    try {
      const deadline = Date.now() + 5000;
      while ((await fetch(`${monitor.server.url}/readyz`)).status !== 200 && Date.now() < deadline)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect((await fetch(`${monitor.server.url}/readyz`)).status).toBe(200);
      const versions = await fetch(`${monitor.server.url}/vnffm/v1/api_versions`);
      expect(await versions.json()).toEqual({
        uriPrefix: `${monitor.server.url}/vnffm/v1`,
        apiVersions: [{ version: "1.3.0", isDeprecated: false }],
      });
      expect(versions.headers.get("version")).toBe("1.3.0");
      const alarms = (token?: string) =>
        fetch(`${monitor.server.url}/vnffm/v1/alarms`, {
          headers: { version: "1.3.0", ...(token ? { authorization: `Bearer ${token}` } : {}) },
        });
      const anonymous = await alarms();
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get("www-authenticate")).toContain("Bearer");
      expect((await alarms("wrong")).status).toBe(401);
      expect((await alarms("api-secret")).status).toBe(200);
    } finally {
      await monitor.stop();
      await vnfm.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
