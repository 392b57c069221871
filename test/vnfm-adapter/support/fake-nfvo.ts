/**
 * A fake NFVO for grant tests, shaped like ONAP SO's SOL003 adapter (notes/onap-tacker.md A.5):
 * POST {base}/grants answers 201 with a v2.x Grant (`vimConnections` array), or 202 then a
 * pollable Location, or 403; POST /oauth/token issues tokens for notification delivery.
 */
import { randomUUID } from "node:crypto";
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export type GrantMode = "sync-v2" | "sync-v3" | "async" | "reject";

export class FakeNfvo {
  mode: GrantMode = "sync-v2";
  readonly grantRequests: Record<string, unknown>[] = [];
  readonly tokenRequests: string[] = [];
  /** Number of 202 answers before a polled grant is ready. */
  pendingPolls = 2;
  readonly token = `tok-${randomUUID()}`;
  private readonly polls = new Map<string, number>();
  private readonly pending = new Map<string, Record<string, unknown>>();
  private server?: Server;
  url = "";

  constructor(readonly vimId = "CloudOwner_RegionOne") {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  private grant(request: Record<string, unknown>, id: string): Record<string, unknown> {
    const vim = {
      vimId: this.vimId,
      vimType: "openstack",
      interfaceInfo: { identityEndPoint: "http://keystone:5000/v3" },
      accessInfo: { projectId: "tenant-1" },
    };
    const base = {
      id,
      vnfInstanceId: request.vnfInstanceId,
      vnfLcmOpOccId: request.vnfLcmOpOccId,
      _links: {
        self: { href: `${this.url}/grants/${id}` },
        vnfLcmOpOcc: request._links && (request._links as Record<string, unknown>).vnfLcmOpOcc,
        vnfInstance: request._links && (request._links as Record<string, unknown>).vnfInstance,
      },
    };
    return this.mode === "sync-v3"
      ? { ...base, vimConnectionInfo: { [this.vimId]: vim } }
      : { ...base, vimConnections: [{ id: this.vimId, ...vim }] };
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const text = Buffer.concat(chunks).toString("utf8");
    const json = (status: number, body?: unknown, headers: Record<string, string> = {}) => {
      res
        .writeHead(status, { "content-type": "application/json", ...headers })
        .end(body === undefined ? undefined : JSON.stringify(body));
    };
    if (req.method === "POST" && req.url === "/oauth/token") {
      this.tokenRequests.push(req.headers.authorization ?? "");
      return json(200, { access_token: this.token, token_type: "Bearer", expires_in: 3600 });
    }
    if (req.method === "POST" && req.url?.endsWith("/grants")) {
      const request = JSON.parse(text) as Record<string, unknown>;
      this.grantRequests.push(request);
      const id = randomUUID();
      if (this.mode === "reject")
        return json(403, { status: 403, detail: "no capacity in CloudOwner_RegionOne" });
      if (this.mode === "async") {
        this.polls.set(id, this.pendingPolls);
        this.pending.set(id, request);
        return json(202, undefined, { location: `${this.url}/grant/v1/grants/${id}` });
      }
      return json(201, this.grant(request, id), { location: `${this.url}/grants/${id}` });
    }
    const polled = req.url?.match(/\/grant\/v1\/grants\/([^/]+)$/);
    if (req.method === "GET" && polled) {
      const id = polled[1]!;
      const left = this.polls.get(id);
      if (left === undefined) return json(404, { status: 404, detail: "no such grant" });
      if (left > 0) {
        this.polls.set(id, left - 1);
        return json(202);
      }
      return json(200, this.grant(this.pending.get(id)!, id));
    }
    json(404, { status: 404, detail: `no route ${req.method} ${req.url}` });
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
