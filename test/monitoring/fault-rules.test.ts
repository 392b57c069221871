import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SqliteStore } from "../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { AlarmManager, type AlarmEvent } from "../../monitoring/fault/alarm-manager.js";
import { FaultRules } from "../../monitoring/fault/fault-rules.js";

describe("fault rules and alarms", () => {
  const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-fault-"));
  let store: SqliteStore;
  let alarms: AlarmManager;
  const events: AlarmEvent[] = [];
  beforeAll(async () => {
    store = await SqliteStore.open({ path: join(dir, "alarms.sqlite"), logger: pino({ level: "silent" }) });
    alarms = await AlarmManager.open(store);
    alarms.onEvent((event) => events.push(event));
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });
  const up = (vnfcId: string) => ({ vnfcId, reachable: true, ready: true, failingChecks: [] });

  it("raises BACKLOG_AGE_OVER_LIMIT once while the age stays high, escalates to CRITICAL above twice the limit, and clears only below 80 %", async () => {
    const rules = new FaultRules(alarms, {
      downAfterCycles: 3,
      backlogAgeLimitSeconds: 10,
      backlogAgeClearRatio: 0.8,
    });
    const ages = [5, 11, 12, 25, 15, 9, 8.5, 7.9]; // 9 and 8.5 are inside the band: no change
    for (const age of ages) await rules.evaluate("vnf-a", [up("c1")], age);
    const kinds = events
      .filter((event) => event.alarm.faultType === "BACKLOG_AGE_OVER_LIMIT")
      .map((event) => [event.kind, event.alarm.perceivedSeverity]);
    expect(kinds).toEqual([
      ["raised", "MAJOR"],
      ["changed", "CRITICAL"],
      ["changed", "MAJOR"],
      ["cleared", "CLEARED"],
    ]);
  });

  it("raises VNFC_DOWN only after the configured number of unreachable cycles, and a fresh alarm for a new outage", async () => {
    const rules = new FaultRules(alarms, {
      downAfterCycles: 3,
      backlogAgeLimitSeconds: 10,
      backlogAgeClearRatio: 0.8,
    });
    const down = { vnfcId: "c2", reachable: false, ready: false, failingChecks: [] };
    await rules.evaluate("vnf-b", [down], undefined);
    await rules.evaluate("vnf-b", [down], undefined);
    expect(await alarms.activeKeys("vnf-b")).toEqual(new Set());
    await rules.evaluate("vnf-b", [down], undefined);
    await rules.evaluate("vnf-b", [down], undefined);
    expect(await alarms.activeKeys("vnf-b")).toEqual(new Set(["vnf-b|VNFC_DOWN|c2"]));
    await rules.evaluate("vnf-b", [up("c2")], undefined);
    expect(await alarms.activeKeys("vnf-b")).toEqual(new Set());
    for (let i = 0; i < 3; i++) await rules.evaluate("vnf-b", [down], undefined);
    const raised = (await alarms.list()).filter((alarm) => alarm.faultType === "VNFC_DOWN");
    expect(raised.map((alarm) => alarm.perceivedSeverity).sort()).toEqual(["CLEARED", "CRITICAL"]);
  });
});
