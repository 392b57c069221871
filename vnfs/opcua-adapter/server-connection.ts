import { EventEmitter } from "node:events";
import { readFile } from "node:fs/promises";
import {
  MessageSecurityMode,
  OPCUAClient,
  SecurityPolicy,
  UserTokenType,
  type ClientSession,
  type UserIdentityInfo,
} from "node-opcua";
import type { Logger } from "../runtime-kit/logging/logger.js";
import { OpcuaAdapterError, untrustedCertificateError } from "./errors.js";
import type { OpcuaKpis } from "./kpis.js";
import { rejectedEntryFor, type AdapterPki } from "./pki.js";
import type { ServerRef } from "./server-conditions.js";
import {
  serverKey,
  type OpcuaServerConfig,
  type SecurityModeName,
  type SecurityPolicyName,
} from "./server-config.js";

/**
 * One client connection and session to one server endpoint.
 *
 * Recovery has two levels. node-opcua's own: on a broken channel the client retries with the
 * connectionStrategy backoff, reactivates the session or, when the server lost it (restart),
 * creates a new one and transfers its subscriptions (TransferSubscriptions, Part 4 §5.13.7) or
 * re-creates them with every monitored item (client_subscription_reconnection). Ours, for what
 * that cannot repair (reconnection given up, session closed by the server): the connection
 * emits "failed" and the server worker rebuilds session, subscription and items from the mapping.
 */

const MODES: Record<SecurityModeName, MessageSecurityMode> = {
  None: MessageSecurityMode.None,
  Sign: MessageSecurityMode.Sign,
  SignAndEncrypt: MessageSecurityMode.SignAndEncrypt,
};

const POLICIES: Record<SecurityPolicyName, SecurityPolicy> = {
  None: SecurityPolicy.None,
  Basic256Sha256: SecurityPolicy.Basic256Sha256,
  Aes128_Sha256_RsaOaep: SecurityPolicy.Aes128_Sha256_RsaOaep,
  Aes256_Sha256_RsaPss: SecurityPolicy.Aes256_Sha256_RsaPss,
};

/** First certificate of a DER chain (an endpoint may send its whole chain concatenated). */
export function firstCertificate(der: Buffer): Buffer {
  if (der.length < 4 || der[0] !== 0x30) return der;
  const lengthByte = der[1]!;
  if (lengthByte < 0x80) return der.subarray(0, 2 + lengthByte);
  const count = lengthByte & 0x7f;
  let length = 0;
  for (let i = 0; i < count; i++) length = length * 256 + der[2 + i]!;
  return der.subarray(0, 2 + count + length);
}

export async function userIdentity(server: OpcuaServerConfig): Promise<UserIdentityInfo> {
  const identity = server.identity ?? { type: "anonymous" };
  switch (identity.type) {
    case "anonymous":
      return { type: UserTokenType.Anonymous };
    case "username":
      return { type: UserTokenType.UserName, userName: identity.userName, password: identity.password ?? "" };
    case "certificate": {
      const [certificate, privateKey] = await Promise.all([
        readFile(identity.certificateFile, "utf8"),
        readFile(identity.privateKeyFile, "utf8"),
      ]).catch((error: Error) => {
        throw new OpcuaAdapterError(
          "OPCUA_CONFIG_INVALID",
          `cannot read the X.509 user identity of ${server.id}: ${error.message}`,
        );
      });
      const { X509Certificate, createPrivateKey } = await import("node:crypto");
      return {
        type: UserTokenType.Certificate,
        certificateData: new X509Certificate(certificate).raw,
        privateKey: createPrivateKey(privateKey) as never,
      };
    }
  }
}

export class ServerConnection extends EventEmitter<{ failed: [Error]; lost: []; restored: [] }> {
  private client: OPCUAClient | undefined;
  private current: ClientSession | undefined;
  private closing = false;
  private readonly ref: ServerRef;

  constructor(
    private readonly server: OpcuaServerConfig,
    private readonly pki: AdapterPki,
    private readonly kpis: OpcuaKpis,
    private readonly logger: Logger,
  ) {
    super();
    this.ref = { key: serverKey(server), endpointUrl: server.endpointUrl };
  }

