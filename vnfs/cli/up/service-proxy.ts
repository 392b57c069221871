/**
 * A stable loopback address for IVFs whose VNFCs come and go (scale, heal): GET
 * /<ivf>/<path> is forwarded to a ready VNFC of that IVF, found through the VNFM
 * (vnfcResourceInfo metadata of the local VIM). `ivf up` points IVF_IDENTITY_JWKS_URL of every
 * VNFC here, so token verification keeps working when the identity VNFC is replaced.
 * Only GET, only names of IVFs, only 127.0.0.1 targets.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { VnfInstance, VnfmClient } from "./vnfm-client.js";

export interface ServiceProxy {
  url: string;
  close(): Promise<void>;
}

async function vnfcPorts(client: VnfmClient, ivf: string): Promise<number[]> {
  const { body } = await client.request<VnfInstance[]>("lcm", "GET", "/vnflcm/v2/vnf_instances?all_fields");
  return body
    .filter((instance) => instance.vnfInstanceName === ivf)
    .flatMap((instance) =>
      (instance.instantiatedVnfInfo?.vnfcResourceInfo ?? []).flatMap((vnfc) =>
        typeof vnfc.metadata?.port === "number" ? [vnfc.metadata.port] : [],
      ),
    );
}

export async function startServiceProxy(client: VnfmClient): Promise<ServiceProxy> {
  let turn = 0;
  const server: Server = createServer((req, res) => {
    const match = /^\/([a-z][a-z0-9-]{0,40})(\/[^?#]*)$/.exec(req.url ?? "");
    if (req.method !== "GET" || !match) return void res.writeHead(404).end();
    const [, ivf, path] = match;
    vnfcPorts(client, ivf!)
      .then(async (ports) => {
        if (ports.length === 0) return void res.writeHead(503).end(`no VNFC of ${ivf}`);
        const port = ports[turn++ % ports.length];
        const upstream = await fetch(`http://127.0.0.1:${port}${path}`, {
          signal: AbortSignal.timeout(5000),
        });
        res.writeHead(upstream.status, {
          "content-type": upstream.headers.get("content-type") ?? "application/octet-stream",
        });
        res.end(Buffer.from(await upstream.arrayBuffer()));
      })
      .catch((error: unknown) => {
        if (!res.headersSent) res.writeHead(502);
        res.end(error instanceof Error ? error.message : "upstream failed");
      });
  });
  await new Promise<void>((done, fail) => server.once("error", fail).listen(0, "127.0.0.1", done));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((done) => server.close(() => done()));
    },
  };
}
