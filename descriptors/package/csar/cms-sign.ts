import { spawn } from "node:child_process";

/**
 * CMS signing with the openssl command (SOL004 5.2/5.3): a detached, binary-mode signature in
 * PEM, so `openssl cms -verify -binary -content <data>` accepts it. openssl is spawned with an
 * argument vector (no shell), reading the data on stdin. `-noattr` leaves out the signed
 * attributes (signing time): with an RSA PKCS#1 v1.5 key the signature then depends only on the
 * data, so signed builds stay byte-identical too.
 */
export interface SigningKey {
  keyFile: string;
  certFile: string;
}

export class SigningError extends Error {
  override name = "SigningError";
}

export async function cmsSign(data: Buffer, key: SigningKey, form: "PEM" | "DER" = "PEM"): Promise<Buffer> {
  const args = [
    "cms",
    "-sign",
    "-binary",
    "-signer",
    key.certFile,
    "-inkey",
    key.keyFile,
    "-outform",
    form,
    "-md",
    "sha256",
    "-noattr",
  ];
  return new Promise((resolve, reject) => {
    const child = spawn("openssl", args, { stdio: ["pipe", "pipe", "pipe"] });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on("data", (chunk: Buffer) => out.push(chunk));
    child.stderr.on("data", (chunk: Buffer) => err.push(chunk));
    child.on("error", (error) =>
      reject(new SigningError(`cannot run openssl: ${error.message} (install openssl or omit --sign)`)),
    );
    child.on("close", (code) => {
      if (code === 0) resolve(Buffer.concat(out));
      else
        reject(
          new SigningError(
            `openssl cms -sign failed (exit ${code}): ${Buffer.concat(err).toString().trim()} (check --sign key and --cert)`,
          ),
        );
    });
    child.stdin.end(data);
  });
}

/** PEM "-----BEGIN CMS-----" block as SOL004 appends it to the manifest. */
export function pemBody(pem: Buffer): string {
  return pem.toString("utf8").trim();
}