  get session(): ClientSession | undefined {
    return this.current;
  }

  private createClient(): OPCUAClient {
    const connection = this.server.connection ?? {};
    const client = OPCUAClient.create({
      applicationName: "iotvf-opcua-adapter",
      applicationUri: this.pki.applicationUri,
      clientCertificateManager: this.pki.manager,
      certificateFile: this.pki.certificateFile,
      privateKeyFile: this.pki.privateKeyFile,
      securityMode: MODES[this.server.securityMode],
      securityPolicy: POLICIES[this.server.securityPolicy],
      endpointMustExist: false,
      keepSessionAlive: true,
      requestedSessionTimeout: connection.sessionTimeoutMs ?? 60_000,
      defaultTransactionTimeout: connection.requestTimeoutMs ?? 30_000,
      connectionStrategy: {
        maxRetry: connection.maxRetry ?? -1,
        initialDelay: connection.initialDelayMs ?? 1000,
        maxDelay: connection.maxDelayMs ?? 10_000,
        randomisationFactor: 0.1,
      },
    });
    this.watch(client);
    return client;
  }

  private watch(client: OPCUAClient): void {
    client.on("connection_lost", () => {
      this.logger.warn(
        { event: "connection_lost", server: this.server.id },
        "connection to the OPC UA server lost",
      );
      this.kpis.connectionLost();
      this.kpis.conditions.raise(this.ref, "connection_lost");
      this.emit("lost");
    });
    client.on("after_reconnection", (error?: Error | null) => {
      if (error) {
        this.logger.warn(
          { event: "reconnection_failed", server: this.server.id, err: error.message },
          "session repair failed",
        );
        if (!this.closing) this.emit("failed", error);
        return;
      }
      this.kpis.reconnected();
      this.kpis.conditions.connected(this.ref);
      this.logger.info(
        { event: "reconnected", server: this.server.id },
        "session and subscriptions restored",
      );
      this.emit("restored");
    });
    client.on("close", (error?: Error | null) => {
      if (error && !this.closing) this.emit("failed", error);
    });
  }

  /** Connects and opens a session; failures become catalogue errors that say what to do. */
  async open(): Promise<ClientSession> {
    this.closing = false;
    await this.pki.manager.reloadCertificates(); // pick up `ivf opcua pki trust` from another process
    const client = this.createClient();
    this.client = client;
    try {
      await client.connect(this.server.endpointUrl);
    } catch (error) {
      await this.disposeClient();
      throw await this.explainConnectFailure(error as Error);
    }
    try {
      const session = await client.createSession(await userIdentity(this.server));
      session.on("keepalive_failure", () => {
        this.kpis.keepAliveMissed();
        if (!this.closing) this.kpis.conditions.raise(this.ref, "connection_lost");
      });
      session.on("keepalive", () => {
        if (this.kpis.conditions.holds(this.ref.key, "connection_lost"))
          this.kpis.conditions.connected(this.ref);
      });
      session.on("session_closed", () => {
        if (this.closing) return;
        this.kpis.conditions.raise(this.ref, "connection_lost");
        this.emit("failed", new Error("the server closed the session"));
      });
      this.current = session;
      this.kpis.sessionOpened();
      this.kpis.conditions.connected(this.ref);
      return session;
    } catch (error) {
      await this.disposeClient();
      const message = (error as Error).message;
      if (
        /BadIdentityTokenRejected|BadUserAccessDenied|BadIdentityTokenInvalid|BadCertificateUntrusted/i.test(
          message,
        )
      ) {
        this.kpis.statusCode(
          /BadUserAccessDenied/.test(message) ? "BadUserAccessDenied" : "BadIdentityTokenRejected",
        );
        throw new OpcuaAdapterError(
          "OPCUA_IDENTITY_REJECTED",
          `server ${this.server.id} (${this.server.endpointUrl}) rejected the ${this.server.identity?.type ?? "anonymous"} ` +
            `user identity: ${message}. Check the credentials in the server's provisioning (/identity).`,
          { cause: error },
        );
      }
      throw new OpcuaAdapterError(
        "OPCUA_CONNECT_FAILED",
        `cannot create a session on ${this.server.endpointUrl}: ${message}`,
        {
          cause: error,
        },
      );
    }
  }

