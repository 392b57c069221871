import { createHmac } from "node:crypto";

/**
 * One webhook POST. The body is signed when the subscription has a secret: header
 * `X-IVF-Signature: sha256=<hex HMAC of the exact body>`, plus `X-IVF-Notification-Id` for
 * de-duplication. A 2xx answer is success; 408, 425, 429 and 5xx, timeouts and connection errors
 * are worth retrying; any other answer is permanent (the subscriber refuses the notification).
 */
export type SendOutcome = { ok: true } | { ok: false; retry: boolean; reason: string };

export async function sendWebhook(
  url: string,
  body: string,
  options: { notificationId: string; secret?: string; timeoutMs: number },
): Promise<SendOutcome> {
  const headers: Record<string, string> = {
    "content-type": "application/json",
    "user-agent": "ivf-subscription-notifier",
    "x-ivf-notification-id": options.notificationId,
  };
  if (options.secret)
    headers["x-ivf-signature"] = `sha256=${createHmac("sha256", options.secret).update(body).digest("hex")}`;
  try {
    const response = await fetch(url, {
      method: "POST",
      headers,
      body,
      redirect: "manual",
      signal: AbortSignal.timeout(options.timeoutMs),
    });
    await response.body?.cancel();
    if (response.status >= 200 && response.status < 300) return { ok: true };
    const retry = [408, 425, 429].includes(response.status) || response.status >= 500;
    return { ok: false, retry, reason: `webhook answered ${response.status}` };
  } catch (error) {
    const reason =
      error instanceof Error && error.name === "TimeoutError"
        ? `no answer within ${options.timeoutMs} ms`
        : String((error as Error)?.cause ?? error);
    return { ok: false, retry: true, reason: `webhook unreachable: ${reason}` };
  }
}
