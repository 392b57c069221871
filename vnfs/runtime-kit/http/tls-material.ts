import { readFileSync } from "node:fs";
import { createSecureContext } from "node:tls";

/**
 * Reads TLS files named by configuration (PEM) and checks that they work together before any
 * listener or client uses them, so a wrong path or a key that does not match its certificate
 * stops the process at start with the setting's name, never with the file's content.
 * Keys and passphrases only ever come from configuration and are never logged.
 */
export interface TlsFiles {
  certFile?: string | undefined;
  keyFile?: string | undefined;
  keyPassphrase?: string | undefined;
  caFile?: string | undefined;
  crlFile?: string | undefined;
}

/** The environment variable names behind each file, for error messages. */
export interface TlsSettingNames {
  certFile: string;
  keyFile: string;
  caFile: string;
  crlFile?: string;
}

export interface TlsMaterial {
  cert?: Buffer;
  key?: Buffer;
  passphrase?: string;
  ca?: Buffer;
  crl?: Buffer;
}

export class TlsConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid TLS configuration:\n  - ${problems.join("\n  - ")}`);
    this.name = "TlsConfigError";
  }
}

/**
 * Loads the files that are set; undefined when none is. Certificate and key go together
 * (a server needs both; a client presenting a certificate needs both).
 */
export function loadTlsMaterial(files: TlsFiles, names: TlsSettingNames): TlsMaterial | undefined {
  const problems: string[] = [];
  if (!files.certFile && !files.keyFile && !files.caFile && !files.crlFile) return undefined;
  if (Boolean(files.certFile) !== Boolean(files.keyFile)) {
    problems.push(`${names.certFile} and ${names.keyFile} must be set together`);
  }
  const read = (path: string | undefined, name: string | undefined): Buffer | undefined => {
    if (!path) return undefined;
    try {
      return readFileSync(path);
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code ?? "unreadable";
      problems.push(`${name}=${JSON.stringify(path)} cannot be read (${reason})`);
      return undefined;
    }
  };
  const material: TlsMaterial = {};
  const cert = read(files.certFile, names.certFile);
  const key = read(files.keyFile, names.keyFile);
  const ca = read(files.caFile, names.caFile);
  const crl = read(files.crlFile, names.crlFile ?? "CRL file");
  if (cert) material.cert = cert;
  if (key) material.key = key;
  if (ca) material.ca = ca;
  if (crl) material.crl = crl;
  if (files.keyPassphrase) material.passphrase = files.keyPassphrase;
  if (problems.length === 0) {
    try {
      createSecureContext(material);
    } catch (error) {
      // OpenSSL's message names the failing step (e.g. "key values mismatch"), not key bytes.
      problems.push(
        `${[names.certFile, names.keyFile, names.caFile].join(", ")} do not form a usable TLS context: ${
          error instanceof Error ? error.message : String(error)
        }`,
      );
    }
  }
  if (problems.length > 0) throw new TlsConfigError(problems);
  return material;
}
