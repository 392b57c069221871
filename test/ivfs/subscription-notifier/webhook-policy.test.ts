import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import type { LookupAddress } from "node:dns";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ConfigError } from "../../../vnfs/runtime-kit/config/env-config.js";
import { WebhookPolicy } from "../../../vnfs/subscription-notifier/webhook-policy/webhook-policy.js";
import {
  WebhookSender,
  type HostResolver,
} from "../../../vnfs/subscription-notifier/delivery/webhook-sender.js";

let server: Server;
let port: number;
const hits: string[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    hits.push(req.url ?? "");
    req.resume();
    if (req.url === "/redirect") res.writeHead(302, { location: "/elsewhere" }).end();
    else res.writeHead(204).end();
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A resolver with fixed answers per name that counts how often it is asked. */
function resolverOf(answers: Record<string, string[]>): HostResolver & { calls: number } {
  const resolver = ((host, callback) => {
    resolver.calls++;
    const addresses = answers[host];
    if (!addresses)
      return callback(Object.assign(new Error(`getaddrinfo ENOTFOUND ${host}`), { code: "ENOTFOUND" }), []);
    callback(
      null,
      addresses.map((address): LookupAddress => ({ address, family: address.includes(":") ? 6 : 4 })),
    );
  }) as HostResolver & { calls: number };
  resolver.calls = 0;
  return resolver;
}

describe("webhook target policy at subscription time", () => {
  const strict = WebhookPolicy.create(
    [],
    ["amqp://127.0.0.1:5672", "mongodb://user:pw@db1.example.net:27017,db2.example.net/iot"],
  );

  it.each([
    ["http://127.0.0.1:8080/hook", "loopback"],
    ["http://127.1/hook", "loopback"],
    ["http://2130706433/hook", "loopback"],
    ["http://0x7f.0.0.1/hook", "loopback"],
    ["http://[::1]/hook", "loopback"],
    ["http://[::ffff:127.0.0.1]/hook", "loopback"],
    ["http://[64:ff9b::a00:1]/hook", "private (RFC 1918)"],
    ["http://10.1.2.3/hook", "private (RFC 1918)"],
    ["http://172.20.0.5/hook", "private (RFC 1918)"],
    ["https://192.168.1.10/hook", "private (RFC 1918)"],
    ["http://169.254.169.254/latest/meta-data/", "link-local"],
    ["http://[fd00:ec2::254]/", "unique-local"],
    ["http://[fe80::1]/", "link-local"],
    ["http://0.0.0.0:9000/", "unspecified"],
    ["http://100.64.0.1/", "shared address space"],
  ])("refuses %s as a %s address and names the setting that allows it", (url, kind) => {
    const problem = strict.urlProblem(url);
    expect(problem).toContain(kind);
    expect(problem).toContain("IVF_NOTIFIER_WEBHOOK_ALLOW");
  });

  it.each([
    "http://localhost:8080/",
    "http://rabbitmq:15672/",
    "http://metadata.google.internal/",
    "http://identity.ivf.svc/",
    "http://printer.local/",
  ])("refuses the internal name in %s", (url) => {
    expect(strict.urlProblem(url)).toMatch(/is an internal name.*IVF_NOTIFIER_WEBHOOK_ALLOW/);
  });

  it("accepts public hosts and addresses", () => {
    expect(strict.urlProblem("https://hooks.example.com/ivf")).toBeUndefined();
    expect(strict.urlProblem("http://93.184.216.34:8080/")).toBeUndefined();
    expect(strict.urlProblem("http://[2606:4700::1111]/")).toBeUndefined();
  });

  it("refuses the platform's own endpoints, even when their network is allowed", () => {
    const open = WebhookPolicy.create(
      ["127.0.0.0/8", "*.example.net"],
      ["amqp://guest:guest@localhost:5672", "mongodb://user:pw@db1.example.net:27017,db2.example.net/iot"],
    );
    expect(open.urlProblem("http://127.0.0.1:5672/")).toMatch(/platform's own services/);
    expect(open.urlProblem("http://localhost:5672/")).toMatch(/platform's own services/);
    expect(open.urlProblem("http://db2.example.net:27017/")).toMatch(/platform's own services/);
    expect(open.urlProblem("http://127.0.0.1:8080/")).toBeUndefined();
    expect(open.urlProblem("http://hooks.example.net/")).toBeUndefined();
  });

  it("opens exactly the allowed addresses, networks and names", () => {
    const policy = WebhookPolicy.create(["127.0.0.1", "10.20.0.0/16", "hooks.corp", "*.lab.internal"]);
    expect(policy.urlProblem("http://127.0.0.1:9/")).toBeUndefined();
    expect(policy.urlProblem("http://127.0.0.2:9/")).toContain("loopback");
    expect(policy.urlProblem("http://10.20.3.4/")).toBeUndefined();
    expect(policy.urlProblem("http://10.21.3.4/")).toContain("RFC 1918");
    expect(policy.urlProblem("http://hooks.corp/")).toBeUndefined();
    expect(policy.urlProblem("http://a.lab.internal/")).toBeUndefined();
    expect(policy.urlProblem("http://lab.internal/")).toContain("internal name");
  });

  it("lists every invalid allow entry at once", () => {
    let error: unknown;
    try {
      WebhookPolicy.create(["10.0.0.0/33", "127.0.0.1", "http://x/", "bad host"]);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toHaveLength(3);
    expect((error as ConfigError).problems[0]).toContain('"10.0.0.0/33"');
  });
});

describe("webhook target policy at delivery time (real HTTP server on 127.0.0.1)", () => {
  const body = JSON.stringify({ hello: "world" });
  const options = { notificationId: "n-1" };

  it("refuses a loopback literal without connecting, as a permanent failure", async () => {
    const sender = new WebhookSender(WebhookPolicy.create([]), 2000);
    const before = hits.length;
    const outcome = await sender.send(`http://127.0.0.1:${port}/literal`, body, options);
    expect(outcome).toMatchObject({ ok: false, retry: false });
    expect(outcome.ok === false && outcome.reason).toContain(
      "webhook target refused: webhook address 127.0.0.1 is a loopback address",
    );
    expect(hits.length).toBe(before);
    sender.close();
  });

  it("delivers to the same server when the operator allows its address", async () => {
    const sender = new WebhookSender(WebhookPolicy.create(["127.0.0.1"]), 2000);
    expect(await sender.send(`http://127.0.0.1:${port}/allowed`, body, options)).toEqual({ ok: true });
    expect(hits).toContain("/allowed");
    sender.close();
  });

  it("refuses a public-looking name that resolves to loopback, resolving it once (the connection uses the checked answer)", async () => {
    const resolver = resolverOf({ "hooks.example.com": ["127.0.0.1"] });
    const sender = new WebhookSender(WebhookPolicy.create([]), 2000, resolver);
    const outcome = await sender.send(`http://hooks.example.com:${port}/rebound`, body, options);
    expect(outcome).toMatchObject({ ok: false, retry: false });
    expect(outcome.ok === false && outcome.reason).toContain(
      "hooks.example.com resolves to 127.0.0.1, which is a loopback address",
    );
    expect(hits).not.toContain("/rebound");
    expect(resolver.calls).toBe(1);
    sender.close();
  });

  it("refuses a name when any of its addresses is internal", async () => {
    const resolver = resolverOf({ "mixed.example.com": ["93.184.216.34", "169.254.169.254"] });
    const sender = new WebhookSender(WebhookPolicy.create([]), 2000, resolver);
    const outcome = await sender.send(`http://mixed.example.com:${port}/mixed`, body, options);
    expect(outcome.ok === false && outcome.reason).toContain("169.254.169.254, which is a link-local");
    sender.close();
  });

  it("connects to the resolved, checked address of an allowed name", async () => {
    const resolver = resolverOf({ "hooks.example.com": ["127.0.0.1"] });
    const sender = new WebhookSender(WebhookPolicy.create(["hooks.example.com"]), 2000, resolver);
    expect(await sender.send(`http://hooks.example.com:${port}/by-name`, body, options)).toEqual({
      ok: true,
    });
    expect(hits).toContain("/by-name");
    expect(resolver.calls).toBe(1);
    sender.close();
  });

  it("retries when the name does not resolve, and does not follow redirects", async () => {
    const sender = new WebhookSender(WebhookPolicy.create(["127.0.0.1"]), 2000, resolverOf({}));
    const unresolved = await sender.send("http://nowhere.example.com/", body, options);
    expect(unresolved).toMatchObject({ ok: false, retry: true });
    expect(unresolved.ok === false && unresolved.reason).toContain("ENOTFOUND");
    const redirected = await sender.send(`http://127.0.0.1:${port}/redirect`, body, options);
    expect(redirected).toEqual({ ok: false, retry: false, reason: "webhook answered 302" });
    expect(hits).not.toContain("/elsewhere");
    sender.close();
  });
});
