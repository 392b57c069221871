import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pino from "pino";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { AlarmManager } from "../../../monitoring/fault/alarm-manager.js";
import { FaultRules, type VnfcObservation } from "../../../monitoring/fault/fault-rules.js";
import { parseExposition } from "../../../monitoring/scrape/exposition-parser.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { OpcuaKpis } from "../../../vnfs/opcua-adapter/kpis.js";

/**
 * The OPC UA fault rules over the adapter's real condition gauges (OpcuaKpis on a registry,
 * exposed and parsed as the agent scrapes them), with the real alarm store: warning on overload,
 * cleared once the overload is over, kept while a VNFC cannot be scraped, one alarm per server.
 */

const line1 = { key: "acme.line1", endpointUrl: "opc.tcp://plc-1:4840/" };
const line2 = { key: "acme.line2", endpointUrl: "opc.tcp://plc-2:4840/" };

describe("OPC UA condition rules", () => {
  const dir = mkdtempSync(join(tmpdir(), "ivf-opcua-rules-"));
  let store: SqliteStore;
  let alarms: AlarmManager;

  beforeAll(async () => {
    store = await SqliteStore.open({ path: join(dir, "alarms.sqlite"), logger: pino({ level: "silent" }) });
    alarms = await AlarmManager.open(store);
  });
  afterAll(async () => {
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  async function observe(vnfcId: string, registry: Registry | undefined): Promise<VnfcObservation> {
    return {
      vnfcId,
      reachable: registry !== undefined,
      ready: registry !== undefined,
      failingChecks: [],
      ...(registry ? { metrics: parseExposition(await registry.metrics()) } : {}),
    };
  }

  function rulesFor(): FaultRules {
    return new FaultRules(alarms, {
      downAfterCycles: 3,
      backlogAgeLimitSeconds: 60,
      backlogAgeClearRatio: 0.8,
    });
  }

  async function active(vnf: string) {
    return (await alarms.list()).filter((alarm) => alarm.managedObjectId === vnf && alarm.active);
  }

  it("raises a WARNING while the server reports GoodOverload and clears it when the overload is over", async () => {
    const registry = new Registry();
    const kpis = new OpcuaKpis(registry, { overloadHoldMs: 300 });
    const rules = rulesFor();
    kpis.conditions.overload(line1);
    await rules.evaluate("vnf-a", [await observe("vnfc-0", registry)], undefined);
    await rules.evaluate("vnf-a", [await observe("vnfc-0", registry)], undefined);
    const raised = await active("vnf-a");
    expect(raised).toHaveLength(1);
    expect(raised[0]).toMatchObject({
      faultType: "OPCUA_SERVER_OVERLOADED",
      perceivedSeverity: "WARNING",
      eventType: "QOS_ALARM",
      vnfcInstanceIds: ["vnfc-0"],
    });
    expect(raised[0]!.probableCause).toContain("OPC UA server acme.line1 (opc.tcp://plc-1:4840/) overloaded");

    await new Promise((resolve) => setTimeout(resolve, 400)); // no GoodOverload for longer than the hold
    await rules.evaluate("vnf-a", [await observe("vnfc-0", registry)], undefined);
    expect(await active("vnf-a")).toEqual([]);
    const cleared = (await alarms.list()).find((alarm) => alarm.id === raised[0]!.id)!;
    expect(cleared.perceivedSeverity).toBe("CLEARED");
  });

  it("keeps an alarm while a VNFC cannot be scraped, clears it once every VNFC answers without it", async () => {
    const first = new Registry();
    const second = new Registry();
    const kpisFirst = new OpcuaKpis(first);
    new OpcuaKpis(second);
    const rules = rulesFor();
    kpisFirst.conditions.raise(line2, "connection_lost");
    await rules.evaluate(
      "vnf-b",
      [await observe("vnfc-0", first), await observe("vnfc-1", second)],
      undefined,
    );
    expect((await active("vnf-b")).map((alarm) => [alarm.faultType, alarm.perceivedSeverity])).toEqual([
      ["OPCUA_CONNECTION_LOST", "MAJOR"],
    ]);

    kpisFirst.conditions.connected(line2);
    await rules.evaluate(
      "vnf-b",
      [await observe("vnfc-0", undefined), await observe("vnfc-1", second)],
      undefined,
    );
    expect((await active("vnf-b")).map((alarm) => alarm.faultType)).toEqual(["OPCUA_CONNECTION_LOST"]);

    await rules.evaluate(
      "vnf-b",
      [await observe("vnfc-0", first), await observe("vnfc-1", second)],
      undefined,
    );
    expect(await active("vnf-b")).toEqual([]);
  });

  it("names both VNFCs in one alarm per server during a hand-over, and drops a server's series on forget", async () => {
    const owner = new Registry();
    const successor = new Registry();
    const ownerKpis = new OpcuaKpis(owner);
    const successorKpis = new OpcuaKpis(successor);
    const rules = rulesFor();
    ownerKpis.conditions.raise(line1, "too_many_monitored_items");
    successorKpis.conditions.raise(line1, "too_many_monitored_items");
    await rules.evaluate(
      "vnf-c",
      [await observe("vnfc-0", owner), await observe("vnfc-1", successor)],
      undefined,
    );
    const [alarm] = await active("vnf-c");
    expect(alarm).toMatchObject({ faultType: "OPCUA_TOO_MANY_MONITORED_ITEMS", perceivedSeverity: "MAJOR" });
    expect(alarm!.vnfcInstanceIds).toEqual(["vnfc-0", "vnfc-1"]);
    expect(await active("vnf-c")).toHaveLength(1);

    ownerKpis.conditions.forget(line1.key);
    expect(parseExposition(await owner.metrics()).get("iotvf_opcua_server_condition")?.samples ?? []).toEqual(
      [],
    );
    await rules.evaluate(
      "vnf-c",
      [await observe("vnfc-0", owner), await observe("vnfc-1", successor)],
      undefined,
    );
    expect(await active("vnf-c")).toHaveLength(1); // the successor still reports it
  });
});
