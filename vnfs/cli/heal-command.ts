/** `ivf heal <ivf> [vnfcId...]`: SOL003 HealVnfRequest; without ids the VNFM replaces unhealthy VNFCs. */
import { findInstance, runningPlatform } from "./up/running-client.js";

export async function run(args: string[]): Promise<number> {
  try {
    const { client, rest } = runningPlatform(args);
    const [ivf, ...vnfcIds] = rest;
    if (!ivf || ivf.startsWith("-")) {
      console.error("usage: ivf heal <ivf> [vnfcId...] [--home DIR]");
      return 2;
    }
    const instance = await findInstance(client, ivf);
    const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${instance.id}/heal`, {
      json: {
        cause: "ivf heal",
        ...(vnfcIds.length ? { additionalParams: { vnfcInstanceId: vnfcIds } } : {}),
      },
      expect: [202],
    });
    const occ = await client.waitOpOcc(started.location!, 180_000);
    console.log(`${ivf}: HEAL ${occ.operationState}${occ.error?.detail ? `: ${occ.error.detail}` : ""}`);
    return occ.operationState === "COMPLETED" ? 0 : 1;
  } catch (error) {
    console.error(`ivf heal: ${(error as Error).message}`);
    return 1;
  }
}
