import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

/**
 * A throw-away PKI made with `openssl` at test time in a temp dir: a CA, a server certificate for
 * 127.0.0.1/localhost, client certificates with a chosen subject CN and SAN URI, a second
 * (untrusted) CA, and a CRL revoking chosen client certificates. Nothing is committed.
 */
export interface IssuedCertificate {
  certFile: string;
  keyFile: string;
}

export class TestPki {
  readonly dir = mkdtempSync(join(tmpdir(), "ivf-pki-"));
  readonly caCertFile: string;
  readonly caKeyFile: string;
  private readonly caConfig: string;
  private serial = 1;

  constructor(name = "ca") {
    this.caKeyFile = this.path(`authority-${name}.key`);
    this.caCertFile = this.path(`authority-${name}.crt`);
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", this.caKeyFile);
    openssl(
      "req", "-x509", "-new", "-key", this.caKeyFile, "-sha256", "-days", "2",
      "-subj", `/CN=IVF test ${name}`, "-out", this.caCertFile,
      "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
    ); // prettier-ignore
    writeFileSync(this.path("index.txt"), "");
    writeFileSync(this.path("crlnumber"), "01\n");
    this.caConfig = this.path(`authority-${name}.cnf`);
    writeFileSync(
      this.caConfig,
      [
        "[ ca ]",
        "default_ca = test_ca",
        "[ test_ca ]",
        `database = ${this.path("index.txt")}`,
        `crlnumber = ${this.path("crlnumber")}`,
        `certificate = ${this.caCertFile}`,
        `private_key = ${this.caKeyFile}`,
        "default_md = sha256",
        "default_crl_days = 2",
        "",
      ].join("\n"),
    );
  }

  path(file: string): string {
    return join(this.dir, file);
  }

  /** Server certificate for 127.0.0.1 and localhost. */
  server(name = "server"): IssuedCertificate {
    return this.issue(name, "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1", "serverAuth");
  }

  /** Client certificate; `san` like "URI:urn:ivf:device:acme:meter-1" (omit for CN only). */
  client(name: string, commonName: string, san?: string): IssuedCertificate {
    return this.issue(name, `/CN=${commonName}`, san ? `subjectAltName=${san}` : undefined, "clientAuth");
  }

  /** Writes a CRL revoking the given certificates; returns its file. */
  revoke(...certificates: IssuedCertificate[]): string {
    for (const certificate of certificates) {
      openssl("ca", "-config", this.caConfig, "-revoke", certificate.certFile);
    }
    const crlFile = this.path("revoked.crl.pem");
    openssl("ca", "-config", this.caConfig, "-gencrl", "-out", crlFile);
    return crlFile;
  }

  remove(): void {
    rmSync(this.dir, { recursive: true, force: true });
  }

  private issue(name: string, subject: string, san: string | undefined, usage: string): IssuedCertificate {
    const keyFile = this.path(`${name}.key`);
    const csrFile = this.path(`${name}.csr`);
    const certFile = this.path(`${name}.crt`);
    const extFile = this.path(`${name}.ext`);
    openssl("ecparam", "-name", "prime256v1", "-genkey", "-noout", "-out", keyFile);
    openssl("req", "-new", "-key", keyFile, "-subj", subject, "-out", csrFile);
    writeFileSync(extFile, [`extendedKeyUsage=${usage}`, ...(san ? [san] : [])].join("\n") + "\n");
    openssl(
      "x509", "-req", "-in", csrFile, "-CA", this.caCertFile, "-CAkey", this.caKeyFile,
      "-set_serial", String(this.serial++ + 1000), "-days", "2", "-sha256", "-extfile", extFile, "-out", certFile,
    ); // prettier-ignore
    return { certFile, keyFile };
  }
}

function openssl(...args: string[]): void {
  execFileSync("openssl", args, { stdio: ["ignore", "ignore", "pipe"] });
}
