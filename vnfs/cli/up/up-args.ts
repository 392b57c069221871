import {
  BURST_DEFAULTS,
  BURST_FLAGS,
  BURST_USAGE,
  burstValue,
  type BurstOptions,
} from "./burst/burst-options.js";

export const UP_USAGE = `usage: ivf up [options]

Builds the IVF packages, starts the VNFM adapter, onboards and instantiates every IVF through
its SOL003 API, starts the monitoring agent, the simulators and the web console.
Ctrl-C (or \`ivf down\`) terminates everything through the VNFM.

options:
  --home DIR            state, data and logs (default: $IVF_HOME or .ivf)
  --vnfm-port N         VNFM API port (default 9090; 0 picks a free one)
  --console-port N      web console port (default 8088; 0 picks a free one)
  --no-simulators       do not start the smart-meter simulator
  --no-monitor          do not start the monitoring agent (no auto-scale/auto-heal)
  --meters N            simulated meters (default 20)
  --rate R              simulated messages per second (default 20)
  --grace S             graceful termination timeout per instance in seconds (default 10)
  --scenario burst      run the burst scenario on the platform, print its report, then stop

${BURST_USAGE}`;

export interface UpArgs {
  help: boolean;
  home?: string;
  vnfmPort: number;
  consolePort: number;
  simulators: boolean;
  monitor: boolean;
  meters: number;
  rate: number;
  graceSeconds: number;
  /** Set by --scenario burst: run the scenario, report and stop instead of serving until Ctrl-C. */
  scenario?: "burst";
  burst: BurstOptions;
}

const NUMBERS = {
  "--vnfm-port": "vnfmPort",
  "--console-port": "consolePort",
  "--meters": "meters",
  "--rate": "rate",
  "--grace": "graceSeconds",
} as const;

/** Parses `ivf up` options; throws with the offending option named. */
export function parseUpArgs(args: string[]): UpArgs {
  const result: UpArgs = {
    help: false,
    vnfmPort: 9090,
    consolePort: 8088,
    simulators: true,
    monitor: true,
    meters: 20,
    rate: 20,
    graceSeconds: 10,
    burst: { ...BURST_DEFAULTS },
  };
  let burstFlag: string | undefined;
  for (let index = 0; index < args.length; index++) {
    const arg = args[index]!;
    if (arg === "--help" || arg === "-h") result.help = true;
    else if (arg === "--no-simulators" || arg === "--no-simulator") result.simulators = false;
    else if (arg === "--no-monitor") result.monitor = false;
    else if (arg === "--home") {
      const value = args[++index];
      if (!value) throw new Error("--home needs a directory");
      result.home = value;
    } else if (arg === "--scenario") {
      const value = args[++index];
      if (value !== "burst")
        throw new Error(`--scenario needs a scenario name: burst (got ${value ?? "nothing"})`);
      result.scenario = value;
    } else if (arg in BURST_FLAGS) {
      const flag = arg as keyof typeof BURST_FLAGS;
      result.burst[BURST_FLAGS[flag]] = burstValue(flag, args[++index]);
      burstFlag = flag;
    } else if (arg in NUMBERS) {
      const value = Number(args[++index]);
      if (!Number.isInteger(value) || value < 0) throw new Error(`${arg} needs a non-negative integer`);
      if (arg.endsWith("-port") && value > 65535) throw new Error(`${arg} must be at most 65535`);
      result[NUMBERS[arg as keyof typeof NUMBERS]] = value;
    } else throw new Error(`unknown option ${arg}`);
  }
  if (burstFlag && !result.scenario) throw new Error(`${burstFlag} is an option of --scenario burst`);
  if (result.scenario && !result.monitor)
    throw new Error(
      "--scenario burst needs the monitoring agent (it scales the platform): drop --no-monitor",
    );
  return result;
}
