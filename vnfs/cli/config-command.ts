import { readFileSync, writeFileSync } from "node:fs";
import { commonSettings } from "../runtime-kit/config/common-settings.js";
import type { ConfigSpec, Setting } from "../runtime-kit/config/env-config.js";
import { functions, loadDefinition } from "../functions.js";

interface Row {
  env: string;
  usedBy: string[];
  kind: string;
  defaultValue: string;
  description: string;
  secret: boolean;
}

/** Processes of the product that are not IVFs but read IVF_* settings too. */
const components: { name: string; load(): Promise<ConfigSpec> }[] = [
  { name: "vnfm-adapter", load: async () => (await import("../../vnfm-adapter/config.js")).vnfmSettings },
  {
    name: "monitoring agent",
    load: async () => (await import("../../monitoring/monitor-settings.js")).monitorSettings,
  },
];

/**
 * `ivf config [--markdown] [--write <file>]`: every environment variable the product reads,
 * common ones first, then each function's, with default and meaning. docs/configuration.md holds
 * the --markdown output between its config-table markers; `--write` replaces that block.
 */
export async function run(args: string[]): Promise<number> {
  const usage = "usage: ivf config [--markdown] [--write <file with config-table markers>]";
  const writeAt = args.indexOf("--write");
  const target = writeAt >= 0 ? args[writeAt + 1] : undefined;
  if (writeAt >= 0 && (!target || target.startsWith("--"))) {
    console.error(`ivf config: --write needs a file name\n${usage}`);
    return 2;
  }
  const unknown = args.filter(
    (arg, index) => arg !== "--markdown" && (writeAt < 0 || (index !== writeAt && index !== writeAt + 1)),
  );
  if (unknown.length > 0) {
    console.error(`ivf config: unknown option ${unknown.join(" ")}\n${usage}`);
    return 2;
  }
  const rows = new Map<string, Row>();
  addSettings(rows, commonSettings, "all IVFs");
  const unavailable: string[] = [];
  for (const entry of functions) {
    try {
      addSettings(rows, (await loadDefinition(entry)).settings, entry.name);
    } catch (error) {
      unavailable.push(
        `${entry.name} (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
      );
    }
  }
  for (const component of components) {
    try {
      addSettings(rows, await component.load(), component.name);
    } catch (error) {
      unavailable.push(
        `${component.name} (${error instanceof Error ? error.message.split("\n")[0] : String(error)})`,
      );
    }
  }
  if (target) {
    const written = writeTable(target, markdown([...rows.values()]));
    if (written !== 0) return written;
  } else console.log(args.includes("--markdown") ? markdown([...rows.values()]) : text([...rows.values()]));
  for (const entry of unavailable) console.error(`ivf config: settings of ${entry} are not listed`);
  return unavailable.length > 0 ? 1 : 0;
}

function addSettings(rows: Map<string, Row>, spec: ConfigSpec, user: string): void {
  for (const setting of Object.values(spec)) {
    const existing = rows.get(setting.env);
    if (existing) {
      if (!existing.usedBy.includes(user) && !existing.usedBy.includes("all IVFs"))
        existing.usedBy.push(user);
      continue;
    }
    rows.set(setting.env, {
      env: setting.env,
      usedBy: [user],
      kind: kindOf(setting),
      defaultValue: defaultOf(setting),
      description: setting.description,
      secret: setting.secret === true,
    });
  }
}

function kindOf(setting: Setting): string {
  if (setting.kind === "enum") return setting.values.join(" | ");
  if (setting.kind === "url" && setting.protocols) return `url (${setting.protocols.join(", ")})`;
  return setting.kind;
}

function defaultOf(setting: Setting): string {
  if (setting.default === undefined) return "(unset)";
  if (Array.isArray(setting.default))
    return setting.default.length === 0 ? "(empty)" : setting.default.join(",");
  if (setting.kind === "duration") return `${String(setting.default)}ms`;
  return String(setting.default);
}

function markdown(rows: Row[]): string {
  const cell = (value: string) => value.replace(/\|/g, "\\|");
  const lines = rows.map(
    (row) =>
      `| \`${row.env}\` | ${cell(row.usedBy.join(", "))} | ${cell(row.kind)} | ${cell(row.defaultValue)} | ${cell(row.description)}${row.secret ? " (secret)" : ""} |`,
  );
  return ["| Variable | Used by | Type | Default | Meaning |", "|---|---|---|---|---|", ...lines].join("\n");
}

function text(rows: Row[]): string {
  return rows
    .map(
      (row) =>
        `${row.env}  [${row.usedBy.join(", ")}]  ${row.kind}, default ${row.defaultValue}${row.secret ? ", secret" : ""}\n    ${row.description}`,
    )
    .join("\n");
}

export const TABLE_START = "<!-- config-table:start -->";
export const TABLE_END = "<!-- config-table:end -->";

/** Replaces the block between the config-table markers of `file` with `table`. */
function writeTable(file: string, table: string): number {
  let content: string;
  try {
    content = readFileSync(file, "utf8");
  } catch (error) {
    console.error(`ivf config: cannot read ${file}: ${(error as Error).message}`);
    return 2;
  }
  const start = content.indexOf(TABLE_START);
  const end = content.indexOf(TABLE_END);
  if (start < 0 || end < start) {
    console.error(`ivf config: ${file} has no "${TABLE_START}" ... "${TABLE_END}" block to replace`);
    return 2;
  }
  writeFileSync(file, `${content.slice(0, start + TABLE_START.length)}\n${table}\n${content.slice(end)}`);
  console.error(`ivf config: configuration table written to ${file}`);
  return 0;
}
