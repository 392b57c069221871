/**
 * Optional mutual TLS of `ivf vnfm serve` (SOL013 8.1): with IVF_VNFM_TLS_CLIENT_CA set, a client
 * without a certificate signed by that CA cannot even complete the handshake.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listenServer } from "../../vnfm-adapter/cli/vnfm-command.js";

const dir = mkdtempSync(join(tmpdir(), "ivf-vnfm-tls-"));
const file = (name: string) => join(dir, name);
const openssl = (...args: string[]) => execFileSync("openssl", args, { stdio: "pipe" });

function issue(name: string, cn: string, extra: string[] = []): void {
  openssl(
    "req",
    "-newkey",
    "rsa:2048",
    "-nodes",
    "-keyout",
    file(`${name}.key`),
    "-subj",
    `/CN=${cn}`,
    "-out",
    file(`${name}.csr`),
  );
  writeFileSync(file(`${name}.ext`), extra.join("\n") + "\n");
  openssl(
    "x509",
    "-req",
    "-in",
    file(`${name}.csr`),
    "-CA",
    file("ca.crt"),
    "-CAkey",
    file("ca.key"),
    "-CAcreateserial",
    "-days",
    "2",
    "-out",
    file(`${name}.crt`),
    "-extfile",
    file(`${name}.ext`),
  );
}

function get(port: number, withCert: boolean): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: "127.0.0.1",
        port,
        path: "/healthz",
        ca: readFileSync(file("ca.crt")),
        servername: "localhost",
        ...(withCert
          ? { cert: readFileSync(file("client.crt")), key: readFileSync(file("client.key")) }
          : {}),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on("error", reject);
    req.end();
  });
}

describe("mutual TLS", () => {
  let port = 0;
  let server: ReturnType<typeof listenServer>;
  beforeAll(async () => {
    openssl(
      "req",
      "-x509",
      "-newkey",
      "rsa:2048",
      "-nodes",
      "-keyout",
      file("ca.key"),
      "-out",
      file("ca.crt"),
      "-subj",
      "/CN=ivf-test-ca",
      "-days",
      "2",
    );
    issue("server", "localhost", ["subjectAltName=DNS:localhost,IP:127.0.0.1"]);
    issue("client", "nfvo-1", ["extendedKeyUsage=clientAuth"]);
    server = listenServer({
      tlsCert: file("server.crt"),
      tlsKey: file("server.key"),
      tlsClientCa: file("ca.crt"),
    });
    server.on("request", (_req, res) => res.writeHead(200).end("ok"));
    await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
    port = (server.address() as AddressInfo).port;
  }, 60_000);
  afterAll(() => {
    server.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it("accepts a client certificate signed by the configured CA", async () => {
    expect(await get(port, true)).toBe(200);
  });

  it("refuses a client without a certificate during the handshake", async () => {
    await expect(get(port, false)).rejects.toThrow();
  });
});
