import express, { type Express, type ErrorRequestHandler } from "express";
import type { Server } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import type { Registry } from "prom-client";
import type { Logger } from "../logging/logger.js";
import type { Readiness } from "./readiness.js";
import { loadTlsMaterial, type TlsMaterial } from "./tls-material.js";

export interface HttpServerOptions {
  logger: Logger;
  readiness: Readiness;
  metrics: Registry;
  /** Maximum JSON body size accepted by routes that use `express.json` from this kit. */
  bodyLimit?: string;
  /** Who answers: echoed by /healthz so a supervisor can tell its process from one reusing the port. */
  identity?: { ivf: string; instanceId: string };
}

/**
 * Express app with the three operational endpoints every IVF, the VNFM adapter and the
 * monitoring agent serve: GET /healthz (liveness: the event loop answers), GET /readyz
 * (readiness: every registered check passes; 503 with the failing checks otherwise) and
 * GET /metrics (Prometheus text format). Function routes are mounted on `app` afterwards.
 */
export function createHttpApp(options: HttpServerOptions): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("trust proxy", false);

  app.get("/healthz", (_req, res) => {
    res.json({ status: "ok", ...options.identity });
  });
  app.get("/readyz", async (_req, res) => {
    const report = await options.readiness.report();
    res.status(report.ready ? 200 : 503).json(report);
  });
  app.get("/metrics", async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.metrics());
  });
  return app;
}

/**
 * Final error handler: malformed JSON and oversized bodies get a clear 400/413 JSON answer;
 * anything else is logged and answered 500 without internal details.
 */
export function jsonErrorHandler(logger: Logger): ErrorRequestHandler {
  return (error, req, res, _next) => {
    const status = typeof error?.status === "number" ? error.status : 500;
    if (status === 400 && error?.type === "entity.parse.failed") {
      res
        .status(400)
        .json({ error: "malformed_json", message: `request body is not valid JSON: ${error.message}` });
      return;
    }
    if (status === 413) {
      res.status(413).json({
        error: "payload_too_large",
        message: `request body exceeds the limit of ${error.limit} bytes`,
      });
      return;
    }
    if (status >= 400 && status < 500) {
      res.status(status).json({ error: "bad_request", message: String(error?.message ?? "bad request") });
      return;
    }
    logger.error({ err: error, method: req.method, path: req.path }, "unhandled error in HTTP handler");
    res.status(500).json({ error: "internal_error", message: "internal error; see the server log" });
  };
}

export interface StartedServer {
  server: Server;
  port: number;
  url: string;
  close(): Promise<void>;
}

/**
 * The HTTPS material of the common settings (IVF_HTTP_TLS_*), or undefined for plain HTTP.
 * Throws TlsConfigError naming the settings when a file is missing or cert and key do not match.
 */
export function httpTlsFromConfig(config: {
  httpTlsCertFile?: string | undefined;
  httpTlsKeyFile?: string | undefined;
  httpTlsKeyPassphrase?: string | undefined;
  httpTlsCaFile?: string | undefined;
  httpTlsCrlFile?: string | undefined;
}): TlsMaterial | undefined {
  const material = loadTlsMaterial(
    {
      certFile: config.httpTlsCertFile,
      keyFile: config.httpTlsKeyFile,
      keyPassphrase: config.httpTlsKeyPassphrase,
      caFile: config.httpTlsCaFile,
      crlFile: config.httpTlsCrlFile,
    },
    {
      certFile: "IVF_HTTP_TLS_CERT_FILE",
      keyFile: "IVF_HTTP_TLS_KEY_FILE",
      caFile: "IVF_HTTP_TLS_CA_FILE",
      crlFile: "IVF_HTTP_TLS_CRL_FILE",
    },
  );
  if (material && !material.cert) {
    throw new Error(
      "IVF_HTTP_TLS_CA_FILE or IVF_HTTP_TLS_CRL_FILE is set without IVF_HTTP_TLS_CERT_FILE and IVF_HTTP_TLS_KEY_FILE: client certificates need HTTPS",
    );
  }
  return material;
}

/**
 * Listens and resolves with the actual port (port 0 picks a free one). With `tls` it serves HTTPS;
 * when `tls.ca` is set clients may present a certificate signed by it. Presenting one stays
 * optional and an invalid one does not end the handshake: routes that authenticate by
 * certificate read `socket.authorized` and `getPeerCertificate()` and refuse with a clear answer
 * (field-gateway device authentication); every other route ignores it.
 */
export function listen(app: Express, host: string, port: number, tls?: TlsMaterial): Promise<StartedServer> {
  return new Promise((resolve, reject) => {
    const server: Server = tls
      ? createHttpsServer({ ...tls, requestCert: tls.ca !== undefined, rejectUnauthorized: false }, app)
      : (app.listen(port, host) as Server);
    if (tls) server.listen(port, host);
    server.once("error", reject);
    server.once("listening", () => {
      const address = server.address() as AddressInfo;
      const shownHost = host.includes(":") ? `[${host}]` : host;
      resolve({
        server,
        port: address.port,
        url: `${tls ? "https" : "http"}://${shownHost}:${address.port}`,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            server.closeIdleConnections();
          }),
      });
    });
  });
}
