/* eslint-disable @typescript-eslint/no-explicit-any -- response bodies are checked against the OpenAPI documents; tests read them dynamically */
/**
 * HTTP client of the tests: every response it sees is validated by the Conformance checker
 * (official document + our api-specs), and a violation fails the test at the call site.
 */
import type { Conformance } from "./conformance.js";

export interface ApiResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  raw: Buffer;
}

const BASES = ["/vnflcm/v2", "/vnflcm/v1", "/vnfpkgm/v2"];
const VERSIONS: Record<string, string> = { "/vnflcm/v2": "2.0.0", "/vnfpkgm/v2": "2.1.0" };

export interface CallOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Skip the default Version header (to test its absence). */
  noVersion?: boolean;
  /** Send the body bytes as they are with this content type. */
  rawBody?: Buffer;
  contentType?: string;
}

export class ApiClient {
  token?: string;
  readonly violations: string[] = [];

  constructor(
    readonly baseUrl: string,
    readonly conformance: Conformance,
  ) {}

  async call<T = any>(method: string, path: string, options: CallOptions = {}): Promise<ApiResponse<T>> {
    const base = BASES.find((b) => path.startsWith(`${b}/`));
    const headers: Record<string, string> = { Accept: "application/json", ...options.headers };
    if (base && VERSIONS[base] && !options.noVersion && !("Version" in headers))
      headers.Version = VERSIONS[base]!;
    if (this.token && !("Authorization" in headers)) headers.Authorization = `Bearer ${this.token}`;
    let body: string | Buffer | undefined;
    if (options.rawBody) {
      body = options.rawBody;
      headers["Content-Type"] = options.contentType ?? "application/zip";
    } else if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["Content-Type"] ??= options.contentType ?? "application/json";
    }
    const send = () => fetch(`${this.baseUrl}${path}`, { method, headers, body, redirect: "manual" });
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      // A pooled keep-alive connection to a VNFM that restarted is dead: a GET is safe to resend.
      if (method !== "GET") throw error;
      response = await send();
    }
    const raw = Buffer.from(await response.arrayBuffer());
    const type = response.headers.get("content-type") ?? "";
    const parsed =
      type.includes("json") && raw.length > 0
        ? JSON.parse(raw.toString("utf8"))
        : raw.length > 0
          ? raw.toString("utf8")
          : undefined;
    if (base) {
      const url = new URL(path, this.baseUrl);
      const problems = this.conformance.checkResponse(base, {
        method,
        path: url.pathname.slice(base.length),
        status: response.status,
        headers: response.headers,
        body: parsed,
      });
      if (response.status >= 400 && !type.startsWith("application/problem+json"))
        problems.push(
          `${method} ${path} -> ${response.status}: error without application/problem+json (${type})`,
        );
      if (problems.length > 0) {
        this.violations.push(...problems);
        throw new Error(
          `conformance violations:\n  ${problems.join("\n  ")}\nbody: ${JSON.stringify(parsed)?.slice(0, 1500)}`,
        );
      }
    }
    return { status: response.status, headers: response.headers, body: parsed as T, raw };
  }

  get = <T = any>(path: string, options?: CallOptions) => this.call<T>("GET", path, options);
  post = <T = any>(path: string, body?: unknown, options?: CallOptions) =>
    this.call<T>("POST", path, { ...options, ...(body !== undefined ? { body } : {}) });
}
