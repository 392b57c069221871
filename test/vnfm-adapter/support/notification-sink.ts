/**
 * The subscriber side of the tests (a fake NFVO / ONAP SO): records every notification POSTed
 * to it (validated against the official schemas), answers 204, and can be told to fail, to
 * refuse the callback GET test, or to demand credentials.
 */
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { Conformance } from "./conformance.js";

export interface Received {
  path: string;
  body: Record<string, unknown>;
  authorization?: string;
  at: number;
}

export class NotificationSink {
  readonly received: Received[] = [];
  readonly gets: string[] = [];
  readonly violations: string[] = [];
  /** Status answered to POSTs (e.g. 500 to exercise retries). */
  postStatus = 204;
  getStatus = 204;
  /** When set, POSTs must carry exactly this Authorization header (else 401). */
  requiredAuthorization?: string;
  private server?: Server;
  url = "";

  constructor(private readonly conformance: Conformance) {}

  async start(): Promise<this> {
    this.server = createServer(
      (req, res) => void this.handle(req).then(([status]) => res.writeHead(status).end()),
    );
    await new Promise<void>((resolve) => this.server!.listen(0, "127.0.0.1", resolve));
    this.url = `http://127.0.0.1:${(this.server!.address() as AddressInfo).port}`;
    return this;
  }

  private async handle(req: IncomingMessage): Promise<[number]> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    if (req.method === "GET") {
      this.gets.push(req.url ?? "");
      return [this.getStatus];
    }
    if (this.requiredAuthorization && req.headers.authorization !== this.requiredAuthorization) return [401];
    if (this.postStatus !== 204) return [this.postStatus];
    const body = JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown>;
    const major = (req.url ?? "").includes("/v1/") ? "v1" : "v2";
    this.violations.push(...this.conformance.checkNotification(major, body));
    this.received.push({
      path: req.url ?? "",
      body,
      ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
      at: Date.now(),
    });
    return [204];
  }

  /** Notifications about one occurrence, in arrival order, as "STATUS:STATE". */
  occStates(occId: string): string[] {
    return this.received
      .filter((r) => r.body.vnfLcmOpOccId === occId)
      .map((r) => `${String(r.body.notificationStatus)}:${String(r.body.operationState)}`);
  }

  async waitFor(predicate: (received: Received[]) => boolean, timeoutMs = 15_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!predicate(this.received)) {
      if (Date.now() > deadline)
        throw new Error(
          `notifications not as expected after ${timeoutMs} ms: ${JSON.stringify(this.received.map((r) => [r.body.notificationType, r.body.notificationStatus, r.body.operationState]))}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }

  close(): Promise<void> {
    return new Promise((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
