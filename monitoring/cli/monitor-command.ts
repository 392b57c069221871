import { ConfigError } from "../../vnfs/runtime-kit/config/env-config.js";
import { startIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { monitorSettings } from "../monitor-settings.js";
import { monitorDefinition } from "../monitor-process.js";

const USAGE = `usage: ivf monitor --vnfm-url URL [--interval 1s] [--port N] [--api-root URL]

Runs the monitoring agent: discovers VNF instances from the SOL003 VNFM, scrapes their VNFCs,
auto-scales and auto-heals per the VNFD policies (when isAutoscaleEnabled / isAutohealEnabled),
raises alarms and serves vnfpm/v2, vnffm/v1 and vnfind/v1, /metrics (osm_* KPIs), /healthz, /readyz.
Every option has an environment variable; the others (see ivf config) are:
${Object.values(monitorSettings)
  .map((setting) => `  ${setting.env.padEnd(32)} ${setting.description}`)
  .join("\n")}`;

const FLAGS: Record<string, string> = {
  "--vnfm-url": "IVF_MONITOR_VNFM_URL",
  "--interval": "IVF_MONITOR_INTERVAL",
  "--port": "IVF_HTTP_PORT",
  "--api-root": "IVF_MONITOR_API_ROOT",
  "--ves-url": "IVF_MONITOR_VES_URL",
};

/** Turns `--flag value` / `--flag=value` into environment overrides; undefined on a usage error. */
export function parseArgs(args: string[]): Record<string, string> | string {
  const env: Record<string, string> = {};
  for (let index = 0; index < args.length; index++) {
    const [flag, inline] = args[index]!.split(/=(.*)/s, 2) as [string, string?];
    const variable = FLAGS[flag];
    if (!variable) return `unknown option ${flag}`;
    const value = inline ?? args[++index];
    if (value === undefined || value === "") return `${flag} needs a value`;
    env[variable] = value;
  }
  return env;
}

/** `ivf monitor`: lives until SIGINT/SIGTERM (then drains and exits through the shutdown coordinator). */
export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    console.error(`ivf monitor: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  try {
    const running = await startIvf(monitorDefinition, { ...process.env, ...parsed });
    running.context.shutdown.installSignalHandlers();
    process.stdout.write(`ivf monitor: serving on ${running.server.url}\n`);
    return await new Promise<number>(() => undefined); // the signal handler ends the process
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`ivf monitor: ${error.message}`);
      return 2;
    }
    console.error(`ivf monitor: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
}
