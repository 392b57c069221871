/**
 * Where the console reaches an IVF's API: the loopback addresses of its VNFCs, read from the
 * VNFM (vnfcResourceInfo metadata of the local VIM), because VNFCs come and go with scale and
 * heal. Only 127.0.0.1 is ever contacted. Calls rotate over the VNFCs and fall through to the
 * next one when a VNFC does not answer.
 */
import type { VnfInstance, VnfmClient } from "../../cli/up/vnfm-client.js";

export interface IvfLocator {
  /** Base URLs of the VNFCs of the IVF named `ivf` (vnfInstanceName), possibly empty. */
  urls(ivf: string): Promise<string[]>;
}

const LISTING_TTL_MS = 2000;

export function vnfmLocator(client: VnfmClient): IvfLocator {
  let cached: { at: number; instances: Promise<VnfInstance[]> } | undefined;
  const instances = (): Promise<VnfInstance[]> => {
    if (!cached || Date.now() - cached.at > LISTING_TTL_MS) {
      const listing = client
        .request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields")
        .then((answer) => answer.body);
      listing.catch(() => (cached = undefined));
      cached = { at: Date.now(), instances: listing };
    }
    return cached.instances;
  };
  return {
    async urls(ivf) {
      return (await instances())
        .filter((instance) => instance.vnfInstanceName === ivf)
        .flatMap((instance) => instance.instantiatedVnfInfo?.vnfcResourceInfo ?? [])
        .flatMap((vnfc) =>
          typeof vnfc.metadata?.port === "number" ? [`http://127.0.0.1:${vnfc.metadata.port}`] : [],
        );
    },
  };
}

/** A locator over known addresses (an IVF served by processes the console did not discover). */
export function fixedLocator(urls: Record<string, string>): IvfLocator {
  return { urls: async (ivf) => (urls[ivf] ? [urls[ivf]] : []) };
}
