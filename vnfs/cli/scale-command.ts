/** `ivf scale <ivf> out|in`: one SOL003 ScaleVnfRequest step on the IVF's first aspect, then waits. */
import { findInstance, runningPlatform } from "./up/running-client.js";

const USAGE = "usage: ivf scale <ivf> out|in [--steps N] [--home DIR]";

export async function run(args: string[]): Promise<number> {
  try {
    const { client, rest } = runningPlatform(args);
    const stepsAt = rest.indexOf("--steps");
    const steps = stepsAt >= 0 ? Number(rest.splice(stepsAt, 2)[1]) : 1;
    const [ivf, direction] = rest;
    if (
      !ivf ||
      (direction !== "out" && direction !== "in") ||
      rest.length !== 2 ||
      !Number.isInteger(steps) ||
      steps < 1
    ) {
      console.error(USAGE);
      return 2;
    }
    const instance = await findInstance(client, ivf);
    const aspectId = instance.instantiatedVnfInfo?.scaleStatus?.[0]?.aspectId;
    if (!aspectId) throw new Error(`${ivf} is not instantiated or has no scaling aspect`);
    const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${instance.id}/scale`, {
      json: { type: direction === "out" ? "SCALE_OUT" : "SCALE_IN", aspectId, numberOfSteps: steps },
      expect: [202],
    });
    const occ = await client.waitOpOcc(started.location!, 180_000);
    console.log(
      `${ivf}: SCALE_${direction.toUpperCase()} ${aspectId} x${steps} ${occ.operationState}${occ.error?.detail ? `: ${occ.error.detail}` : ""}`,
    );
    return occ.operationState === "COMPLETED" ? 0 : 1;
  } catch (error) {
    console.error(`ivf scale: ${(error as Error).message}`);
    return 1;
  }
}
