import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import yaml from "js-yaml";
import { afterAll, describe, expect, it } from "vitest";
import { listIvfModels, loadIvfModel } from "../../descriptors/index.js";
import { dashboardUid } from "../../monitoring/generate/grafana-dashboard.js";
import { writePackageMonitoring } from "../../monitoring/generate/package-monitoring.js";
import { promtool, toolAvailable } from "./support/prometheus-tools.js";

const models = listIvfModels().map((name) => loadIvfModel(name).model);
const dir = mkdtempSync(join(tmpdir(), "ivf-monitor-generate-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("generated monitoring artefacts of every IVF package", () => {
  const generated = models.map((model) => ({
    model,
    files: writePackageMonitoring(model, join(dir, model.name), {
      targets: ["127.0.0.1:9100"],
      agentTarget: "127.0.0.1:9890",
      scrapeIntervalSeconds: 5,
    }),
  }));

  it("derive one scale-out and one scale-in alert per VNFD policy, with the policy's window as `for`", () => {
    for (const { model, files } of generated) {
      const rules = yaml.load(readFileSync(files.rules, "utf8")) as {
        groups: { rules: Record<string, unknown>[] }[];
      };
      const alerts = rules.groups
        .flatMap((group) => group.rules)
        .filter((rule) => typeof rule.alert === "string" && String(rule.alert).startsWith("IvfScale"));
      expect(alerts).toHaveLength(model.monitoring.scalingPolicies.length * 2);
      for (const policy of model.monitoring.scalingPolicies) {
        const out = alerts.find(
          (alert) =>
            (alert.labels as Record<string, string>).policy === policy.id &&
            (alert.labels as Record<string, string>).direction === "scale_out",
        )!;
        expect(out.for).toBe(`${policy.scaleOut.evaluationWindowSeconds}s`);
        expect(String(out.expr).split(policy.scaleOut.combine === "AND" ? " and " : " or ")).toHaveLength(
          policy.scaleOut.criteria.length,
        );
      }
    }
  });

  it("give each dashboard a stable uid and reference the datasource by uid", () => {
    for (const { model, files } of generated) {
      const dashboard = JSON.parse(readFileSync(files.dashboard, "utf8")) as {
        uid: string;
        panels: { datasource: { uid: string }; targets: { datasource: { uid: string } }[] }[];
      };
      expect(dashboard.uid).toBe(dashboardUid(model.name));
      expect(dashboard.uid.length).toBeLessThanOrEqual(40);
      for (const panel of dashboard.panels) {
        expect(panel.datasource).toEqual({ type: "prometheus", uid: "iotvf-prometheus" });
        for (const target of panel.targets) expect(target.datasource.uid).toBe("iotvf-prometheus");
      }
    }
    expect(new Set(generated.map(({ model }) => dashboardUid(model.name))).size).toBe(generated.length);
  });

  describe.skipIf(!toolAvailable("promtool"))("promtool", () => {
    it("accepts every rules file (promtool check rules)", () => {
      for (const { files } of generated) {
        const result = promtool("check", "rules", files.rules);
        expect(result.output).toContain("SUCCESS");
        expect(result.status, result.output).toBe(0);
      }
    });

    it("accepts every scrape configuration with its rules (promtool check config)", () => {
      for (const { files } of generated) {
        const result = promtool("check", "config", files.prometheusConfig);
        expect(result.status, result.output).toBe(0);
      }
    });
  });
});
