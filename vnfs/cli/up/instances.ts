/**
 * VNF instance lifecycle as `ivf up` drives it, through /vnflcm/v2 only (SOL003 5.4): create,
 * instantiate at the descriptor's default instantiation level, switch on auto-scaling and
 * auto-healing (vnfConfigurableProperties, SOL003 5.5.2.2), and terminate + delete at the end.
 */
import type { OpOcc, VnfInstance, VnfmClient } from "./vnfm-client.js";

const LCM_TIMEOUT_MS = 180_000;

function requireCompleted(occ: OpOcc, what: string): void {
  if (occ.operationState !== "COMPLETED")
    throw new Error(`${what} ended ${occ.operationState}${occ.error?.detail ? `: ${occ.error.detail}` : ""}`);
}

export async function createAndInstantiate(
  client: VnfmClient,
  request: { vnfdId: string; name: string; flavourId: string },
): Promise<string> {
  const created = await client.request<VnfInstance>("lcm", "POST", "/vnflcm/v2/vnf_instances", {
    json: { vnfdId: request.vnfdId, vnfInstanceName: request.name },
    expect: [201],
  });
  const id = created.body.id;
  const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${id}/instantiate`, {
    // No instantiationLevelId: SOL003 5.5.2.4 then means the VNFD's default instantiation level.
    json: { flavourId: request.flavourId },
    expect: [202],
  });
  requireCompleted(
    await client.waitOpOcc(started.location!, LCM_TIMEOUT_MS),
    `instantiate of ${request.name}`,
  );
  return id;
}

export async function enableAutomation(client: VnfmClient, id: string): Promise<void> {
  const patched = await client.request("lcm", "PATCH", `/vnflcm/v2/vnf_instances/${id}`, {
    json: { vnfConfigurableProperties: { isAutoscaleEnabled: true, isAutohealEnabled: true } },
    contentType: "application/merge-patch+json",
    expect: [200, 202],
  });
  if (patched.status === 202 && patched.location)
    requireCompleted(await client.waitOpOcc(patched.location, LCM_TIMEOUT_MS), `modify of ${id}`);
}

/**
 * Brings every VNF instance of the VNFM to NOT_INSTANTIATED and deletes it: FAILED_TEMP
 * occurrences (left by a crash) are failed first, because they keep the instance locked.
 */
export async function terminateAll(
  client: VnfmClient,
  graceSeconds: number,
  note: (text: string) => void,
): Promise<number> {
  const { body: failedOccs } = await client.request<OpOcc[]>(
    "lcm",
    "GET",
    `/vnflcm/v2/vnf_lcm_op_occs?filter=${encodeURIComponent("(eq,operationState,FAILED_TEMP)")}`,
  );
  for (const occ of failedOccs)
    await client.request("lcm", "POST", `/vnflcm/v2/vnf_lcm_op_occs/${occ.id}/fail`);
  const { body: instances } = await client.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances");
  await Promise.all(
    instances.map(async (instance) => {
      const name = instance.vnfInstanceName ?? instance.id;
      if (instance.instantiationState === "INSTANTIATED") {
        const started = await client.request(
          "lcm",
          "POST",
          `/vnflcm/v2/vnf_instances/${instance.id}/terminate`,
          {
            json: { terminationType: "GRACEFUL", gracefulTerminationTimeout: graceSeconds },
            expect: [202],
          },
        );
        requireCompleted(await client.waitOpOcc(started.location!, LCM_TIMEOUT_MS), `terminate of ${name}`);
      }
      await client.request("lcm", "DELETE", `/vnflcm/v2/vnf_instances/${instance.id}`, { expect: [204] });
      note(`${name} terminated`);
    }),
  );
  return instances.length;
}
