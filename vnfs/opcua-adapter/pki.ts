import { X509Certificate } from "node:crypto";
import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { hostname } from "node:os";
import { join, resolve } from "node:path";
import { OPCUACertificateManager } from "node-opcua";
import { OpcuaAdapterError, type RejectedCertificate } from "./errors.js";

/**
 * The adapter's PKI: one OPCUACertificateManager per instance on IVF_OPCUA_PKI_DIR (node-opcua
 * layout: own/certs, own/private, trusted/certs, issuers/certs, rejected). Unknown server
 * certificates are never accepted automatically: node-opcua files them under rejected/ and the
 * operator trusts them with `ivf opcua pki trust <thumbprint>` (the most common OPC UA support
 * problem is an unexplained BadCertificateUntrusted; the adapter's errors name the file and command).
 */

export const OWN_CERTIFICATE = join("own", "certs", "client_certificate.pem");
export const OWN_PRIVATE_KEY = join("own", "private", "private_key.pem");

export interface AdapterPki {
  rootDir: string;
  manager: OPCUACertificateManager;
  certificateFile: string;
  privateKeyFile: string;
  /** Application URI in the own certificate (the client must announce the same one). */
  applicationUri: string;
  close(): Promise<void>;
}

export interface CertificateInfo extends RejectedCertificate {
  status: "own" | "trusted" | "rejected" | "issuer";
  file: string;
}

/** Reads a PEM or DER certificate file (first certificate of a chain). */
export function describeCertificate(data: Buffer, file?: string): RejectedCertificate {
  const certificate = new X509Certificate(data);
  const uri = /URI:([^,\s]+)/.exec(certificate.subjectAltName ?? "")?.[1];
  return {
    subject: certificate.subject.replace(/\n/g, "/"),
    thumbprint: certificate.fingerprint.replace(/:/g, "").toLowerCase(),
    ...(uri ? { applicationUri: uri } : {}),
    validTo: new Date(certificate.validTo).toISOString(),
    ...(file ? { rejectedFile: file } : {}),
  };
}

async function createManager(rootDir: string): Promise<OPCUACertificateManager> {
  const manager = new OPCUACertificateManager({
    rootFolder: rootDir,
    automaticallyAcceptUnknownCertificate: false,
    // Trust decisions come from the CLI in another process: the adapter re-reads the folders
    // before each connection attempt instead of holding fs.watch handles (libuv pool limits).
    disableFileWatchers: true,
  });
  try {
    await manager.initialize();
  } catch (error) {
    throw new OpcuaAdapterError(
      "OPCUA_PKI_ERROR",
      `cannot initialise the PKI in ${rootDir}: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
  return manager;
}

/** Opens the PKI, creating the folders and the own certificate on first start. */
export async function openPki(options: {
  rootDir: string;
  applicationUri: string;
  applicationName: string;
}): Promise<AdapterPki> {
  const rootDir = resolve(options.rootDir);
  const manager = await createManager(rootDir);
  const certificateFile = join(rootDir, OWN_CERTIFICATE);
  const privateKeyFile = join(rootDir, OWN_PRIVATE_KEY);
  if (!existsSync(certificateFile)) {
    await manager.createSelfSignedCertificate({
      applicationUri: options.applicationUri,
      subject: `/CN=${options.applicationName}/O=iot-vnf-platform`,
      dns: [hostname(), "localhost"],
      ip: ["127.0.0.1"],
      startDate: new Date(),
      validity: 365 * 5,
      outputFile: certificateFile,
    });
  }
  // An existing certificate defines the identity: announce the URI it carries, not the configured one.
  const own = describeCertificate(await readFile(certificateFile));
  return {
    rootDir,
    manager,
    certificateFile,
    privateKeyFile,
    applicationUri: own.applicationUri ?? options.applicationUri,
    close: () => manager.dispose(),
  };
}

async function certificatesIn(folder: string, status: CertificateInfo["status"]): Promise<CertificateInfo[]> {
  if (!existsSync(folder)) return [];
  const entries = await readdir(folder, { withFileTypes: true });
  const found: CertificateInfo[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(pem|der|crt|cer)$/i.test(entry.name)) continue;
    const file = join(folder, entry.name);
    try {
      const { rejectedFile: _unused, ...info } = describeCertificate(await readFile(file));
      found.push({ ...info, status, file });
    } catch {
      found.push({ status, file, subject: "(unreadable certificate)", thumbprint: "" });
    }
  }
  return found;
}

/** Every certificate of the PKI with its status; `rootDir` need not be opened by this process. */
export async function listCertificates(rootDir: string): Promise<CertificateInfo[]> {
  const root = resolve(rootDir);
  return [
    ...(await certificatesIn(join(root, "own", "certs"), "own")),
    ...(await certificatesIn(join(root, "trusted", "certs"), "trusted")),
    ...(await certificatesIn(join(root, "issuers", "certs"), "issuer")),
    ...(await certificatesIn(join(root, "rejected"), "rejected")),
  ];
}

/** Finds a rejected certificate matching a thumbprint (case and `:` insensitive, prefix of 8+ allowed). */
export async function findCertificate(
  rootDir: string,
  thumbprint: string,
  status: CertificateInfo["status"],
): Promise<CertificateInfo[]> {
  const wanted = thumbprint.replace(/:/g, "").toLowerCase();
  const all = await listCertificates(rootDir);
  return all.filter(
    (info) => info.status === status && info.thumbprint !== "" && info.thumbprint.startsWith(wanted),
  );
}

/** Moves a certificate to trusted/ (node-opcua removes it from rejected/). */
export async function trustCertificateFile(rootDir: string, file: string): Promise<RejectedCertificate> {
  const data = await readFile(file);
  const info = describeCertificate(data);
  const manager = await createManager(resolve(rootDir));
  try {
    await manager.trustCertificate(new X509Certificate(data).raw);
  } finally {
    await manager.dispose();
  }
  return info;
}

/** Moves a certificate to rejected/ (node-opcua removes it from trusted/). */
export async function rejectCertificateFile(rootDir: string, file: string): Promise<RejectedCertificate> {
  const data = await readFile(file);
  const info = describeCertificate(data);
  const manager = await createManager(resolve(rootDir));
  try {
    await manager.rejectCertificate(new X509Certificate(data).raw);
  } finally {
    await manager.dispose();
  }
  return info;
}

/** The rejected-folder entry for a DER certificate a server presented, if node-opcua filed one. */
export async function rejectedEntryFor(
  rootDir: string,
  certificateDer: Buffer,
): Promise<RejectedCertificate> {
  const info = describeCertificate(certificateDer);
  const [entry] = await findCertificate(rootDir, info.thumbprint, "rejected");
  return entry ? { ...info, rejectedFile: entry.file } : info;
}
