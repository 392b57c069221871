import type { Logger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { clientCredentialsToken, type TokenSource } from "../../autoscaling/access-token.js";
import { apiError } from "./api-error.js";

/** SOL013 8.3.4 subscription authentication, as stored (credentials are never returned by the APIs). */
export interface CallbackAuthentication {
  authType: ("BASIC" | "OAUTH2_CLIENT_CREDENTIALS" | "TLS_CERT")[];
  paramsBasic?: { userName?: string; password?: string };
  paramsOauth2ClientCredentials?: { clientId?: string; clientPassword?: string; tokenEndpoint?: string };
}

export interface CallbackTarget {
  callbackUri: string;
  authentication?: CallbackAuthentication;
}

export interface NotificationSenderOptions {
  logger: Logger;
  timeoutMs?: number;
  maxAttempts?: number;
  baseDelayMs?: number;
  /** Pending deliveries kept at most; beyond it the oldest is dropped and logged. */
  maxQueue?: number;
}

interface Pending {
  target: CallbackTarget;
  body: Record<string, unknown>;
  attempts: number;
}

/**
 * Delivers notifications to consumers' callback URIs (SOL003 6.5.x/7.5.x/8.5.x: POST, consumer
 * answers 204), in order per sender, with exponential back-off between attempts and a bounded
 * queue: a dead consumer costs memory up to `maxQueue`, never unbounded growth.
 */
export class NotificationSender {
  private readonly queue: Pending[] = [];
  private running = false;
  private closed = false;
  private idle: (() => void)[] = [];
  private readonly tokens = new Map<string, TokenSource>();
  readonly stats = { delivered: 0, failed: 0, dropped: 0 };

  constructor(private readonly options: NotificationSenderOptions) {}

  /** SOL003 callback test: GET on the URI must answer 204 before a subscription is accepted. */
  async testCallback(target: CallbackTarget): Promise<void> {
    checkAuthentication(target.authentication);
    let status: number;
    try {
      const response = await fetch(target.callbackUri, {
        method: "GET",
        headers: await this.authHeaders(target),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        redirect: "error",
      });
      await response.body?.cancel();
      status = response.status;
    } catch (error) {
      throw apiError(
        "CALLBACK_TEST_FAILED",
        `GET ${target.callbackUri} failed: ${error instanceof Error ? error.message : String(error)}`,
      );
    }
    if (status !== 204)
      throw apiError(
        "CALLBACK_TEST_FAILED",
        `GET ${target.callbackUri} answered ${status}; the callback test expects 204 No Content`,
      );
  }

  send(target: CallbackTarget, body: Record<string, unknown>): void {
    if (this.closed) return;
    const max = this.options.maxQueue ?? 10_000;
    if (this.queue.length >= max) {
      const dropped = this.queue.shift()!;
      this.stats.dropped++;
      this.options.logger.warn(
        {
          event: "notification_dropped",
          callbackUri: dropped.target.callbackUri,
          type: dropped.body.notificationType,
        },
        "notification queue full; dropped the oldest",
      );
    }
    this.queue.push({ target, body, attempts: 0 });
    void this.pump();
  }

  /** Resolves when every queued notification was delivered or given up. */
  drained(): Promise<void> {
    if (!this.running && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.push(resolve));
  }

  close(): void {
    this.closed = true;
    this.queue.length = 0;
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    this.running = true;
    try {
      while (this.queue.length > 0 && !this.closed) {
        const next = this.queue[0]!;
        const ok = await this.deliver(next);
        if (ok || next.attempts >= (this.options.maxAttempts ?? 5)) {
          this.queue.shift();
          if (ok) this.stats.delivered++;
          else this.giveUp(next);
        } else {
          await sleep((this.options.baseDelayMs ?? 500) * 2 ** (next.attempts - 1));
        }
      }
    } finally {
      this.running = false;
      for (const resolve of this.idle.splice(0)) resolve();
    }
  }

  private async deliver(pending: Pending): Promise<boolean> {
    pending.attempts++;
    try {
      const response = await fetch(pending.target.callbackUri, {
        method: "POST",
        headers: { "content-type": "application/json", ...(await this.authHeaders(pending.target)) },
        body: JSON.stringify(pending.body),
        signal: AbortSignal.timeout(this.options.timeoutMs ?? 5000),
        redirect: "error",
      });
      await response.body?.cancel();
      return response.status >= 200 && response.status < 300;
    } catch {
      return false;
    }
  }

  private giveUp(pending: Pending): void {
    this.stats.failed++;
    this.options.logger.warn(
      {
        event: "notification_failed",
        callbackUri: pending.target.callbackUri,
        type: pending.body.notificationType,
        attempts: pending.attempts,
      },
      `notification not delivered after ${pending.attempts} attempts`,
    );
  }

  private async authHeaders(target: CallbackTarget): Promise<Record<string, string>> {
    const auth = target.authentication;
    if (!auth) return {};
    if (auth.authType.includes("OAUTH2_CLIENT_CREDENTIALS") && auth.paramsOauth2ClientCredentials) {
      const params = auth.paramsOauth2ClientCredentials;
      const key = `${params.tokenEndpoint}|${params.clientId}`;
      let source = this.tokens.get(key);
      if (!source) {
        source = clientCredentialsToken({
          tokenEndpoint: params.tokenEndpoint!,
          clientId: params.clientId!,
          clientSecret: params.clientPassword ?? "",
        });
        this.tokens.set(key, source);
      }
      return { authorization: `Bearer ${await source.token()}` };
    }
    if (auth.authType.includes("BASIC") && auth.paramsBasic) {
      const { userName = "", password = "" } = auth.paramsBasic;
      return { authorization: `Basic ${Buffer.from(`${userName}:${password}`).toString("base64")}` };
    }
    return {};
  }
}

/** Refuses authentication the sender cannot perform, at subscription time rather than silently later. */
export function checkAuthentication(auth: CallbackAuthentication | undefined): void {
  if (!auth) return;
  if (auth.authType.includes("BASIC") && !auth.paramsBasic?.userName) {
    throw apiError("UNPROCESSABLE", "authType BASIC needs paramsBasic.userName and password");
  }
  if (auth.authType.includes("OAUTH2_CLIENT_CREDENTIALS")) {
    const params = auth.paramsOauth2ClientCredentials;
    if (!params?.clientId || !params.tokenEndpoint) {
      throw apiError(
        "UNPROCESSABLE",
        "authType OAUTH2_CLIENT_CREDENTIALS needs paramsOauth2ClientCredentials.clientId, clientPassword and tokenEndpoint",
      );
    }
  }
  if (auth.authType.length === 1 && auth.authType[0] === "TLS_CERT") {
    throw apiError(
      "UNPROCESSABLE",
      "authType TLS_CERT is not supported for callbacks; use BASIC or OAUTH2_CLIENT_CREDENTIALS",
    );
  }
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms).unref());
}
