import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import express from "express";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tokenEndpoint } from "../../vnfm-adapter/auth/token-endpoint.js";
import { LocalTokenIssuer, parseClients } from "../../vnfm-adapter/auth/token-verifier.js";
import { RateLimiter } from "../../vnfs/runtime-kit/http/rate-limiter.js";

let server: Server;
let url: string;

beforeAll(async () => {
  const issuer = new LocalTokenIssuer(parseClients("nfvo-1:s3cret-value"), {
    ttlMs: 60_000,
    audience: "ivf-vnfm",
    issuer: "urn:test",
  });
  const app = express();
  app.use("/oauth2/token", tokenEndpoint(issuer, new RateLimiter({ perSecond: 1, burst: 3 })));
  server = app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/oauth2/token`;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const ask = (secret: string) =>
  fetch(url, {
    method: "POST",
    headers: {
      authorization: `Basic ${Buffer.from(`nfvo-1:${secret}`).toString("base64")}`,
      "content-type": "application/x-www-form-urlencoded",
    },
    body: "grant_type=client_credentials",
  });

describe("VNFM token endpoint rate limit", () => {
  it("stops secret guessing from one address with 429 slow_down and Retry-After, even for the right secret", async () => {
    const statuses: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) statuses.push((await ask(`guess-${attempt}`)).status);
    expect(statuses).toEqual([401, 401, 401]);
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 6 && !limited; attempt++) {
      const response = await ask("s3cret-value");
      if (response.status === 429) limited = response;
      else await response.text();
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(await limited!.json()).toMatchObject({ error: "slow_down" });
  });
});
