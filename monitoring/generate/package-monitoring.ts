import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import {
  alertingRules,
  scrapeConfig,
  type PackageModel,
  type ScrapeConfigOptions,
} from "./prometheus-artifacts.js";
import { grafanaDashboard } from "./grafana-dashboard.js";

export interface GeneratedFiles {
  prometheusConfig: string;
  rules: string;
  dashboard: string;
}

/**
 * Writes a package's monitoring artefacts into `dir`: prometheus.yml (scrape config referencing
 * the rules file), <name>-rules.yml and grafana/<name>.json. Derived from the model only, so the
 * artefacts are regenerated, never edited (STYLE.md §5).
 */
export function writePackageMonitoring(
  model: PackageModel,
  dir: string,
  options: Omit<ScrapeConfigOptions, "ruleFiles"> & {
    datasourceUid?: string;
    backlogAgeLimitSeconds?: number;
  },
): GeneratedFiles {
  mkdirSync(join(dir, "grafana"), { recursive: true });
  const files: GeneratedFiles = {
    prometheusConfig: join(dir, "prometheus.yml"),
    rules: join(dir, `${model.name}-rules.yml`),
    dashboard: join(dir, "grafana", `${model.name}.json`),
  };
  writeFileSync(
    files.rules,
    alertingRules(model, {
      scrapeIntervalSeconds: options.scrapeIntervalSeconds,
      backlogAgeLimitSeconds: options.backlogAgeLimitSeconds ?? 30,
    }),
  );
  writeFileSync(files.prometheusConfig, scrapeConfig([model], { ...options, ruleFiles: [files.rules] }));
  const dashboard = grafanaDashboard(model, {
    datasourceUid: options.datasourceUid ?? "iotvf-prometheus",
    scrapeIntervalSeconds: options.scrapeIntervalSeconds,
  });
  writeFileSync(files.dashboard, `${JSON.stringify(dashboard, null, 2)}\n`);
  return files;
}
