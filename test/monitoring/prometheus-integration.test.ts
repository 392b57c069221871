import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadIvfModel } from "../../descriptors/index.js";
import { startIvf, type RunningIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { writePackageMonitoring } from "../../monitoring/generate/package-monitoring.js";
import { monitorDefinition } from "../../monitoring/monitor-process.js";
import type { monitorSettings } from "../../monitoring/monitor-settings.js";
import { toolAvailable } from "./support/prometheus-tools.js";
import { startTestIvf } from "./support/test-ivf.js";
import { VnfmStandIn } from "./support/vnfm-stand-in.js";

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });

interface PromResult {
  metric: Record<string, string>;
  value: [number, string];
}

describe.skipIf(!toolAvailable("prometheus"))(
  "a real Prometheus with the generated configuration scrapes an IVF and the agent",
  () => {
    const model = loadIvfModel("request-processor").model;
    const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-prometheus-"));
    let ivf: Awaited<ReturnType<typeof startTestIvf>>;
    let vnfm: VnfmStandIn;
    let monitor: RunningIvf<typeof monitorSettings>;
    let prometheus: ChildProcess;
    let promUrl = "";
    let promLog = "";

    const query = async (expr: string): Promise<PromResult[]> => {
      const response = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
      const body = (await response.json()) as {
        status: string;
        data: { result: PromResult[] };
        error?: string;
      };
      if (body.status !== "success") throw new Error(`query ${expr} failed: ${body.error}`);
      return body.data.result;
    };
    const eventually = async <T>(
      what: string,
      probe: () => Promise<T | undefined>,
      ms = 30_000,
    ): Promise<T> => {
      const end = Date.now() + ms;
      for (;;) {
        const value = await probe().catch(() => undefined);
        if (value !== undefined) return value;
        if (Date.now() > end)
          throw new Error(`${what} not observed within ${ms} ms; prometheus log:\n${promLog.slice(-2000)}`);
        await new Promise((resolve) => setTimeout(resolve, 250));
      }
    };

    beforeAll(async () => {
      ivf = await startTestIvf("request-processor");
      Object.assign(ivf.queue, { ready: 120, unacked: 30, oldestReadyAgeSeconds: 6.5 });
      vnfm = await new VnfmStandIn("vnf-prom", model.descriptorId, "processor-aspect").start();
      vnfm.autoscale = false;
      vnfm.vnfcs = [{ id: "vnfc-0", vduId: "processor", port: ivf.port }];
      monitor = await startIvf(monitorDefinition, {
        IVF_HTTP_PORT: "0",
        IVF_LOG_LEVEL: "silent",
        IVF_DATA_DIR: join(dir, "monitor-data"),
        IVF_MONITOR_VNFM_URL: vnfm.url,
        IVF_MONITOR_INTERVAL: "300ms",
        IVF_SHUTDOWN_GRACE: "2s",
      });
      const files = writePackageMonitoring(model, join(dir, "generated"), {
        targets: [`127.0.0.1:${ivf.port}`],
        agentTarget: `127.0.0.1:${monitor.server.port}`,
        scrapeIntervalSeconds: 1,
      });
      const port = await freePort();
      promUrl = `http://127.0.0.1:${port}`;
      prometheus = spawn(
        "prometheus",
        [
          `--config.file=${files.prometheusConfig}`,
          `--storage.tsdb.path=${join(dir, "tsdb")}`,
          `--web.listen-address=127.0.0.1:${port}`,
          "--log.level=warn",
        ],
        { stdio: ["ignore", "pipe", "pipe"] },
      );
      prometheus.stdout!.on("data", (chunk) => (promLog += chunk));
      prometheus.stderr!.on("data", (chunk) => (promLog += chunk));
      await eventually("Prometheus ready", async () =>
        (await fetch(`${promUrl}/-/ready`)).ok ? true : undefined,
      );
    }, 60_000);

    afterAll(async () => {
      if (prometheus && prometheus.exitCode === null) {
        const exited = new Promise((resolve) => prometheus.once("exit", resolve));
        prometheus.kill("SIGTERM");
        await exited;
      }
      await monitor?.stop();
      await vnfm?.close();
      await ivf?.stop();
      rmSync(dir, { recursive: true, force: true });
    });

    it("scrapes the IVF's standard KPIs and computes the recording rules derived from the VNFD", async () => {
      const up = await eventually("IVF target up", async () =>
        (await query('up{job="iotvf_request_processor"} == 1')).length === 1 ? true : undefined,
      );
      expect(up).toBe(true);
      const age = await eventually(
        "recorded oldest message age",
        async () => (await query("ivf:oldest_message_age:max"))[0],
      );
      expect(Number(age.value[1])).toBe(6.5);
      const backlog = await eventually("recorded backlog", async () => (await query("ivf:backlog:max"))[0]);
      expect(Number(backlog.value[1])).toBe(150);
    });

    it("scrapes the agent's osm_<kpi> series with OSM's labels", async () => {
      const series = await eventually(
        "osm_oldest_message_age",
        async () => (await query('osm_oldest_message_age{vnf_instance_id="vnf-prom"}'))[0],
      );
      expect(series.metric).toMatchObject({
        job: "iotvf_monitor",
        ns_id: "ns-1",
        vnf_member_index: "2",
        vdu_name: "processor",
      });
      expect(Number(series.value[1])).toBe(6.5);
    });

    it("evaluates the scale-out alert of the VNFD policy (pending for its window)", async () => {
      const alert = await eventually("IvfScaleOut alert", async () => {
        const response = await fetch(`${promUrl}/api/v1/alerts`);
        const body = (await response.json()) as {
          data: { alerts: { labels: Record<string, string>; state: string }[] };
        };
        return body.data.alerts.find((entry) => entry.labels.alertname === "IvfScaleOut_processor_load");
      });
      expect(["pending", "firing"]).toContain(alert.state);
      expect(alert.labels).toMatchObject({ aspect: "processor-aspect", direction: "scale_out" });
    });
  },
);
