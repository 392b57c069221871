import type { LoadedIvfModel, Platform, Vnfc } from "../../model/model-types.js";

/** Cloud-init user data: install nothing at boot, only configure and start `ivf run <name>`. */
export function renderCloudInit(loaded: LoadedIvfModel, vnfc: Vnfc): string {
  const env = Object.entries(vnfc.run.env).map(([key, value]) => `      Environment=${key}=${value}`);
  return [
    "#cloud-config",
    `# ${loaded.model.name}/${vnfc.id}: started by systemd from the ${loaded.platform.softwareImage.name} image`,
    "write_files:",
    `  - path: /etc/systemd/system/ivf-${loaded.model.name}.service`,
    "    permissions: '0644'",
    "    content: |",
    "      [Unit]",
    `      Description=${loaded.model.productName}`,
    "      After=network-online.target",
    "      [Service]",
    "      User=ivf",
    ...env,
    `      ExecStart=/usr/bin/${vnfc.run.command.join(" ")}`,
    `      TimeoutStopSec=${loaded.model.lifecycle.gracefulTerminationSeconds}`,
    "      Restart=on-failure",
    "      [Install]",
    "      WantedBy=multi-user.target",
    "runcmd:",
    "  - [systemctl, daemon-reload]",
    `  - [systemctl, enable, --now, ivf-${loaded.model.name}.service]`,
    "",
  ].join("\n");
}

/** OSM exporter-endpoint scrape job template, rendered by LCM (notes/osm.md 3.3). */
export function renderExporterTemplate(loaded: LoadedIvfModel): string {
  const scrape = Math.min(...loaded.model.monitoring.kpis.map((kpi) => kpi.collectionPeriodSeconds));
  return [
    "- job_name: {{ JOB_NAME }}",
    `  scrape_interval: ${scrape}s`,
    "  metrics_path: {{ METRIC_PATH }}",
    "  static_configs:",
    "    - targets:",
    "        - {{ TARGET_IP }}:{{ TARGET_PORT }}",
    "      labels:",
    `        vnf: ${loaded.model.name}`,
    "",
  ].join("\n");
}

export function renderChangeLog(platform: Platform, subject: string): string {
  const entries = platform.changeLog.map((entry) =>
    [`${entry.version} (${entry.date})`, ...entry.changes.map((change) => `  - ${change}`)].join("\n"),
  );
  return `Change log of ${subject}\n\n${entries.join("\n\n")}\n`;
}

export function renderLicence(platform: Platform, subject: string): string {
  return [
    `${subject}`,
    `Copyright ${platform.releaseDateTime.slice(0, 4)} ${platform.licence.holder}`,
    "",
    `SPDX-License-Identifier: ${platform.licence.spdxId}`,
    `Licensed under the ${platform.licence.spdxId} licence; the full text is at https://spdx.org/licenses/${platform.licence.spdxId}.html`,
    "The SOL001 type definitions in Definitions/ are ETSI's, under the ETSI Forge copyright notice",
    "(https://forge.etsi.org/etsi-forge-copyright-notice.txt).",
    "",
  ].join("\n");
}
