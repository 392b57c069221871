import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createInterface } from "node:readline";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { monitoringForVnfm } from "../../monitoring/vnfm-monitoring.js";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { ConformanceValidator } from "../support/openapi-conformance.js";
import { referenceAvailable, referencePath } from "../support/reference.js";
import { CallbackServer, call } from "./support/api-harness.js";
import { faultOddities, indicatorOddities, perfOddities } from "./support/sol003-oddities.js";

/**
 * `ivf vnfm serve --monitoring` as a real process: the monitoring agent runs inside the VNFM and
 * vnfpm/v2, vnffm/v1 and vnfind/v1 are served on the VNFM's apiRoot next to vnflcm, behind the
 * VNFM's own OAuth 2.0 tokens, with answers valid against ETSI's official SOL003 documents.
 */
const available = referenceAvailable();
const official = (name: string, oddities: Parameters<typeof ConformanceValidator.fromFile>[1]) =>
  ConformanceValidator.fromFile(referencePath("etsi-nfv", "sol003", `sol003_${name}_openapi.json`), oddities);

describe.runIf(available)(
  "SOL003 monitoring APIs on the VNFM's apiRoot (ivf vnfm serve --monitoring)",
  () => {
    const dir = mkdtempSync(join(tmpdir(), "ivf-vnfm-monitoring-"));
    let child: ChildProcess;
    let apiRoot = "";
    let token = "";
    let callback: CallbackServer;
    const logs: string[] = [];

    beforeAll(async () => {
      callback = await new CallbackServer().start();
      child = spawn(
        process.execPath,
        ["--import", "tsx", "vnfs/cli/main.ts", "vnfm", "serve", "--monitoring"],
        {
          env: {
            ...process.env,
            IVF_VNFM_HTTP_PORT: "0",
            IVF_VNFM_DATA_DIR: dir,
            IVF_VNFM_CLIENTS: "nfvo:nfvo-secret-0123456789",
            IVF_MONGODB_URL: "",
            IVF_LOG_LEVEL: "info",
            IVF_MONITOR_INTERVAL: "500ms",
          },
          stdio: ["ignore", "pipe", "pipe"],
        },
      );
      createInterface({ input: child.stderr! }).on("line", (line) => logs.push(line));
      const listening = new Promise<string>((resolve, reject) => {
        createInterface({ input: child.stdout! }).on("line", (line) => {
          logs.push(line);
          const match = /"apiRoot":"([^"]+)".*VNFM adapter listening/.exec(line);
          if (match) resolve(match[1]!);
        });
        child.once("exit", (code) => reject(new Error(`ivf vnfm serve exited ${code}:\n${logs.join("\n")}`)));
      });
      apiRoot = await listening;
      const response = await fetch(`${apiRoot}/oauth2/token`, {
        method: "POST",
        headers: {
          authorization: `Basic ${Buffer.from("nfvo:nfvo-secret-0123456789").toString("base64")}`,
          "content-type": "application/x-www-form-urlencoded",
        },
        body: "grant_type=client_credentials",
      });
      token = ((await response.json()) as { access_token: string }).access_token;
    }, 90_000);

    afterAll(async () => {
      if (child && child.exitCode === null) {
        const exited = new Promise((resolve) => child.once("exit", resolve));
        child.kill("SIGTERM");
        await exited;
      }
      await callback?.close();
      rmSync(dir, { recursive: true, force: true });
    }, 30_000);

    const conform = async (
      validator: ConformanceValidator,
      base: string,
      method: string,
      path: string,
      body?: unknown,
    ) => {
      const version = base === "/vnfpm/v2" ? "2.1.0" : "1.3.0";
      const response = await call(`${apiRoot}${base}${path}`, method, body, {
        version,
        authorization: `Bearer ${token}`,
      });
      const problems = validator.checkResponse(path, method, response.status, response.body);
      expect(
        problems,
        `${method} ${base}${path} -> ${response.status} ${JSON.stringify(response.body)}`,
      ).toEqual([]);
      return response;
    };

    it("serves PM, FM and indicators next to vnflcm, valid against the official documents", async () => {
      const perf = official("perf", perfOddities);
      const fault = official("fault", faultOddities);
      const indicator = official("indicator", indicatorOddities);
      expect((await conform(perf, "/vnfpm/v2", "GET", "/pm_jobs")).body).toEqual([]);
      expect((await conform(perf, "/vnfpm/v2", "GET", "/thresholds")).status).toBe(200);
      expect((await conform(fault, "/vnffm/v1", "GET", "/alarms")).body).toEqual([]);
      expect((await conform(indicator, "/vnfind/v1", "GET", "/indicators")).status).toBe(200);
      const created = await conform(fault, "/vnffm/v1", "POST", "/subscriptions", {
        callbackUri: callback.uri,
        filter: { notificationTypes: ["AlarmNotification"] },
      });
      expect(created.status).toBe(201);
      // Links name the VNFM's apiRoot: the same server serves vnflcm and the monitoring APIs.
      const self = (created.body as { _links: { self: { href: string } } })._links.self.href;
      expect(self.startsWith(`${apiRoot}/vnffm/v1/subscriptions/`)).toBe(true);
      const read = await call(self, "GET", undefined, { authorization: `Bearer ${token}` });
      expect(read.status).toBe(200);
      const versions = await call(`${apiRoot}/vnfpm/v2/api-versions`, "GET", undefined, { version: "2.1.0" });
      expect(versions.status).toBe(200);
      const lcm = await call(`${apiRoot}/vnflcm/v2/vnf_instances`, "GET", undefined, {
        version: "2.0.0",
        authorization: `Bearer ${token}`,
      });
      expect(lcm.status).toBe(200);
    });

    it("asks for the VNFM's own bearer tokens on every monitoring API", async () => {
      for (const [base, version] of [
        ["/vnfpm/v2/pm_jobs", "2.1.0"],
        ["/vnffm/v1/alarms", "1.3.0"],
        ["/vnfind/v1/indicators", "1.3.0"],
      ] as const) {
        const missing = await call(`${apiRoot}${base}`, "GET", undefined, { version });
        expect(missing.status).toBe(401);
        expect(missing.headers.get("www-authenticate")).toContain("Bearer");
        const forged = await call(`${apiRoot}${base}`, "GET", undefined, {
          version,
          authorization: "Bearer not-a-token-of-this-vnfm",
        });
        expect(forged.status).toBe(401);
        expect((forged.body as { status: number }).status).toBe(401);
      }
    });

    it("runs the agent in the VNFM: its cycles and OSM gauges are on the VNFM's /metrics", async () => {
      let text = "";
      const deadline = Date.now() + 20_000;
      while (
        !/iotvf_monitor_cycle_duration_seconds_count\{[^}]*\} [1-9]/.test(text) &&
        Date.now() < deadline
      ) {
        text = await (await fetch(`${apiRoot}/metrics`)).text();
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
      expect(text).toMatch(/iotvf_monitor_cycle_duration_seconds_count\{[^}]*\} [1-9]/);
      expect(text).toMatch(/iotvf_monitor_discovery_failures_total\{[^}]*\} 0/);
    });
  },
);

describe("--monitoring configuration", () => {
  it("refuses an external issuer without the agent's credentials, and bad IVF_MONITOR_* values, listing each", async () => {
    const dir = mkdtempSync(join(tmpdir(), "ivf-vnfm-monitoring-config-"));
    const logger = pino({ level: "silent" });
    const store = await SqliteStore.open({ path: join(dir, "vnfm.sqlite"), logger });
    const host = { vnfmUrl: "http://127.0.0.1:1", apiRoot: "http://127.0.0.1:1", store, logger };
    try {
      await expect(
        monitoringForVnfm({ ...host, env: {}, auth: { mode: "external", verify: async () => ({}) } }),
      ).rejects.toThrow(/IVF_MONITOR_TOKEN_URL, IVF_MONITOR_CLIENT_ID and IVF_MONITOR_CLIENT_SECRET/);
      await expect(
        monitoringForVnfm({
          ...host,
          env: { IVF_MONITOR_INTERVAL: "often", IVF_MONITOR_HEAL_AFTER: "0" },
          auth: { mode: "none" },
        }),
      ).rejects.toThrow(/IVF_MONITOR_INTERVAL="often" is not a duration[\s\S]*IVF_MONITOR_HEAL_AFTER/);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
