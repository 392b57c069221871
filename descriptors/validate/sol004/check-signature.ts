import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FindingSink } from "../findings/report.js";

export interface SignatureCheck {
  /** What is signed, for messages ("manifest", "Files/x.bin", "outer CSAR"). */
  subject: string;
  file: string;
  line?: number;
  content: Buffer;
  cms: Buffer;
  certificate?: Buffer;
}

export interface SignatureOptions {
  openssl: string;
  trustAnchor?: string;
}

function runOpenssl(
  openssl: string,
  args: string[],
): Promise<{ ok: boolean; stderr: string; missing: boolean }> {
  return new Promise((resolve) => {
    execFile(openssl, args, { timeout: 20_000, maxBuffer: 1024 * 1024 }, (error, _stdout, stderr) => {
      const missing = (error as NodeJS.ErrnoException | null)?.code === "ENOENT";
      resolve({ ok: !error, stderr: String(stderr).trim(), missing });
    });
  });
}

/**
 * SOL004 5.3/5.4: verifies a CMS (PKCS#7) detached signature with `openssl cms -verify`, in a
 * private temporary directory removed afterwards. Without a trust anchor the signature value is
 * checked (-noverify skips only the certificate chain), which is what catches tampering.
 */
export async function verifyCms(
  check: SignatureCheck,
  options: SignatureOptions,
  sink: FindingSink,
): Promise<void> {
  const where = { file: check.file, ...(check.line ? { line: check.line, column: 1 } : {}) };
  const dir = await mkdtemp(join(tmpdir(), "ivf-validate-"));
  try {
    const isPem = check.cms.subarray(0, 11).toString("latin1") === "-----BEGIN ";
    await writeFile(join(dir, "content"), check.content);
    await writeFile(join(dir, "signature"), check.cms);
    const args = [
      "cms",
      "-verify",
      "-binary",
      "-inform",
      isPem ? "PEM" : "DER",
      "-in",
      join(dir, "signature"),
      "-content",
      join(dir, "content"),
      "-out",
      join(dir, "out"),
    ];
    if (check.certificate) {
      await writeFile(join(dir, "cert.pem"), check.certificate);
      args.push("-certfile", join(dir, "cert.pem"));
    }
    if (options.trustAnchor) args.push("-CAfile", options.trustAnchor, "-purpose", "any");
    else args.push("-noverify");
    const result = await runOpenssl(options.openssl, args);
    if (result.missing)
      sink.add(
        "IVF-SIG-005",
        where,
        `openssl (${options.openssl}) is not installed; the signature of ${check.subject} was not verified`,
        "install openssl or pass --openssl <path>",
      );
    else if (!result.ok)
      sink.add(
        "IVF-SIG-001",
        where,
        `CMS signature of ${check.subject} does not verify: ${lastLine(result.stderr)}`,
        "re-sign after the last change, with the key matching the certificate",
      );
    else if (!options.trustAnchor)
      sink.add(
        "IVF-SIG-004",
        where,
        `CMS signature of ${check.subject} verifies; the signer certificate chain was not checked`,
        "pass --trust-ca <pem> to check the chain",
      );
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function lastLine(text: string): string {
  const lines = text.split("\n").filter((line) => line.trim() !== "");
  return lines.find((line) => /error|fail|bad/i.test(line)) ?? lines[lines.length - 1] ?? "openssl failed";
}
