/**
 * `ivf down`: asks the running `ivf up` to stop (SIGTERM: it terminates every VNF instance
 * through the VNFM, GRACEFUL) and waits until its process is gone.
 */
import { pidAlive } from "./up/state-file.js";
import { runningPlatform } from "./up/running-client.js";

export async function run(args: string[]): Promise<number> {
  let pid: number;
  try {
    pid = runningPlatform(args).state.pid;
  } catch (error) {
    console.error(`ivf down: ${(error as Error).message}`);
    return 1;
  }
  process.kill(pid, "SIGTERM");
  const deadline = Date.now() + 300_000;
  while (pidAlive(pid)) {
    if (Date.now() > deadline) {
      console.error(`ivf down: pid ${pid} still running after 5 minutes`);
      return 1;
    }
    await new Promise((done) => setTimeout(done, 250));
  }
  console.log(`ivf down: platform (pid ${pid}) stopped`);
  return 0;
}
