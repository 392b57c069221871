import { request } from "node:https";
import { readFileSync } from "node:fs";
import type { TLSSocket } from "node:tls";
import { afterAll, describe, expect, it } from "vitest";
import { Registry } from "prom-client";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { Readiness } from "../../../vnfs/runtime-kit/http/readiness.js";
import { createHttpApp, httpTlsFromConfig, listen } from "../../../vnfs/runtime-kit/http/http-server.js";
import { TlsConfigError } from "../../../vnfs/runtime-kit/http/tls-material.js";
import { TestPki } from "../../support/test-pki.js";

const pki = new TestPki();
const server = pki.server();
const device = pki.client("device", "acme:meter-1");
const foreignPki = new TestPki("foreign");
const foreign = foreignPki.client("foreign-device", "acme:meter-1");
afterAll(() => {
  pki.remove();
  foreignPki.remove();
});

function get(
  url: string,
  options: { ca?: string; cert?: string; key?: string } = {},
): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        ...(options.ca ? { ca: readFileSync(options.ca) } : {}),
        ...(options.cert ? { cert: readFileSync(options.cert), key: readFileSync(options.key!) } : {}),
      },
      (res) => {
        let body = "";
        res.on("data", (chunk: Buffer) => (body += chunk.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on("error", reject);
    req.end();
  });
}

async function startTlsServer(config: Parameters<typeof httpTlsFromConfig>[0]) {
  const app = createHttpApp({
    logger: createLogger({ ivf: "test", instanceId: "t", level: "silent" }),
    readiness: new Readiness(),
    metrics: new Registry(),
  });
  app.get("/whoami", (req, res) => {
    const socket = req.socket as TLSSocket;
    const peer = socket.getPeerCertificate();
    res.json({ authorized: socket.authorized, cn: peer?.subject?.CN ?? null });
  });
  return listen(app, "127.0.0.1", 0, httpTlsFromConfig(config));
}

describe("HTTPS on every IVF HTTP server (IVF_HTTP_TLS_*)", () => {
  it("serves HTTPS with the configured certificate and refuses plain HTTP clients' trust without the CA", async () => {
    const started = await startTlsServer({
      httpTlsCertFile: server.certFile,
      httpTlsKeyFile: server.keyFile,
    });
    try {
      expect(started.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
      const health = await get(`${started.url}/healthz`, { ca: pki.caCertFile });
      expect(health).toEqual({ status: 200, body: JSON.stringify({ status: "ok" }) });
      await expect(get(`${started.url}/healthz`)).rejects.toThrow(/self-signed|unable to verify/i);
    } finally {
      await started.close();
    }
  });

  it("with a CA, reports a client certificate it signed as authorized and a foreign one as not", async () => {
    const started = await startTlsServer({
      httpTlsCertFile: server.certFile,
      httpTlsKeyFile: server.keyFile,
      httpTlsCaFile: pki.caCertFile,
    });
    try {
      const own = await get(`${started.url}/whoami`, {
        ca: pki.caCertFile,
        cert: device.certFile,
        key: device.keyFile,
      });
      expect(JSON.parse(own.body)).toEqual({ authorized: true, cn: "acme:meter-1" });
      const other = await get(`${started.url}/whoami`, {
        ca: pki.caCertFile,
        cert: foreign.certFile,
        key: foreign.keyFile,
      });
      expect(JSON.parse(other.body)).toMatchObject({ authorized: false });
      const none = await get(`${started.url}/whoami`, { ca: pki.caCertFile });
      expect(JSON.parse(none.body)).toMatchObject({ authorized: false });
    } finally {
      await started.close();
    }
  });

  it("refuses a key that does not belong to the certificate, naming the settings and not the key", () => {
    const call = () =>
      httpTlsFromConfig({ httpTlsCertFile: server.certFile, httpTlsKeyFile: device.keyFile });
    expect(call).toThrow(TlsConfigError);
    expect(call).toThrow(/IVF_HTTP_TLS_CERT_FILE, IVF_HTTP_TLS_KEY_FILE.*do not form a usable TLS context/);
    expect(call).not.toThrow(/BEGIN/);
  });

  it("lists a missing key setting and an unreadable file at once", () => {
    expect(() => httpTlsFromConfig({ httpTlsCertFile: "/nonexistent/cert.pem" })).toThrow(
      /IVF_HTTP_TLS_CERT_FILE and IVF_HTTP_TLS_KEY_FILE must be set together[\s\S]*"\/nonexistent\/cert.pem" cannot be read \(ENOENT\)/,
    );
  });

  it("stays plain HTTP when nothing is set", () => {
    expect(httpTlsFromConfig({})).toBeUndefined();
  });
});
