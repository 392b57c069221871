import { join } from "node:path";
import { startPlcSimulator } from "./plc-simulator.js";
import type { PlcSimulatorOptions, SimulatorUser } from "./plc-options.js";

/**
 * `ivf simulate plc [--variables N] [--rate-ms R] [--port P] [--machines M] [--pki-dir dir]
 * [--user name:password]...`: runs the simulated PLC until SIGINT/SIGTERM. The first stdout line
 * is JSON ({"endpointUrl", ...}) so scripts and the benchmark can read where it listens: node-opcua
 * writes its own warnings with console.log, so they are sent to stderr here (on Node 20 its
 * RSA PKCS#1 check prints one while the server starts, which used to come first). When whoever reads
 * our stdout or stderr goes away (EPIPE), the simulator stops as on SIGTERM instead of crashing.
 */

const USAGE = `usage: ivf simulate plc [--variables N] [--rate-ms R] [--port P] [--machines M] [--pki-dir dir] [--user name:password]...
  --variables  changing Double sensors spread over the machines (default 30)
  --rate-ms    push period: every counter and sensor changes once per period (default 100)
  --port       TCP port on 127.0.0.1 (default: a free port)
  --machines   machines with counter, temperature, pressure, state, setpoint, ResetCounter, alarms (default 3)
  --pki-dir    server PKI folder (default $IVF_DATA_DIR/plc-pki)
  --user       accepted username:password (default operator:operator-secret)
  --stats-ms   print push statistics (ticks, overruns, changes/s) to stderr every N ms`;

const INTEGER = /^\d+$/;

export function parsePlcArgs(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): (PlcSimulatorOptions & { statsMs?: number }) | string {
  const options: PlcSimulatorOptions & { statsMs?: number } = {
    pkiDir: join(env.IVF_DATA_DIR || ".ivf/data", "plc-pki"),
  };
  const users: SimulatorUser[] = [];
  for (let i = 0; i < args.length; i++) {
    const flag = args[i]!;
    const value = args[i + 1];
    if (flag === "--help" || flag === "-h") return USAGE;
    if (value === undefined) return `${flag} needs a value`;
    i++;
    switch (flag) {
      case "--variables":
      case "--rate-ms":
      case "--port":
      case "--stats-ms":
      case "--machines": {
        if (!INTEGER.test(value))
          return `${flag} must be a non-negative integer, got ${JSON.stringify(value)}`;
        const number = Number(value);
        if (flag === "--variables") options.variables = number;
        else if (flag === "--rate-ms") options.rateMs = number;
        else if (flag === "--port") options.port = number;
        else if (flag === "--stats-ms") options.statsMs = number;
        else options.machines = number;
        break;
      }
      case "--pki-dir":
        options.pkiDir = value;
        break;
      case "--user": {
        const at = value.indexOf(":");
        if (at < 1 || at === value.length - 1)
          return `--user must be name:password, got ${JSON.stringify(value)}`;
        users.push({ userName: value.slice(0, at), password: value.slice(at + 1) });
        break;
      }
      default:
        return `unknown option ${flag}`;
    }
  }
  if (users.length > 0) options.users = users;
  return options;
}

export async function run(args: string[]): Promise<number> {
  const parsed = parsePlcArgs(args);
  if (typeof parsed === "string") {
    console.error(parsed === USAGE ? USAGE : `ivf simulate plc: ${parsed}\n\n${USAGE}`);
    return parsed === USAGE ? 0 : 2;
  }
  // eslint-disable-next-line no-console -- node-opcua's own logging is moved off stdout, not used
  console.log = (...parts: unknown[]) => console.error(...parts);
  const readerGone = watchOutputs();
  let simulator;
  try {
    simulator = await startPlcSimulator(parsed);
  } catch (error) {
    console.error(`ivf simulate plc: ${(error as Error).message}`);
    return 2;
  }
  const summary = {
    endpointUrl: simulator.endpointUrl,
    port: simulator.port,
    namespaceIndex: simulator.namespaceIndex,
    machines: simulator.machineNames,
    sensors: simulator.sensorNodeIds().length,
    exampleNodeId: simulator.nodeId(simulator.machineNames[0]!, "Temperature"),
    serverCertificateFile: simulator.serverCertificateFile,
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  console.error(
    `PLC simulator on ${simulator.endpointUrl} (${summary.sensors} sensors, ${simulator.machineNames.length} machines); Ctrl-C stops it`,
  );
  const statsTimer = parsed.statsMs ? reportStats(simulator, parsed.statsMs) : undefined;
  await new Promise<void>((resolve) => {
    process.once("SIGINT", () => resolve());
    process.once("SIGTERM", () => resolve());
    void readerGone.then(() => resolve());
  });
  if (statsTimer) clearInterval(statsTimer);
  await simulator.stop();
  return 0;
}

/**
 * Resolves when stdout or stderr can no longer be written (the reading process exited: EPIPE).
 * Without a listener such a write error is an uncaught exception that kills the process.
 */
function watchOutputs(): Promise<void> {
  return new Promise((resolve) => {
    for (const stream of [process.stdout, process.stderr]) {
      stream.on("error", () => resolve());
    }
  });
}

function reportStats(
  simulator: Awaited<ReturnType<typeof startPlcSimulator>>,
  everyMs: number,
): NodeJS.Timeout {
  let last = { ...simulator.stats, at: Date.now() };
  return setInterval(() => {
    const now = { ...simulator.stats, at: Date.now() };
    const seconds = (now.at - last.at) / 1000;
    const changesPerSecond = Math.round((now.changes - last.changes) / seconds);
    console.error(
      JSON.stringify({ plcStats: { ticks: now.ticks, overruns: now.overruns, changesPerSecond } }),
    );
    last = now;
  }, everyMs);
}
