/**
 * The console backend of `ivf up` against a real in-process VNFM (the same host `ivf up`
 * runs): login through the VNFM token endpoint, session cookie flags, and what the proxy
 * refuses before anything reaches the VNFM.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startVnfmHost, type VnfmHost } from "../../vnfs/cli/up/vnfm-host.js";
import { startConsole, type ConsoleServer } from "../../vnfs/console/console-server.js";
import { createLogger } from "../../vnfs/runtime-kit/logging/logger.js";

const logger = createLogger({ ivf: "console-test", instanceId: "t", level: "silent" });
const dir = mkdtempSync(join(tmpdir(), "ivf-console-"));
let host: VnfmHost;
let consoleServer: ConsoleServer;
let cookie = "";

const call = (path: string, init: RequestInit = {}, withCookie = true) =>
  fetch(`${consoleServer.url}${path}`, {
    ...init,
    headers: { ...(withCookie && cookie ? { cookie } : {}), ...(init.headers as Record<string, string>) },
  });
const postJson = (path: string, body: unknown, withCookie = true) =>
  call(
    path,
    { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) },
    withCookie,
  );

beforeAll(async () => {
  host = await startVnfmHost({
    dataDir: dir,
    port: 0,
    clientId: "demo-nfvo",
    clientSecret: "s3cret-for-test",
    vnfcEnv: {},
    readyTimeoutMs: 5000,
    graceMs: 1000,
    logger,
  });
  consoleServer = await startConsole({ port: 0, vnfmUrl: host.url, logger });
});

afterAll(async () => {
  await consoleServer?.close();
  await host?.close(true);
  rmSync(dir, { recursive: true, force: true });
});

describe("console backend", () => {
  it("serves the pages without a session but no API data", async () => {
    expect((await call("/", {}, false)).headers.get("content-type")).toContain("text/html");
    expect((await call("/api/overview", {}, false)).status).toBe(401);
  });

  it("refuses credentials the VNFM token endpoint refuses, without a cookie", async () => {
    const response = await postJson("/api/login", { clientId: "demo-nfvo", clientSecret: "wrong" }, false);
    expect(response.status).toBe(401);
    expect(response.headers.get("set-cookie")).toBeNull();
    expect((await postJson("/api/login", { clientId: 7 }, false)).status).toBe(400);
  });

  it("logs in with the VNFM client into an HttpOnly, SameSite=Strict session and never returns the token", async () => {
    const response = await postJson(
      "/api/login",
      { clientId: "demo-nfvo", clientSecret: "s3cret-for-test" },
      false,
    );
    expect(response.status).toBe(200);
    const setCookie = response.headers.get("set-cookie")!;
    expect(setCookie).toMatch(/^ivf_console_session=[A-Za-z0-9_-]{43}; HttpOnly; SameSite=Strict; Path=\//);
    expect(await response.json()).toEqual({ ok: true });
    cookie = setCookie.split(";")[0]!;
    const overview = await call("/api/overview");
    expect(overview.status).toBe(200);
    expect(await overview.json()).toEqual([]);
  });

  it("passes the VNFM's answer through for an unknown instance", async () => {
    expect((await call("/api/instances/00000000-0000-0000-0000-000000000000")).status).toBe(404);
  });

  it("refuses form posts, malformed ids and operations other than retry/rollback before calling the VNFM", async () => {
    const form = await call("/api/instances/abc/heal", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "a=b",
    });
    expect(form.status).toBe(415);
    expect((await postJson("/api/instances/a%2F..%2Fb/heal", {})).status).toBe(400);
    expect((await postJson("/api/op-occs/abc/fail", {})).status).toBe(400);
    expect((await postJson("/api/instances/abc/scale", { type: "SCALE_UP", aspectId: "x" })).status).toBe(
      400,
    );
  });

  it("ends the session on logout", async () => {
    expect((await postJson("/api/logout", {})).status).toBe(200);
    expect((await call("/api/overview")).status).toBe(401);
  });
});
