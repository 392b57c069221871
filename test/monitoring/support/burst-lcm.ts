/**
 * The NFVO side of the burst scenario, through the VNFM's SOL003 APIs only: onboard the
 * package, create and instantiate the request-processor, switch auto-scaling on or off
 * (vnfConfigurableProperties, SOL003 5.5.2.2), and read back the instance and its scale
 * operation occurrences.
 */
import { onboardPackage } from "../../../vnfs/cli/up/onboard.js";
import type { OpOcc, VnfInstance, VnfmClient } from "../../../vnfs/cli/up/vnfm-client.js";

export interface ScaleOcc extends OpOcc {
  operationParams?: { type?: string; aspectId?: string; numberOfSteps?: number };
}

export function burstLcm(client: VnfmClient) {
  let vnfdId = "";
  return {
    async onboard(csar: string): Promise<void> {
      vnfdId = (await onboardPackage(client, csar)).vnfdId;
    },

    /** Creates and instantiates at the default level (scale level 0); returns the instance id. */
    async instantiate(name: string, autoscale: boolean): Promise<string> {
      const created = await client.request<VnfInstance>("lcm", "POST", "/vnflcm/v2/vnf_instances", {
        json: { vnfdId, vnfInstanceName: name },
        expect: [201],
      });
      const id = created.body.id;
      const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${id}/instantiate`, {
        json: { flavourId: "default" },
        expect: [202],
      });
      const occ = await client.waitOpOcc(started.location!, 180_000);
      if (occ.operationState !== "COMPLETED")
        throw new Error(`instantiate ended ${occ.operationState}: ${JSON.stringify(occ.error)}`);
      await this.setAutoscale(id, autoscale);
      return id;
    },

    async setAutoscale(id: string, enabled: boolean): Promise<void> {
      const patched = await client.request("lcm", "PATCH", `/vnflcm/v2/vnf_instances/${id}`, {
        json: { vnfConfigurableProperties: { isAutoscaleEnabled: enabled, isAutohealEnabled: false } },
        contentType: "application/merge-patch+json",
        expect: [200, 202],
      });
      if (patched.status === 202 && patched.location) {
        const occ = await client.waitOpOcc(patched.location, 60_000);
        if (occ.operationState !== "COMPLETED") throw new Error(`modify ended ${occ.operationState}`);
      }
    },

    async instance(id: string): Promise<VnfInstance> {
      return (await client.request<VnfInstance>("lcm", "GET", `/vnflcm/v2/vnf_instances/${id}`)).body;
    },

    /** VNFC id -> base URL of the instance's VNFCs (what the local VIM published). */
    async vnfcUrls(id: string): Promise<Map<string, string>> {
      const vnfcs = (await this.instance(id)).instantiatedVnfInfo?.vnfcResourceInfo ?? [];
      return new Map(vnfcs.map((vnfc) => [vnfc.id, `http://127.0.0.1:${String(vnfc.metadata?.port)}`]));
    },

    async scaleLevel(id: string): Promise<number> {
      const status = (await this.instance(id)).instantiatedVnfInfo?.scaleStatus ?? [];
      return status.find((entry) => entry.aspectId === "processor_aspect")?.scaleLevel ?? 0;
    },

    /** SCALE occurrences of the instance, oldest first. */
    async scaleOccs(id: string): Promise<ScaleOcc[]> {
      const filter = encodeURIComponent(`(eq,vnfInstanceId,${id});(eq,operation,SCALE)`);
      const { body } = await client.request<ScaleOcc[]>(
        "lcm",
        "GET",
        `/vnflcm/v2/vnf_lcm_op_occs?filter=${filter}&all_fields`,
      );
      return body.sort((a, b) => Date.parse(a.startTime ?? "") - Date.parse(b.startTime ?? ""));
    },

    async terminate(id: string): Promise<void> {
      const started = await client.request("lcm", "POST", `/vnflcm/v2/vnf_instances/${id}/terminate`, {
        json: { terminationType: "GRACEFUL", gracefulTerminationTimeout: 20 },
        expect: [202],
      });
      await client.waitOpOcc(started.location!, 120_000);
    },
  };
}

export type BurstLcm = ReturnType<typeof burstLcm>;
