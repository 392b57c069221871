/** `ivf status`: the VNF instances of the running platform, as its VNFM reports them. */
import { runningPlatform } from "./up/running-client.js";
import type { VnfInstance } from "./up/vnfm-client.js";

export async function run(args: string[]): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    console.log("usage: ivf status [--home DIR] [--json]");
    return 0;
  }
  let platform: ReturnType<typeof runningPlatform>;
  try {
    platform = runningPlatform(args.filter((arg) => arg !== "--json"));
  } catch (error) {
    console.error(`ivf status: ${(error as Error).message}`);
    return 2;
  }
  const { body } = await platform.client.request<VnfInstance[]>(
    "lcm",
    "GET",
    "/vnflcm/v2/vnf_instances?all_fields",
  );
  if (args.includes("--json")) {
    console.log(JSON.stringify(body, null, 2));
    return 0;
  }
  console.log(
    `platform pid ${platform.state.pid}   VNFM ${platform.state.vnfmUrl}   console ${platform.state.consoleUrl}\n`,
  );
  console.log(`${"IVF".padEnd(24)}${"STATE".padEnd(18)}${"VNFCs".padEnd(7)}SCALE LEVEL / MAX`);
  for (const instance of body) {
    const info = instance.instantiatedVnfInfo;
    const levels = (info?.scaleStatus ?? [])
      .map((status) => {
        const max = info?.maxScaleLevels?.find((entry) => entry.aspectId === status.aspectId)?.scaleLevel;
        return `${status.aspectId} ${status.scaleLevel}/${max ?? "?"}`;
      })
      .join(", ");
    console.log(
      `${(instance.vnfInstanceName ?? instance.id).padEnd(24)}${(info?.vnfState ?? instance.instantiationState).padEnd(18)}${String(info?.vnfcResourceInfo?.length ?? 0).padEnd(7)}${levels}`,
    );
  }
  return 0;
}