  private async explainConnectFailure(error: Error): Promise<Error> {
    const untrusted = /certificate verification failed|BadCertificate/i.test(error.message);
    if (!untrusted && /BadSecurityChecksFailed/i.test(error.message)) {
      this.kpis.statusCode("BadSecurityChecksFailed");
      this.kpis.conditions.raise(this.ref, "security_checks_failed");
      return new OpcuaAdapterError(
        "OPCUA_CONNECT_FAILED",
        `server ${this.server.tenant}/${this.server.id} (${this.server.endpointUrl}) refused the secure channel ` +
          `(BadSecurityChecksFailed, ${this.server.securityMode}/${this.server.securityPolicy}): it probably does not trust ` +
          `this adapter's certificate (${this.pki.certificateFile}); add it to the server's trusted list: ${error.message}`,
        { cause: error },
      );
    }
    if (!untrusted) {
      this.kpis.conditions.raise(this.ref, "connection_lost");
      return new OpcuaAdapterError(
        "OPCUA_CONNECT_FAILED",
        `cannot connect to ${this.server.endpointUrl} (${this.server.securityMode}/${this.server.securityPolicy}): ${error.message}`,
        { cause: error },
      );
    }
    this.kpis.statusCode("BadCertificateUntrusted");
    const certificate = await this.fetchServerCertificate().catch(() => undefined);
    if (!certificate) {
      this.kpis.conditions.raise(this.ref, "certificate_untrusted");
      return new OpcuaAdapterError(
        "OPCUA_CERTIFICATE_UNTRUSTED",
        `server ${this.server.id} (${this.server.endpointUrl}) certificate is not trusted (${error.message}); ` +
          `see 'ivf opcua pki list --pki-dir ${this.pki.rootDir}' for the rejected certificate and trust it with 'ivf opcua pki trust <thumbprint>'`,
        { cause: error },
      );
    }
    const entry = await rejectedEntryFor(this.pki.rootDir, certificate);
    this.kpis.conditions.untrustedCertificate(this.ref, entry, this.pki.rootDir);
    return untrustedCertificateError(
      `${this.server.tenant}/${this.server.id}`,
      this.server.endpointUrl,
      entry,
      this.pki.rootDir,
    );
  }

  /** GetEndpoints over an unsecured channel (always allowed, Part 4 §5.4.4) to name the certificate. */
  private async fetchServerCertificate(): Promise<Buffer | undefined> {
    const probe = OPCUAClient.create({
      applicationName: "iotvf-opcua-adapter",
      applicationUri: this.pki.applicationUri,
      endpointMustExist: false,
      connectionStrategy: { maxRetry: 0, initialDelay: 100, maxDelay: 200 },
      clientCertificateManager: this.pki.manager,
      certificateFile: this.pki.certificateFile,
      privateKeyFile: this.pki.privateKeyFile,
    });
    try {
      await probe.connect(this.server.endpointUrl);
      const endpoints = await probe.getEndpoints();
      const wanted = POLICIES[this.server.securityPolicy];
      const match = endpoints.find((endpoint) => endpoint.securityPolicyUri === wanted) ?? endpoints[0];
      return match?.serverCertificate ? firstCertificate(match.serverCertificate) : undefined;
    } finally {
      await probe.disconnect().catch(() => undefined);
    }
  }

  private async disposeClient(): Promise<void> {
    const client = this.client;
    this.client = undefined;
    this.current = undefined;
    if (client) await client.disconnect().catch(() => undefined);
  }

  async close(): Promise<void> {
    this.closing = true;
    const session = this.current;
    if (session) {
      this.kpis.sessionClosed();
      await session.close(true).catch(() => undefined);
    }
    await this.disposeClient();
  }
}
