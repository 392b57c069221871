/**
 * Per-client rate limit of the SOL003 APIs: a client beyond its bucket gets 429 ProblemDetails
 * with Retry-After (SOL013 6.4), other clients and api_versions are not affected.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalTokenIssuer, parseClients } from "../../vnfm-adapter/auth/token-verifier.js";
import { referenceAvailable } from "../support/reference.js";
import { Harness } from "./support/harness.js";

describe.runIf(referenceAvailable())("VNFM SOL003 API rate limit", () => {
  let h: Harness;
  let tokens: Record<string, string>;
  beforeAll(async () => {
    const issuer = new LocalTokenIssuer(parseClients("nfvo-a:secret-a-value,nfvo-b:secret-b-value"), {
      ttlMs: 60_000,
      audience: "ivf-vnfm",
      issuer: "test",
    });
    h = await new Harness({
      auth: { verifier: issuer, issuer },
      rateLimit: { perSecond: 1, burst: 3 },
    }).start();
    tokens = {
      a: (await issuer.issue("nfvo-a")).token,
      b: (await issuer.issue("nfvo-b")).token,
    };
  });
  afterAll(() => h.close());

  const list = (token: string) =>
    fetch(`${h.client.baseUrl}/vnflcm/v2/vnf_instances`, {
      headers: { Authorization: `Bearer ${token}`, Version: "2.0.0", Accept: "application/json" },
    });

  it("answers 429 ProblemDetails with Retry-After beyond a client's bucket, per client", async () => {
    const statuses: number[] = [];
    for (let index = 0; index < 3; index++) {
      const response = await list(tokens.a!);
      statuses.push(response.status);
      await response.text();
    }
    expect(statuses).toEqual([200, 200, 200]);
    const limited = await list(tokens.a!);
    expect(limited.status).toBe(429);
    expect(limited.headers.get("content-type")).toContain("application/problem+json");
    expect(Number(limited.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(limited.headers.get("version")).toBe("2.0.0");
    const problem = (await limited.json()) as Record<string, unknown>;
    expect(problem).toMatchObject({ status: 429, title: "Too Many Requests" });
    expect(problem.detail).toContain("nfvo-a");

    const other = await list(tokens.b!);
    expect(other.status).toBe(200);
    await other.text();
    const versions = await fetch(`${h.client.baseUrl}/vnflcm/v2/api_versions`, {
      headers: { Version: "2.0.0" },
    });
    expect(versions.status).toBe(200);
    await versions.text();
  });
});
