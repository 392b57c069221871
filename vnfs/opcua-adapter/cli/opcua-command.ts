import { existsSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  findCertificate,
  listCertificates,
  rejectCertificateFile,
  trustCertificateFile,
  type CertificateInfo,
} from "../pki.js";

/**
 * `ivf opcua pki list | trust <thumbprint|file> | reject <thumbprint|file> [--pki-dir dir]`:
 * the operator's side of the adapter's certificate trust. `trust` moves a rejected server
 * certificate to trusted/ (the running adapter re-reads the folders before its next connection
 * attempt, so no restart is needed); `reject` withdraws trust.
 */

const USAGE = `usage: ivf opcua pki list [--pki-dir dir]
       ivf opcua pki trust <thumbprint|certificate file> [--pki-dir dir]
       ivf opcua pki reject <thumbprint|certificate file> [--pki-dir dir]

The PKI folder defaults to $IVF_OPCUA_PKI_DIR, else $IVF_DATA_DIR/opcua-pki (.ivf/data/opcua-pki).
Thumbprints are SHA-1, hex, as printed by 'list' and by the adapter's BadCertificateUntrusted errors.`;

function out(text: string): void {
  process.stdout.write(`${text}\n`);
}

function defaultPkiDir(env: NodeJS.ProcessEnv): string {
  return env.IVF_OPCUA_PKI_DIR || join(env.IVF_DATA_DIR || ".ivf/data", "opcua-pki");
}

function parse(args: string[], env: NodeJS.ProcessEnv): { positional: string[]; pkiDir: string } | string {
  const positional: string[] = [];
  let pkiDir = defaultPkiDir(env);
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--pki-dir") {
      const value = args[++i];
      if (!value) return "--pki-dir needs a directory";
      pkiDir = value;
    } else if (arg.startsWith("--pki-dir=")) pkiDir = arg.slice("--pki-dir=".length);
    else if (arg.startsWith("--")) return `unknown option ${arg}`;
    else positional.push(arg);
  }
  return { positional, pkiDir: resolve(pkiDir) };
}

function row(info: CertificateInfo): string {
  return [
    info.status.padEnd(8),
    info.thumbprint.padEnd(40),
    (info.validTo ?? "").slice(0, 10).padEnd(10),
    info.subject,
    info.applicationUri ?? "",
    info.file,
  ].join("  ");
}

async function resolveTarget(
  pkiDir: string,
  target: string,
  from: CertificateInfo["status"],
): Promise<string> {
  if (existsSync(target)) return target;
  if (!/^[0-9a-fA-F:]{8,}$/.test(target))
    throw new Error(`${target} is neither a certificate file nor a SHA-1 thumbprint`);
  const matches = await findCertificate(pkiDir, target, from);
  if (matches.length === 0) {
    throw new Error(
      `no ${from} certificate with thumbprint ${target} in ${pkiDir}; run 'ivf opcua pki list --pki-dir ${pkiDir}'`,
    );
  }
  if (matches.length > 1)
    throw new Error(`thumbprint prefix ${target} matches ${matches.length} certificates; give more digits`);
  return matches[0]!.file;
}

export async function run(args: string[], env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const [group, ...rest] = args;
  if (group !== "pki") {
    console.error(group ? `ivf opcua: unknown command "${group}"\n\n${USAGE}` : USAGE);
    return 2;
  }
  const parsed = parse(rest, env);
  if (typeof parsed === "string") {
    console.error(`ivf opcua pki: ${parsed}\n\n${USAGE}`);
    return 2;
  }
  const [action, target, ...extra] = parsed.positional;
  if (!existsSync(parsed.pkiDir)) {
    console.error(
      `ivf opcua pki: ${parsed.pkiDir} does not exist (start the adapter once, or pass --pki-dir)`,
    );
    return 2;
  }
  try {
    if (action === "list" && !target) {
      const all = await listCertificates(parsed.pkiDir);
      out(`PKI ${parsed.pkiDir}`);
      out(
        [
          "status".padEnd(8),
          "thumbprint".padEnd(40),
          "valid to".padEnd(10),
          "subject",
          "application URI",
          "file",
        ].join("  "),
      );
      for (const info of all) out(row(info));
      return 0;
    }
    if ((action === "trust" || action === "reject") && target && extra.length === 0) {
      const file = await resolveTarget(parsed.pkiDir, target, action === "trust" ? "rejected" : "trusted");
      const info =
        action === "trust"
          ? await trustCertificateFile(parsed.pkiDir, file)
          : await rejectCertificateFile(parsed.pkiDir, file);
      out(`${action === "trust" ? "trusted" : "rejected"} ${info.thumbprint} ${info.subject}`);
      return 0;
    }
  } catch (error) {
    console.error(`ivf opcua pki ${action}: ${(error as Error).message}`);
    return 1;
  }
  console.error(USAGE);
  return 2;
}
