import {
  ExpositionError,
  parseExposition,
  type MetricFamily,
  type ParseLimits,
} from "./exposition-parser.js";

/**
 * Fetches one VNFC's /metrics with a hard timeout and a byte limit enforced while reading,
 * so a slow or endless target costs the agent at most `timeoutMs` and `maxBytes`.
 */
export interface ScrapeOptions {
  timeoutMs: number;
  limits?: Partial<ParseLimits>;
  /** Extra request headers (e.g. Authorization for a protected target). */
  headers?: Record<string, string>;
}

export type ScrapeResult =
  | { ok: true; families: Map<string, MetricFamily>; durationMs: number; at: number }
  | { ok: false; error: string; durationMs: number; at: number };

const ACCEPT = "text/plain;version=0.0.4;q=1,*/*;q=0.1";

export async function scrapeMetrics(url: string, options: ScrapeOptions): Promise<ScrapeResult> {
  const started = Date.now();
  const fail = (error: string): ScrapeResult => ({
    ok: false,
    error,
    durationMs: Date.now() - started,
    at: started,
  });
  const maxBytes = options.limits?.maxBytes ?? 4 * 1024 * 1024;
  try {
    const response = await fetch(url, {
      headers: { accept: ACCEPT, ...options.headers },
      signal: AbortSignal.timeout(options.timeoutMs),
      redirect: "error",
    });
    if (!response.ok) {
      await response.body?.cancel();
      return fail(`GET ${url} answered HTTP ${response.status}`);
    }
    const type = response.headers.get("content-type") ?? "";
    if (!/^text\/plain\b/i.test(type)) {
      await response.body?.cancel();
      return fail(`GET ${url} answered content type "${type}", expected text/plain (Prometheus 0.0.4)`);
    }
    const text = await readBounded(response, maxBytes);
    const families = parseExposition(text, options.limits);
    return { ok: true, families, durationMs: Date.now() - started, at: started };
  } catch (error) {
    if (error instanceof ExpositionError) return fail(`${url}: ${error.message}`);
    if (error instanceof Error && (error.name === "TimeoutError" || error.name === "AbortError")) {
      return fail(`GET ${url} timed out after ${options.timeoutMs} ms`);
    }
    return fail(`GET ${url} failed: ${describe(error)}`);
  }
}

async function readBounded(response: Response, maxBytes: number): Promise<string> {
  const declared = Number(response.headers.get("content-length"));
  if (Number.isFinite(declared) && declared > maxBytes) {
    await response.body?.cancel();
    throw new ExpositionError(0, `body of ${declared} bytes exceeds ${maxBytes} bytes`);
  }
  if (!response.body) return "";
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel();
      throw new ExpositionError(0, `body exceeds ${maxBytes} bytes`);
    }
    chunks.push(value);
  }
  return new TextDecoder("utf-8", { fatal: true }).decode(Buffer.concat(chunks));
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? `${error.message} (${cause.message})` : error.message;
  }
  return String(error);
}

/** Probes GET /readyz: ready on 200; the body's failing checks name unreachable dependencies. */
export async function probeReadiness(
  url: string,
  timeoutMs: number,
): Promise<{ reachable: boolean; ready: boolean; failingChecks: string[]; error?: string }> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: "error" });
    const text = await readBounded(response, 64 * 1024).catch(() => "");
    let failingChecks: string[] = [];
    try {
      const body = JSON.parse(text) as { checks?: Record<string, { ready?: boolean }> };
      failingChecks = Object.entries(body.checks ?? {})
        .filter(([name, check]) => check?.ready === false && name !== "shutdown")
        .map(([name]) => name)
        .slice(0, 32);
    } catch {
      failingChecks = [];
    }
    return { reachable: true, ready: response.status === 200, failingChecks };
  } catch (error) {
    return { reachable: false, ready: false, failingChecks: [], error: describe(error) };
  }
}
