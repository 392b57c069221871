/**
 * JSON calls from the console backend to the IoT functions' own REST APIs (identity,
 * device-manager, data-store, cloud-api) on their VNFCs. The caller names the credential:
 * an identity bearer token or a tenant's application key. A VNFC that cannot be reached is
 * skipped for the next one; an answer is returned as it is (status and parsed body).
 */
import { ConsoleError } from "./console-error.js";
import type { IvfLocator } from "./ivf-endpoints.js";

export interface IvfCall {
  method?: string;
  /** Identity access token (Authorization: Bearer). */
  token?: string;
  /** cloud-api application key (X-API-Key). */
  apiKey?: string;
  json?: unknown;
  form?: Record<string, string>;
  basic?: { user: string; password: string };
}

export interface IvfAnswer<T> {
  status: number;
  body: T;
}

let turn = 0;

export async function callIvf<T = unknown>(
  locator: IvfLocator,
  ivf: string,
  path: string,
  call: IvfCall = {},
): Promise<IvfAnswer<T>> {
  const urls = await locator.urls(ivf);
  if (urls.length === 0) throw new ConsoleError(503, `no VNFC of ${ivf} is running (see the overview page)`);
  const headers: Record<string, string> = { accept: "application/json" };
  if (call.token) headers.authorization = `Bearer ${call.token}`;
  if (call.basic)
    headers.authorization = `Basic ${Buffer.from(
      `${encodeURIComponent(call.basic.user)}:${encodeURIComponent(call.basic.password)}`,
    ).toString("base64")}`;
  if (call.apiKey) headers["x-api-key"] = call.apiKey;
  let body: string | undefined;
  if (call.json !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(call.json);
  } else if (call.form) {
    headers["content-type"] = "application/x-www-form-urlencoded";
    body = new URLSearchParams(call.form).toString();
  }
  const start = turn++;
  let lastFailure: unknown;
  for (let index = 0; index < urls.length; index++) {
    const url = urls[(start + index) % urls.length]!;
    let response: Response;
    try {
      response = await fetch(`${url}${path}`, {
        method: call.method ?? "GET",
        headers,
        ...(body !== undefined ? { body } : {}),
        signal: AbortSignal.timeout(10_000),
      });
    } catch (error) {
      lastFailure = error;
      continue;
    }
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: kept as text for the error message.
    }
    return { status: response.status, body: parsed as T };
  }
  throw new ConsoleError(
    502,
    `no VNFC of ${ivf} answered (${lastFailure instanceof Error ? lastFailure.message : "unreachable"})`,
  );
}
