import { readFileSync } from "node:fs";
import { Registry } from "prom-client";
import { describe, expect, it } from "vitest";
import { listIvfModels, loadIvfModel } from "../../descriptors/index.js";
import { Readiness } from "../../vnfs/runtime-kit/http/readiness.js";
import { IvfKpis } from "../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { OpcuaKpis } from "../../vnfs/opcua-adapter/kpis.js";

/** Rows of the one KPI table in docs/kpis.md: metric name -> type column. */
function documentedKpis(): Map<string, string> {
  const text = readFileSync(new URL("../../docs/kpis.md", import.meta.url), "utf8");
  const rows = new Map<string, string>();
  for (const line of text.split("\n")) {
    const match = /^\| `([a-z_:]+)` \| (counter|gauge|histogram|summary) \|/.exec(line);
    if (match) rows.set(match[1]!, match[2]!);
  }
  return rows;
}

/** Every metric the KPI classes register, with its type, read from a live registry. */
async function registeredKpis(): Promise<Map<string, string>> {
  const registry = new Registry();
  const kpis = new IvfKpis({ registry, capacityPerSecond: 100 });
  kpis.watchReadiness(new Readiness());
  new OpcuaKpis(registry);
  const metrics = await registry.getMetricsAsJSON();
  return new Map(metrics.map((metric) => [metric.name, String(metric.type)]));
}

describe("docs/kpis.md", () => {
  it("lists every metric registered by IvfKpis and OpcuaKpis, with its type", async () => {
    const documented = documentedKpis();
    const registered = await registeredKpis();
    expect(registered.size).toBeGreaterThan(20);
    for (const [name, type] of registered) {
      expect(documented.has(name), `${name} is registered but not in docs/kpis.md`).toBe(true);
      expect(documented.get(name), `type of ${name}`).toBe(type);
    }
  });

  it("lists nothing that is not registered (no stale rows)", async () => {
    const registered = await registeredKpis();
    for (const name of documentedKpis().keys())
      expect(registered.has(name), `${name} is documented but no longer registered`).toBe(true);
  });

  it("documents every metric a descriptor's KPI is built on", () => {
    const documented = documentedKpis();
    for (const name of listIvfModels()) {
      for (const kpi of loadIvfModel(name).model.monitoring.kpis)
        expect(documented.has(kpi.metric), `${name} uses ${kpi.metric}`).toBe(true);
    }
  });
});
