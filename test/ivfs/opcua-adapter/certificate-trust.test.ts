import { existsSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { run as opcuaCommand } from "../../../vnfs/opcua-adapter/cli/opcua-command.js";
import { describeCertificate } from "../../../vnfs/opcua-adapter/pki.js";
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

async function capture(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const write = vi
    .spyOn(process.stdout, "write")
    .mockImplementation((chunk) => (out.push(String(chunk)), true));
  const error = vi.spyOn(console, "error").mockImplementation((...parts) => void err.push(parts.join(" ")));
  try {
    const code = await opcuaCommand(args);
    return { code, stdout: out.join(""), stderr: err.join("\n") };
  } finally {
    write.mockRestore();
    error.mockRestore();
  }
}

describe("untrusted server certificates", { timeout: 60_000 }, () => {
  let dir: Awaited<ReturnType<typeof tempDir>>;
  let plc: PlcSimulator;
  let adapter: AdapterHandle;
  let collector: Collector;
  let pkiDir: string;
  let thumbprint: string;

  beforeAll(async () => {
    dir = await tempDir("opcua-trust");
    plc = await startPlcSimulator({ pkiDir: join(dir.path, "plc-pki"), machines: 1, variables: 0 });
    thumbprint = describeCertificate(await readFile(plc.serverCertificateFile)).thumbprint;
    pkiDir = join(dir.path, "adapter-pki");
    const dataDir = join(dir.path, "data");
    collector = await collectTelemetry(dataDir);
    const entry = server("line1", plc.endpointUrl, {
      securityMode: "SignAndEncrypt",
      securityPolicy: "Basic256Sha256",
      mappings: [{ nodeId: plc.nodeId("Machine01", "Counter"), deviceId: "press-1", attribute: "count" }],
    });
    adapter = await startAdapter({
      dataDir,
      instanceId: "adapter-trust",
      pkiDir,
      serversFile: await writeServersFile(dir.path, [entry]),
    });
  }, 120_000);

  afterAll(async () => {
    await adapter?.stop();
    await collector?.close();
    await plc?.stop();
    await dir?.remove();
  }, 120_000);

  it("names the rejected certificate, its file and the command that trusts it", async () => {
    const worker = () => adapter.adapter.workers().get("acme.line1")?.worker;
    await waitFor(() => worker()?.lastError !== undefined, 20_000, "the first connection error");
    const message = worker()!.lastError!.message;
    expect(message).toMatch(
      /^OPCUA_CERTIFICATE_UNTRUSTED: server acme\/line1 \(opc\.tcp:\/\/127\.0\.0\.1:\d+\/iotvf\/plc\)/,
    );
    expect(message).toContain(`thumbprint ${thumbprint}`);
    expect(message).toContain(`ivf opcua pki trust ${thumbprint} --pki-dir ${pkiDir}`);
    const file = /saved as (\S+)\./.exec(message)?.[1];
    expect(file && file.startsWith(join(pkiDir, "rejected"))).toBe(true);
    expect(existsSync(file!)).toBe(true);
    expect(measurementsOf(collector, "press-1", "count")).toHaveLength(0);
  });

  it("lists the rejected certificate and trusts it with the CLI; the adapter then connects without restart", async () => {
    const listed = await capture(["pki", "list", "--pki-dir", pkiDir]);
    expect(listed.code).toBe(0);
    expect(listed.stdout).toMatch(new RegExp(`rejected\\s+${thumbprint}`));
    expect(listed.stdout).toMatch(/own\s+[0-9a-f]{40}/);

    const trusted = await capture(["pki", "trust", thumbprint.slice(0, 12), "--pki-dir", pkiDir]);
    expect(trusted).toMatchObject({ code: 0 });
    expect(trusted.stdout).toContain(`trusted ${thumbprint}`);
    await waitFor(
      () => measurementsOf(collector, "press-1", "count").length >= 2,
      20_000,
      "values after trusting",
    );
    const after = await capture(["pki", "list", "--pki-dir", pkiDir]);
    expect(after.stdout).toMatch(new RegExp(`trusted\\s+${thumbprint}`));
    expect(after.stdout).not.toMatch(new RegExp(`rejected\\s+${thumbprint}`));
  });

  it("refuses unknown thumbprints, bad options and missing folders with exit codes and reasons", async () => {
    const unknown = await capture(["pki", "trust", "0123456789abcdef", "--pki-dir", pkiDir]);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain("no rejected certificate with thumbprint 0123456789abcdef");
    expect((await capture(["pki", "trust", "../../etc/passwd;rm", "--pki-dir", pkiDir])).stderr).toContain(
      "neither a certificate file nor a SHA-1 thumbprint",
    );
    expect((await capture(["pki", "list", "--bogus"])).code).toBe(2);
    expect((await capture(["pki", "list", "--pki-dir", join(dir.path, "nowhere")])).stderr).toContain(
      "does not exist",
    );
    expect((await capture(["certs"])).code).toBe(2);
  });
});
