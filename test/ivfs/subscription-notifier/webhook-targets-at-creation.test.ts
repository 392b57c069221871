import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPlatform, type Platform } from "../cloud-api/platform-fixture.js";

/**
 * The cloud API applies the notifier's webhook target policy before it stores a subscription:
 * internal targets are refused with 422 naming the setting that would allow them. The platform
 * fixture allows 127.0.0.1 (its webhook receivers listen there), nothing else.
 */
let platform: Platform;
let writer: string;

beforeAll(async () => {
  platform = await startPlatform();
  writer = await platform.token("acme", "acme-hooks-writer", ["writer"]);
}, 60_000);

afterAll(async () => {
  await platform?.stop();
});

function create(url: string) {
  return platform.call(platform.urls.cloudApi, writer, "POST", "/v1/subscriptions", {
    target: { kind: "webhook", url },
  });
}

describe("webhook targets when a subscription is created", () => {
  it.each([
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://10.0.0.8:8080/hook", "private (RFC 1918)"],
    ["http://[::1]:8080/hook", "loopback"],
    ["http://[fd12:3456::1]/hook", "unique-local"],
    ["http://localhost:8080/hook", "internal name"],
    ["http://rabbitmq:15672/api", "internal name"],
  ])("refuses %s (%s) with 422 on /body/target/url, naming the setting", async (url, kind) => {
    const answer = await create(url);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain(kind);
    expect(answer.body.detail).toContain("IVF_NOTIFIER_WEBHOOK_ALLOW");
    expect(answer.body.errors).toEqual([{ pointer: "/body/target/url", detail: answer.body.detail }]);
  });

  it("refuses the identity service's own endpoint even though 127.0.0.1 is allowed", async () => {
    const identity = new URL(platform.urls.identity);
    const answer = await create(`http://127.0.0.1:${identity.port}/token`);
    expect(answer.status).toBe(422);
    expect(answer.body.detail).toContain("platform's own services");
  });

  it("accepts the allowed loopback address and public hosts, and stores nothing refused", async () => {
    expect((await create("http://127.0.0.1:9/hook")).status).toBe(201);
    expect((await create("https://hooks.example.com/ivf")).status).toBe(201);
    const list = await platform.call(platform.urls.cloudApi, writer, "GET", "/v1/subscriptions");
    expect(list.body.items.map((item: { target: { url: string } }) => item.target.url).sort()).toEqual([
      "http://127.0.0.1:9/hook",
      "https://hooks.example.com/ivf",
    ]);
  });
});
