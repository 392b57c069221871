import express from "express";
import { afterEach, describe, expect, it } from "vitest";
import { startIvf, type RunningIvf } from "../../vnfs/runtime-kit/ivf-process.js";
import { ConfigError, type ConfigSpec } from "../../vnfs/runtime-kit/config/env-config.js";

const settings = {
  greeting: { kind: "string", env: "IVF_TEST_GREETING", description: "greeting", default: "hello" },
} satisfies ConfigSpec;

let running: RunningIvf<typeof settings> | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

const baseEnv = { IVF_LOG_LEVEL: "silent", IVF_DATA_DIR: "/tmp/ivf-process-test" };

async function startEcho(env: NodeJS.ProcessEnv = baseEnv) {
  running = await startIvf(
    {
      name: "echo",
      settings,
      uses: { bus: false, store: false },
      async start({ app, config, readiness }) {
        readiness.add("always", () => true);
        app.post("/echo", express.json({ limit: "1kb" }), (req, res) => {
          res.json({ greeting: config.greeting, body: req.body });
        });
      },
    },
    env,
  );
  return running;
}

describe("IVF process bootstrap", () => {
  it("serves liveness, readiness and Prometheus metrics with the IVF's identity", async () => {
    const { server } = await startEcho({ ...baseEnv, IVF_INSTANCE_ID: "echo-1" });
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ ready: true, checks: { always: { ready: true } } });
    const metrics = await (await fetch(`${server.url}/metrics`)).text();
    expect(metrics).toMatch(/process_resident_memory_bytes\{ivf="echo",instance="echo-1"\}/);
  });

  it("answers malformed JSON with 400 and oversized bodies with 413, and keeps serving", async () => {
    const { server } = await startEcho();
    const malformed = await fetch(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":',
    });
    expect(malformed.status).toBe(400);
    expect(await malformed.json()).toMatchObject({ error: "malformed_json" });
    const oversized = await fetch(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ blob: "x".repeat(4096) }),
    });
    expect(oversized.status).toBe(413);
    const ok = await fetch(`${server.url}/echo`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: '{"a":1}',
    });
    expect(await ok.json()).toEqual({ greeting: "hello", body: { a: 1 } });
  });

  it("reports not ready while draining during a graceful stop", async () => {
    const instance = await startEcho();
    instance.context.readiness.markDraining();
    expect((await fetch(`${instance.server.url}/readyz`)).status).toBe(503);
  });

  it("refuses to start with every configuration problem listed", async () => {
    await expect(
      startEcho({ ...baseEnv, IVF_HTTP_PORT: "http", IVF_LOG_LEVEL: "loud", IVF_AMQP_URL: "ftp://x" }),
    ).rejects.toSatisfy((error: unknown) => error instanceof ConfigError && error.problems.length === 3);
  });
});
