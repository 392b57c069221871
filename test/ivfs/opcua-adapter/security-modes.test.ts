import { join } from "node:path";
import { OPCUACertificateManager } from "node-opcua";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openPki, trustCertificateFile } from "../../../vnfs/opcua-adapter/pki.js";
import type {
  OpcuaServerConfig,
  SecurityModeName,
  SecurityPolicyName,
} from "../../../vnfs/opcua-adapter/server-config.js";
import { startPlcSimulator, type PlcSimulator } from "../../../vnfs/simulators/plc/plc-simulator.js";
import {
  collectTelemetry,
  measurementsOf,
  server,
  startAdapter,
  tempDir,
  waitFor,
  writeServersFile,
  type AdapterHandle,
  type Collector,
} from "./opcua-fixtures.js";

/**
 * One adapter, one simulated PLC, one provisioned server entry per security combination: every
 * entry must deliver the machine counter as request primitives on the embedded bus.
 */

const POLICIES: SecurityPolicyName[] = ["Basic256Sha256", "Aes128_Sha256_RsaOaep", "Aes256_Sha256_RsaPss"];
const MODES: SecurityModeName[] = ["Sign", "SignAndEncrypt"];

describe("OPC UA adapter security modes and user identities", { timeout: 90_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let plc: PlcSimulator;
  let adapter: AdapterHandle;
  let collector: Collector;
  const entries: OpcuaServerConfig[] = [];

  beforeAll(async () => {
    dir = await tempDir("opcua-security");
    // An X.509 user identity: its own key pair, trusted by the server's user PKI only.
    const users = new OPCUACertificateManager({
      rootFolder: join(dir.path, "user-pki"),
      disableFileWatchers: true,
    });
    await users.initialize();
    const userCertificate = join(dir.path, "user-pki", "own", "certs", "operator.pem");
    await users.createSelfSignedCertificate({
      applicationUri: "urn:iotvf:test:operator",
      subject: "/CN=operator-x509/O=acme",
      startDate: new Date(),
      dns: ["localhost"],
      validity: 30,
      outputFile: userCertificate,
    });
    await users.dispose();
    plc = await startPlcSimulator({
      pkiDir: join(dir.path, "plc-pki"),
      machines: 1,
      variables: 0,
      rateMs: 100,
      allowAnonymous: true,
      users: [{ userName: "operator", password: "s3cret!" }],
      trustedUserCertificates: [userCertificate],
    });
    const counter = plc.nodeId("Machine01", "Counter");
    const add = (id: string, overrides: Partial<OpcuaServerConfig>) =>
      entries.push(
        server(id, plc.endpointUrl, {
          ...overrides,
          mappings: [{ nodeId: counter, deviceId: `dev-${id}`, attribute: "count" }],
        }),
      );
    add("none", {});
    for (const mode of MODES)
      for (const policy of POLICIES)
        add(`${mode}-${policy}`.toLowerCase(), { securityMode: mode, securityPolicy: policy });
    add("user-password", {
      securityMode: "SignAndEncrypt",
      securityPolicy: "Basic256Sha256",
      identity: { type: "username", userName: "operator", password: "s3cret!" },
    });
    add("user-x509", {
      securityMode: "SignAndEncrypt",
      securityPolicy: "Aes256_Sha256_RsaPss",
      identity: {
        type: "certificate",
        certificateFile: userCertificate,
        privateKeyFile: join(dir.path, "user-pki", "own", "private", "private_key.pem"),
      },
    });
    add("wrong-password", {
      securityMode: "Sign",
      securityPolicy: "Basic256Sha256",
      identity: { type: "username", userName: "operator", password: "wrong" },
    });
    // The adapter trusts the PLC's certificate up front (the untrusted path has its own test).
    const pkiDir = join(dir.path, "adapter-pki");
    const pki = await openPki({
      rootDir: pkiDir,
      applicationUri: "urn:iotvf:test:adapter",
      applicationName: "adapter",
    });
    await pki.close();
    await trustCertificateFile(pkiDir, plc.serverCertificateFile);
    const dataDir = join(dir.path, "data");
    collector = await collectTelemetry(dataDir);
    adapter = await startAdapter({
      dataDir,
      instanceId: "adapter-sec",
      pkiDir,
      serversFile: await writeServersFile(dir.path, entries),
    });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await collector?.close();
    await plc?.stop();
    await dir?.remove();
  }, 120_000);

  it("delivers counter values through every security mode, policy and accepted identity", async () => {
    const expected = entries.map((entry) => entry.id).filter((id) => id !== "wrong-password");
    await waitFor(
      () => expected.every((id) => measurementsOf(collector, `dev-${id}`, "count").length >= 3),
      40_000,
      "three counter values from every secured server entry",
    );
    for (const id of expected) {
      const values = measurementsOf(collector, `dev-${id}`, "count").map((m) => m.value as number);
      expect(values.length, id).toBeGreaterThanOrEqual(3);
      // Counters increase: the values come from the live plant, not a replay.
      expect(values[values.length - 1]!, id).toBeGreaterThan(values[0]!);
    }
  });

  it("refuses a wrong password with an identity error and publishes nothing for it", async () => {
    const worker = adapter.adapter.workers().get("acme.wrong-password")?.worker;
    await waitFor(() => worker?.lastError !== undefined, 20_000, "the wrong-password error");
    expect(worker!.lastError!.message).toMatch(
      /OPCUA_IDENTITY_REJECTED: .*rejected the username user identity/,
    );
    expect(measurementsOf(collector, "dev-wrong-password", "count")).toHaveLength(0);
  });

  it("publishes request primitives with the platform shape and deterministic ids", () => {
    const sample = collector.primitives.find((primitive) => primitive.body.deviceId === "dev-none")!;
    expect(sample.body).toMatchObject({
      primitiveVersion: 1,
      operation: "create",
      tenant: "acme",
      source: { protocol: "opcua", endpoint: plc.endpointUrl },
    });
    expect(sample.body.measurements[0]).toMatchObject({ attribute: "count", quality: "Good" });
    expect(sample.messageId).toMatch(/^opcua-[A-Za-z0-9_-]{43}$/);
    expect(sample.headers["opcua-fence"]).toMatch(/^[1-9]\d*$/);
  });
});
