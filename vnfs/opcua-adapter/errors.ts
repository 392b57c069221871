/**
 * Error catalogue of the OPC UA adapter (STYLE.md §3): one stable code per failure an
 * operator has to act on, with a message that says what, where and how to fix it.
 */
export type OpcuaErrorCode =
  | "OPCUA_CONFIG_INVALID"
  | "OPCUA_CERTIFICATE_UNTRUSTED"
  | "OPCUA_CONNECT_FAILED"
  | "OPCUA_IDENTITY_REJECTED"
  | "OPCUA_MAPPING_INVALID"
  | "OPCUA_COMMAND_INVALID"
  | "OPCUA_COMMAND_FAILED"
  | "OPCUA_PKI_ERROR"
  | "OPCUA_OWNERSHIP_LOST";

export class OpcuaAdapterError extends Error {
  constructor(
    readonly code: OpcuaErrorCode,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${code}: ${message}`, options);
    this.name = "OpcuaAdapterError";
  }
}

/** Details of a server certificate this instance refused, as shown to the operator. */
export interface RejectedCertificate {
  subject: string;
  /** SHA-1 thumbprint, lower-case hex without separators (what `ivf opcua pki trust` takes). */
  thumbprint: string;
  applicationUri?: string;
  validTo?: string;
  /** File under `<pki>/rejected/` holding the certificate, when node-opcua wrote one. */
  rejectedFile?: string;
}

export function untrustedCertificateError(
  serverLabel: string,
  endpointUrl: string,
  certificate: RejectedCertificate,
  pkiDir: string,
): OpcuaAdapterError {
  const where = certificate.rejectedFile ? ` It was saved as ${certificate.rejectedFile}.` : "";
  return new OpcuaAdapterError(
    "OPCUA_CERTIFICATE_UNTRUSTED",
    `server ${serverLabel} (${endpointUrl}) presented certificate "${certificate.subject}" ` +
      `(thumbprint ${certificate.thumbprint}${certificate.applicationUri ? `, ${certificate.applicationUri}` : ""}) ` +
      `which this adapter does not trust (BadCertificateUntrusted).${where} ` +
      `After checking the thumbprint with the server's administrator, trust it with: ` +
      `ivf opcua pki trust ${certificate.thumbprint} --pki-dir ${pkiDir}`,
  );
}
