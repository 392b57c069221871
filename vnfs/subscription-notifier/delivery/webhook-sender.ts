import { createHmac } from "node:crypto";
import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import type { WebhookPolicy } from "../webhook-policy/webhook-policy.js";

/**
 * One webhook POST. The body is signed when the subscription has a secret: header
 * `X-IVF-Signature: sha256=<hex HMAC of the exact body>`, plus `X-IVF-Notification-Id` for
 * de-duplication. A 2xx answer is success; 408, 425, 429 and 5xx, timeouts and connection errors
 * are worth retrying; any other answer is permanent (the subscriber refuses the notification).
 *
 * The target policy is applied before every attempt: to the URL, then to every address its host
 * resolves to. The connection goes to the address that was checked (the resolution happens in
 * the socket's own lookup), so a name that answers a public address to the check and an internal
 * one to the connection (DNS rebinding) cannot slip through. A refused target is a permanent
 * failure. Redirects are not followed.
 */
export type SendOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };

class TargetRefusedError extends Error {}

/** Resolves a host name to all its addresses (the system resolver by default). */
export type HostResolver = (
  host: string,
  callback: (error: NodeJS.ErrnoException | null, addresses: LookupAddress[]) => void,
) => void;

const systemResolver: HostResolver = (host, callback) => dnsLookup(host, { all: true }, callback);

export class WebhookSender {
  /** Own agents (no keep-alive: every attempt resolves and checks its target afresh). */
  private readonly agents = {
    "http:": new http.Agent({ keepAlive: false }),
    "https:": new https.Agent({ keepAlive: false }),
  };

  constructor(
    private readonly policy: WebhookPolicy,
    private readonly timeoutMs: number,
    private readonly resolve: HostResolver = systemResolver,
  ) {}

  async send(
    url: string,
    body: string,
    options: { notificationId: string; secret?: string },
  ): Promise<SendOutcome> {
    const refused = this.policy.urlProblem(url);
    if (refused) return { ok: false, retry: false, reason: `webhook target refused: ${refused}` };
    const headers: Record<string, string> = {
      "content-type": "application/json",
      "content-length": String(Buffer.byteLength(body)),
      "user-agent": "ivf-subscription-notifier",
      "x-ivf-notification-id": options.notificationId,
    };
    if (options.secret)
      headers["x-ivf-signature"] =
        `sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`;
    try {
      const status = await this.post(new URL(url), headers, body);
      if (status >= 200 && status < 300) return { ok: true };
      const retry = [408, 425, 429].includes(status) || status >= 500;
      return { ok: false, retry, reason: `webhook answered ${status}` };
    } catch (error) {
      if (error instanceof TargetRefusedError)
        return { ok: false, retry: false, reason: `webhook target refused: ${error.message}` };
      return { ok: false, retry: true, reason: `webhook unreachable: ${(error as Error).message}` };
    }
  }

  close(): void {
    this.agents["http:"].destroy();
    this.agents["https:"].destroy();
  }

  private post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    const transport = url.protocol === "https:" ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(url, {
        method: "POST",
        headers,
        agent: this.agents[url.protocol as "http:" | "https:"],
        lookup: this.checkedLookup(url.hostname),
      });
      const timer = setTimeout(
        () => request.destroy(new Error(`no answer within ${this.timeoutMs} ms`)),
        this.timeoutMs,
      );
      request.on("response", (response) => {
        clearTimeout(timer);
        // Only the status counts: the body is not read, so an endless answer cannot hold the sender.
        response.destroy();
        resolve(response.statusCode ?? 0);
      });
      request.on("error", (error) => {
        clearTimeout(timer);
        reject(error);
      });
      request.end(body);
    });
  }

  /** A socket lookup that refuses the connection when any resolved address is not allowed. */
  private checkedLookup(host: string): LookupFunction {
    const policy = this.policy;
    return ((hostname: string, options: { all?: boolean; family?: number }, callback: LookupCallback) => {
      this.resolve(hostname, (error, resolved) => {
        if (error) return callback(error, "", 0);
        const problem = resolved.map((entry) => policy.addressProblem(host, entry.address)).find(Boolean);
        if (problem) return callback(new TargetRefusedError(problem), "", 0);
        const family = options.family === 4 || options.family === 6 ? options.family : undefined;
        const addresses = family ? resolved.filter((entry) => entry.family === family) : resolved;
        if (addresses.length === 0)
          return callback(new Error(`${hostname} has no IPv${family} address`), "", 0);
        if (options.all) return callback(null, addresses);
        return callback(null, addresses[0]!.address, addresses[0]!.family);
      });
    }) as unknown as LookupFunction;
  }
}

type LookupCallback = (
  error: NodeJS.ErrnoException | null,
  address: string | LookupAddress[],
  family?: number,
) => void;
