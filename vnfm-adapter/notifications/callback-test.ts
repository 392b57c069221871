/**
 * SOL013 callback test: on subscription the VNFM sends GET callbackUri and expects 204 (SOL003
 * 5.4.20.3.2). On by default for v2, off by default for v1 because ONAP SO serves no GET on its
 * /lcn endpoints (notes/onap-tacker.md A.8).
 */
import { vnfmError } from "../errors.js";
import type { SubscriptionAuth } from "../objects/models.js";
import type { SubscriberAuth } from "./subscriber-auth.js";

export async function testCallback(
  callbackUri: string,
  auth: SubscriptionAuth | undefined,
  subscriberAuth: SubscriberAuth,
  timeoutMs: number,
): Promise<void> {
  let status: number;
  try {
    const headers: Record<string, string> = { Accept: "application/json" };
    const authorization = await subscriberAuth.header(auth);
    if (authorization) headers.Authorization = authorization;
    const response = await fetch(callbackUri, {
      method: "GET",
      headers,
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    status = response.status;
  } catch (error) {
    throw vnfmError(
      "CALLBACK_TEST_FAILED",
      `GET ${callbackUri} failed: ${(error as Error).message}; the notification endpoint must answer GET with 204`,
    );
  }
  if (status !== 204)
    throw vnfmError(
      "CALLBACK_TEST_FAILED",
      `GET ${callbackUri} answered ${status}; the notification endpoint must answer GET with 204`,
    );
}
