import { resolve } from "node:path";
import { requireRunning, type UpState } from "./state-file.js";
import { VnfmClient, type VnfInstance } from "./vnfm-client.js";

/** The VNFM of the running `ivf up` (from <home>/up-state.json), for the CLI verbs. */
export function runningPlatform(args: string[]): {
  state: UpState;
  client: VnfmClient;
  home: string;
  rest: string[];
} {
  const rest = [...args];
  const index = rest.indexOf("--home");
  let home = process.env.IVF_HOME ?? ".ivf";
  if (index >= 0) {
    const value = rest[index + 1];
    if (!value) throw new Error("--home needs a directory");
    home = value;
    rest.splice(index, 2);
  }
  home = resolve(home);
  const state = requireRunning(home);
  return {
    state,
    home,
    rest,
    client: new VnfmClient(state.vnfmUrl, { clientId: state.clientId, clientSecret: state.clientSecret }),
  };
}

/** Finds the VNF instance of an IVF by its vnfInstanceName (set by `ivf up`) or by its id. */
export async function findInstance(client: VnfmClient, ivf: string): Promise<VnfInstance> {
  const { body } = await client.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
  const found = body.find((instance) => instance.vnfInstanceName === ivf || instance.id === ivf);
  if (!found)
    throw new Error(
      `no VNF instance named "${ivf}"; running: ${body.map((instance) => instance.vnfInstanceName ?? instance.id).join(", ") || "none"}`,
    );
  return found;
}
