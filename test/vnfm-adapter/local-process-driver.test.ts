/** The local-process VIM driver with real child processes: readiness gate, drains, kills, adoption. */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";
import { reconcile } from "../../vnfm-adapter/conductor/reconcile.js";
import { LocalProcessDriver } from "../../vnfm-adapter/infra-drivers/local-process/local-process-driver.js";
import type { AffectedVnfc, OperationPlan, VnfcResource } from "../../vnfm-adapter/objects/models.js";
import { FaultyDriver } from "./support/faulty-driver.js";
import { pidAlive } from "../../vnfm-adapter/infra-drivers/local-process/vnfc-process.js";

const dir = mkdtempSync(join(tmpdir(), "ivf-driver-test-"));
const eventLog = join(dir, "events.log");
const logger = createLogger({ ivf: "driver-test", instanceId: "t", level: "silent" });
const driver = (
  env: Record<string, string> = {},
  command = [process.execPath, resolve("test/vnfm-adapter/support/test-vnfc.mjs"), "{function}"],
  readyTimeoutMs = 10_000,
) =>
  new LocalProcessDriver({
    command,
    cwd: process.cwd(),
    dataRoot: dir,
    readyTimeoutMs,
    baseEnv: { PATH: process.env.PATH, IVF_TEST_EVENT_LOG: eventLog, ...env },
    logger,
  });
const launch = (vnfcId: string) => ({
  vnfcId,
  vduId: "gw_vdu",
  functionName: "field-gateway",
  vnfInstanceId: "vnf-1",
  env: { IVF_TEST_MARK: "m" },
});
const events = () =>
  readFileSync(eventLog, "utf8")
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as { id: string; event: string; fn: string; env: string });

describe("local-process VIM driver", () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("starts the function's entrypoint with its own port and id, and returns only once /readyz answers 200", async () => {
    const d = driver({ IVF_TEST_READY_AFTER_MS: "400" });
    const started = Date.now();
    const ref = await d.start(launch("vnfc-a"));
    expect(Date.now() - started).toBeGreaterThanOrEqual(400);
    expect(ref.resourceId).toBe("vnfc-a");
    expect(pidAlive(ref.metadata.pid as number)).toBe(true);
    expect(await d.status(ref)).toBe("running");
    expect(events().find((e) => e.id === "vnfc-a")).toMatchObject({
      event: "started",
      fn: "field-gateway",
      env: "m",
    });
    await d.stop(ref, 2000);
    expect(
      events()
        .filter((e) => e.id === "vnfc-a")
        .map((e) => e.event),
    ).toEqual(["started", "draining", "drained"]);
    expect(await d.status(ref)).toBe("gone");
  });

  it("kills a VNFC that ignores SIGTERM once the grace period is over", async () => {
    const d = driver({ IVF_TEST_IGNORE_TERM: "1" });
    const ref = await d.start(launch("vnfc-b"));
    const started = Date.now();
    await d.stop(ref, 300);
    expect(Date.now() - started).toBeGreaterThanOrEqual(290);
    expect(pidAlive(ref.metadata.pid as number)).toBe(false);
    expect(
      events()
        .filter((e) => e.id === "vnfc-b")
        .map((e) => e.event),
    ).toEqual(["started", "ignored-term"]);
  });

  it("fails a start whose process exits, with its output in the message, leaving nothing behind", async () => {
    const d = driver({}, [process.execPath, "-e", "console.error('missing IVF_AMQP_URL'); process.exit(3)"]);
    await expect(d.start(launch("vnfc-c"))).rejects.toThrow(/exited with code 3.*missing IVF_AMQP_URL/s);
    const slow = driver({ IVF_TEST_READY_AFTER_MS: "5000" }, undefined, 300);
    await expect(slow.start(launch("vnfc-d"))).rejects.toThrow(/not ready on GET \/readyz within 300 ms/);
  });

  it("lets a new driver (a restarted VNFM) see and stop a VNFC started by the previous one", async () => {
    const first = driver();
    const ref = await first.start(launch("vnfc-e"));
    await first.close();
    const second = driver();
    expect(await second.status(ref)).toBe("running");
    await second.stop(ref, 2000);
    expect(pidAlive(ref.metadata.pid as number)).toBe(false);
    expect(await second.status(ref)).toBe("gone");
  });

  it("adds the VNFCs of a multi-step scale in parallel, at most parallelStarts at once, recording each as it is ready", async () => {
    const d = new FaultyDriver(driver({ IVF_TEST_READY_AFTER_MS: "300" }));
    const plan: OperationPlan = {
      targetCounts: { gw_vdu: 6 },
      restore: [],
      replace: [],
      remove: [],
      running: true,
      vduFunctions: { gw_vdu: "field-gateway" },
      env: {},
      stopGraceMs: 1000,
      instanceChanges: {},
      infoChanges: {},
    };
    const records: { vnfcs: VnfcResource[]; change: AffectedVnfc }[] = [];
    const result = await reconcile(
      [],
      plan,
      { driver: d, vnfInstanceId: "vnf-par", vimConnectionId: "local", parallelStarts: 3 },
      {
        onChange: async (vnfcs, change) => void records.push({ vnfcs, change }),
        checkCancel: () => undefined,
      },
    );
    expect(d.maxStartsInFlight).toBe(3);
    expect(result).toHaveLength(6);
    // One report per VNFC, each list one longer than the last and ending with the VNFC reported.
    expect(records.map((r) => r.vnfcs.length)).toEqual([1, 2, 3, 4, 5, 6]);
    for (const r of records) {
      expect(r.change.changeType).toBe("ADDED");
      expect(r.vnfcs.at(-1)!.id).toBe(r.change.id);
    }
    for (const v of result) expect(pidAlive(v.metadata.pid as number)).toBe(true);
    await Promise.all(
      result.map((v) => d.stop({ vnfcId: v.id, resourceId: v.resourceId, metadata: v.metadata }, 0)),
    );
  });

  it("after a VNFM restart, leaves alone a recorded pid or port that now belongs to another process", async () => {
    const first = driver();
    const ref = await first.start(launch("vnfc-f"));
    await first.close();
    const stranger = spawn(process.execPath, ["-e", "setInterval(() => {}, 1000)"], { stdio: "ignore" });
    try {
      const second = driver();
      // The recorded port now answers /healthz as another VNFC (vnfc-f took it over).
      const portReused = { ...ref, vnfcId: "vnfc-g", resourceId: "vnfc-g" };
      expect(await second.status(portReused)).toBe("gone");
      await second.stop(portReused, 0);
      expect(pidAlive(ref.metadata.pid as number)).toBe(true);
      // The port answers as the VNFC, but the recorded pid is now an unrelated process.
      const pidReused = { ...ref, metadata: { ...ref.metadata, pid: stranger.pid } };
      await second.stop(pidReused, 0);
      expect(pidAlive(stranger.pid!)).toBe(true);
      expect(pidAlive(ref.metadata.pid as number)).toBe(true);
      // The genuine record is stopped.
      await second.stop(ref, 2000);
      expect(pidAlive(ref.metadata.pid as number)).toBe(false);
    } finally {
      stranger.kill("SIGKILL");
    }
  });
});
