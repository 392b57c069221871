import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { request } from "node:https";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Writable } from "node:stream";
import express from "express";
import mqtt from "mqtt";
import { Registry } from "prom-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EmbeddedBus } from "../../../vnfs/runtime-kit/bus/embedded/embedded-bus.js";
import { SqliteStore } from "../../../vnfs/runtime-kit/store/sqlite/sqlite-store.js";
import { createLogger } from "../../../vnfs/runtime-kit/logging/logger.js";
import { IvfKpis } from "../../../vnfs/runtime-kit/metrics/ivf-kpis.js";
import { httpTlsFromConfig, listen, type StartedServer } from "../../../vnfs/runtime-kit/http/http-server.js";
import { startEmbeddedBroker, type EmbeddedBroker } from "../../../vnfs/runtime-kit/mqtt/embedded-broker.js";
import { TelemetryIntake } from "../../../vnfs/field-gateway/ingest/accept-telemetry.js";
import { BatchPublisher } from "../../../vnfs/field-gateway/ingest/batch-publisher.js";
import { mountHttpIngress } from "../../../vnfs/field-gateway/http/http-ingress.js";
import { gatewayBrokerPolicy } from "../../../vnfs/field-gateway/mqtt/embedded-broker-policy.js";
import { DeviceDirectory } from "../../../vnfs/field-gateway/registry/device-directory.js";
import { openDeviceCollections } from "../../../vnfs/field-gateway/registry/device-records.js";
import { seedRegistry } from "../../../vnfs/field-gateway/provisioning/seed-registry.js";
import { TestPki } from "../../support/test-pki.js";
import { waitFor } from "./gateway-fixture.js";

/**
 * A refused device certificate leaves one clear log line, on HTTPS and on mqtts: what was refused
 * (subject, issuer, serial, fingerprint) and why, and nothing secret (no PEM, no key, no passphrase).
 */
const PASSPHRASE = "server-key-passphrase-never-logged";
const pki = new TestPki();
const server = pki.server();
const revoked = pki.client("revoked", "acme:meter-r");
const ghost = pki.client("ghost", "acme:ghost");
const crl = pki.revoke(revoked);
const lines: Record<string, unknown>[] = [];
const raw: string[] = [];
const sink = new Writable({
  write(chunk: Buffer, _encoding, done) {
    raw.push(chunk.toString());
    lines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
    done();
  },
});
const logger = createLogger({ ivf: "field-gateway", instanceId: "log-test", level: "info" }, sink);
const cleanups: (() => Promise<void> | void)[] = [];
let https: StartedServer;
let broker: EmbeddedBroker;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "ivf-cert-log-"));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  const bus = await EmbeddedBus.open({ path: join(dir, "bus.sqlite"), instanceId: "t", logger });
  cleanups.push(() => bus.close());
  const store = await SqliteStore.open({ path: join(dir, "iot.sqlite"), logger });
  cleanups.push(() => store.close());
  await seedRegistry(store, {
    deviceGroups: [
      { id: "g", tenant: "acme", apiKey: "cert-log-group-key-0123456789", authentication: ["certificate"] },
    ],
    devices: [{ id: "meter-r", tenant: "acme", group: "g" }],
  });
  await bus.declareExchange("iot.requests");
  const { groups, devices } = await openDeviceCollections(store);
  const directory = new DeviceDirectory(groups, devices, 1000);
  const kpis = new IvfKpis({ registry: new Registry(), capacityPerSecond: 1000 });
  const publisher = new BatchPublisher({
    bus,
    exchange: "iot.requests",
    logger,
    batchSize: 10,
    lingerMs: 2,
    maxInFlight: 100,
  });
  cleanups.push(() => publisher.close());
  const intake = new TelemetryIntake(directory, publisher, kpis, logger, 60_000);
  const tls = httpTlsFromConfig({
    httpTlsCertFile: server.certFile,
    httpTlsKeyFile: server.keyFile,
    httpTlsCaFile: pki.caCertFile,
    httpTlsCrlFile: crl,
  })!;
  const app = express();
  mountHttpIngress(app, intake, publisher, { maxPayloadBytes: 4096, publishTimeoutMs: 5000, logger });
  https = await listen(app, "127.0.0.1", 0, { ...tls, passphrase: PASSPHRASE });
  cleanups.push(() => https.close());
  const { policy } = gatewayBrokerPolicy(directory, "ivf/v1", logger);
  broker = await startEmbeddedBroker({ logger, policy, tls: { port: 0, material: tls } });
  cleanups.push(() => broker.close());
});
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
  pki.remove();
});

function postWith(certificate: { certFile: string; keyFile: string }): Promise<number> {
  return new Promise((resolve, reject) => {
    const req = request(
      `${https.url}/v1/telemetry/meter-r`,
      {
        method: "POST",
        ca: readFileSync(pki.caCertFile),
        cert: readFileSync(certificate.certFile),
        key: readFileSync(certificate.keyFile),
        headers: { "content-type": "application/json" },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end('{"power":1}');
  });
}

const refusals = () => lines.filter((line) => line.msg === "device certificate refused");

function expectNoSecret(): void {
  const text = raw.join("");
  expect(text).not.toContain("BEGIN");
  expect(text).not.toContain(PASSPHRASE);
  expect(text).not.toContain(readFileSync(revoked.keyFile, "utf8").split("\n")[1]);
}

describe("log line of a refused device certificate", () => {
  it("over HTTPS names the certificate and the TLS reason", async () => {
    expect(await postWith(revoked)).toBe(401);
    const line = refusals().at(-1)!;
    expect(line).toMatchObject({
      level: "warn",
      code: "CERTIFICATE_REJECTED",
      subject: "acme:meter-r",
      issuer: "IVF test ca",
      path: "/v1/telemetry/meter-r",
    });
    expect(String(line.problem)).toContain("CERT_REVOKED");
    expect(line.serial).toMatch(/^[0-9A-F]+$/);
    expect(line.fingerprint256).toMatch(/^([0-9A-F]{2}:){31}[0-9A-F]{2}$/);
    expectNoSecret();
  });

  it("over mqtts names the session, the certificate and why the registry refused it", async () => {
    const before = refusals().length;
    await expect(
      mqtt.connectAsync(broker.tlsUrl!, {
        clientId: "ghost-session",
        reconnectPeriod: 0,
        ca: readFileSync(pki.caCertFile),
        cert: readFileSync(ghost.certFile),
        key: readFileSync(ghost.keyFile),
      }),
    ).rejects.toThrow(/Not authorized/i);
    await waitFor(() => refusals().length > before);
    expect(refusals().at(-1)).toMatchObject({
      clientId: "ghost-session",
      subject: "acme:ghost",
      code: "CERTIFICATE_NOT_ACCEPTED",
      problems: ['device "ghost" of tenant "acme" is not registered'],
    });
    expectNoSecret();
  });
});
