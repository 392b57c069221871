/**
 * Runs the bus load generator in a child process with its own bus connection, so the
 * generator's work (building primitives, the embedded bus's synchronous SQLite writes) never
 * delays the event loop of the process that drives the scenario (a VNFM with its monitoring
 * agent, a benchmark's sampler), as a separate device fleet would not. `runLoadInProcess`
 * resolves with the same LoadRun as BusLoadGenerator.run.
 */
import { fork } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createBus } from "../../runtime-kit/bus/create-bus.js";
import { createLogger } from "../../runtime-kit/logging/logger.js";
import type { BurstDevices } from "./burst-devices.js";
import { BusLoadGenerator, type LoadRun, type PhaseRecord } from "./bus-load-generator.js";
import type { LoadPhase } from "./load-phases.js";

export interface ProcessLoad {
  /** Embedded bus directory (IVF_DATA_DIR of the platform); ignored with `amqpUrl`. */
  dataDir: string;
  amqpUrl?: string;
  exchange?: string;
  devices: BurstDevices;
  phases: LoadPhase[];
}

type GeneratorMessage = { phase: PhaseRecord } | { done: LoadRun } | { error: string };

const START = "--ivf-burst-generator";

export function runLoadInProcess(
  load: ProcessLoad,
  onPhase?: (phase: PhaseRecord) => void,
): Promise<LoadRun> {
  const self = fileURLToPath(import.meta.url);
  // From source the child loads TypeScript through tsx, as the host does.
  const child = fork(self, [START], {
    execArgv: self.endsWith(".ts") ? ["--import", "tsx"] : [],
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  return new Promise<LoadRun>((resolve, reject) => {
    let result: LoadRun | undefined;
    child.on("message", (message: GeneratorMessage) => {
      if ("phase" in message) onPhase?.(message.phase);
      else if ("done" in message) result = message.done;
      else reject(new Error(`load generator failed: ${message.error}`));
    });
    child.once("error", reject);
    child.once("exit", (code) =>
      result ? resolve(result) : reject(new Error(`load generator process exited with code ${code}`)),
    );
    child.send(load);
  });
}

async function generate(load: ProcessLoad): Promise<void> {
  const logger = createLogger({ ivf: "burst-generator", instanceId: `burst-${process.pid}`, level: "warn" });
  const bus = await createBus({
    dataDir: load.dataDir,
    ...(load.amqpUrl ? { amqpUrl: load.amqpUrl } : {}),
    instanceId: `burst-generator-${process.pid}`,
    logger,
  });
  const send = (message: GeneratorMessage) =>
    new Promise<void>((done) => process.send!(message, undefined, {}, () => done()));
  try {
    const generator = new BusLoadGenerator({
      bus,
      devices: load.devices,
      ...(load.exchange ? { exchange: load.exchange } : {}),
      onPhase: (phase) => void send({ phase }),
    });
    await send({ done: await generator.run(load.phases) });
  } catch (error) {
    await send({ error: String(error) });
  } finally {
    await bus.close();
    process.disconnect();
  }
}

if (process.argv.includes(START) && process.send)
  process.once("message", (load: ProcessLoad) => void generate(load));
