/**
 * `ivf up` (npm start): the whole virtualized IoT platform on one machine, driven by the
 * VNFM exactly as an NFVO would drive it (see ./up/platform.ts for the steps). Ctrl-C (or
 * `ivf down`) terminates every VNF instance through the VNFM and stops everything.
 * With `--scenario burst` it runs the burst scenario instead of waiting (./up/burst/), prints
 * the report and stops; the exit code is then the report's (0 only if nothing was lost).
 * Exit codes: 0 after a clean stop, 1 when the bring-up failed, 2 for usage errors.
 */
import { resolve } from "node:path";
import { createLogger } from "../runtime-kit/logging/logger.js";
import { runBurstScenario } from "./up/burst/run-burst-scenario.js";
import { reportText } from "./up/burst/report-text.js";
import { Platform, type UpOptions } from "./up/platform.js";
import { Progress } from "./up/progress.js";
import { printSummary } from "./up/summary.js";
import { parseUpArgs, UP_USAGE } from "./up/up-args.js";

export async function run(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parseUpArgs>;
  try {
    parsed = parseUpArgs(args);
  } catch (error) {
    console.error(`ivf up: ${(error as Error).message}\n\n${UP_USAGE}`);
    return 2;
  }
  if (parsed.help) {
    console.log(UP_USAGE);
    return 0;
  }
  const home = resolve(parsed.home ?? process.env.IVF_HOME ?? ".ivf");
  const options: UpOptions = {
    ...parsed,
    // The scenario drives its own meters; the demo fleet would only add unaccounted load.
    simulators: parsed.simulators && !parsed.scenario,
    home,
    logger: createLogger({ ivf: "ivf-up", instanceId: `up-${process.pid}`, level: "error" }),
  };
  const progress = new Progress();
  const platform = new Platform(options, progress);
  // A signal during the bring-up lets the current step finish (an LCM operation in flight keeps
  // its instance locked) and stops at the next step; after it, it stops the running platform.
  let signalled = false;
  let onSignal: () => void = () => undefined;
  const aborted = new AbortController();
  const signal = new Promise<void>((done) => (onSignal = done));
  const stop = (): void => {
    if (signalled) return;
    signalled = true;
    platform.interrupt();
    aborted.abort();
    progress.line("\nivf up: stopping (terminating VNF instances through the VNFM)...");
    onSignal();
  };
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
  let failed = false;
  try {
    await platform.start();
  } catch (error) {
    failed = !signalled;
    if (failed) progress.line(`ivf up: ${(error as Error).message}`);
  }
  let exitCode = failed ? 1 : 0;
  if (!failed && !signalled && parsed.scenario === "burst") {
    try {
      const outcome = await runBurstScenario(platform, progress, parsed.burst, aborted.signal);
      progress.line(reportText(outcome.report, outcome.phases, outcome.origin, signalled));
      exitCode = signalled ? 1 : outcome.report.exitCode;
    } catch (error) {
      progress.line(`ivf up: burst scenario failed: ${(error as Error).message}`);
      exitCode = 1;
    }
  } else if (!failed && !signalled) {
    await printSummary(platform);
    await signal;
  }
  await platform.stop();
  progress.line("ivf up: stopped");
  return exitCode;
}
