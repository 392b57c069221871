import { readFileSync } from "node:fs";
import { request } from "node:https";
import mqtt, { type MqttClient } from "mqtt";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TestPki, type IssuedCertificate } from "../../support/test-pki.js";
import { freePort } from "../../integration/support/mosquitto.js";
import { startGateway, waitFor, type GatewayFixture } from "./gateway-fixture.js";

/**
 * Transport security at the field gateway: HTTPS and mqtts with devices authenticated by API key
 * or by X.509 client certificate (docs/design/telemetry-path.md "Transport security").
 */
const KEYS = {
  certified: "cert-only-group-key-0123456789",
  both: "both-methods-group-key-0123456789",
  keys: "keys-only-group-key-0123456789",
};

const provisioning = [
  "deviceGroups:",
  `  - { id: certified, tenant: acme, apiKey: ${KEYS.certified}, authentication: [certificate] }`,
  `  - { id: both, tenant: acme, apiKey: ${KEYS.both}, authentication: [apiKey, certificate], autoprovision: true }`,
  `  - { id: keys, tenant: acme, apiKey: ${KEYS.keys}, autoprovision: true }`,
  "devices:",
  "  - { id: meter-c1, tenant: acme, group: certified }",
  "  - { id: meter-c2, tenant: acme, group: certified }",
  "  - { id: meter-b1, tenant: acme, group: both }",
  "  - { id: meter-k1, tenant: acme, group: keys }",
  "",
].join("\n");

const pki = new TestPki();
const foreignPki = new TestPki("foreign");
const server = pki.server();
const certs = {
  c1: pki.client("c1", "meter one", "URI:urn:ivf:device:acme:meter-c1"),
  c2: pki.client("c2", "acme:meter-c2"),
  b1: pki.client("b1", "acme:meter-b1"),
  k1: pki.client("k1", "acme:meter-k1"),
  ghost: pki.client("ghost", "acme:ghost"),
  nameless: pki.client("nameless", "just a name"),
  foreign: foreignPki.client("foreign", "acme:meter-c1"),
};
const crlFile = pki.revoke(certs.c2);

let gateway: GatewayFixture;
let mqttsUrl: string;
beforeAll(async () => {
  const tlsPort = await freePort();
  mqttsUrl = `mqtts://127.0.0.1:${tlsPort}`;
  gateway = await startGateway(
    {
      IVF_HTTP_TLS_CERT_FILE: server.certFile,
      IVF_HTTP_TLS_KEY_FILE: server.keyFile,
      IVF_HTTP_TLS_CA_FILE: pki.caCertFile,
      IVF_HTTP_TLS_CRL_FILE: crlFile,
      IVF_MQTT_EMBEDDED_TLS_PORT: String(tlsPort),
    },
    provisioning,
  );
}, 30_000);
afterAll(async () => {
  await gateway?.stop();
  pki.remove();
  foreignPki.remove();
});

interface Answer {
  status: number;
  body: { code?: string; detail?: string; accepted?: number };
}

function post(
  deviceId: string,
  body: unknown,
  auth: { cert?: IssuedCertificate; apiKey?: string },
): Promise<Answer> {
  const payload = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = request(
      `${gateway.url}/v1/telemetry/${deviceId}`,
      {
        method: "POST",
        ca: readFileSync(pki.caCertFile),
        ...(auth.cert
          ? { cert: readFileSync(auth.cert.certFile), key: readFileSync(auth.cert.keyFile) }
          : {}),
        headers: {
          "content-type": "application/json",
          ...(auth.apiKey ? { "x-api-key": auth.apiKey } : {}),
        },
      },
      (res) => {
        let text = "";
        res.on("data", (chunk: Buffer) => (text += chunk.toString()));
        res.on("end", () =>
          resolve({ status: res.statusCode ?? 0, body: JSON.parse(text) as Answer["body"] }),
        );
      },
    );
    req.on("error", reject);
    req.end(payload);
  });
}

function connectTls(certificate: IssuedCertificate | undefined, clientId: string): Promise<MqttClient> {
  return mqtt.connectAsync(mqttsUrl, {
    clientId,
    clean: true,
    reconnectPeriod: 0,
    ca: readFileSync(pki.caCertFile),
    ...(certificate
      ? { cert: readFileSync(certificate.certFile), key: readFileSync(certificate.keyFile) }
      : {}),
  });
}

/** The SUBACK return codes (mqtt.js rejects the whole call when one filter is refused). */
function grantedQos(client: MqttClient, filters: string[]): Promise<number[]> {
  return new Promise((resolve) => {
    client.once("packetreceive", (packet) => {
      if (packet.cmd === "suback")
        resolve(
          packet.granted.map((grant) => (typeof grant === "number" ? grant : (grant as { qos: number }).qos)),
        );
    });
    client.subscribe(filters, { qos: 1 }, () => undefined);
  });
}

const received = (deviceId: string, marker: number) =>
  gateway.received.some(
    (primitive) =>
      primitive.deviceId === deviceId && primitive.measurements.some((entry) => entry.value === marker),
  );

describe("field-gateway over HTTPS with client certificates", () => {
  it("accepts a device whose certificate names it by SAN URI, attributed to the certificate's tenant", async () => {
    const answer = await post("meter-c1", { power: 101 }, { cert: certs.c1 });
    expect(answer).toEqual({ status: 202, body: { accepted: 1 } });
    await waitFor(() => received("meter-c1", 101));
    const primitive = gateway.received.find(
      (entry) => received("meter-c1", 101) && entry.deviceId === "meter-c1",
    )!;
    expect(primitive).toMatchObject({ tenant: "acme", source: { protocol: "http" } });
  });

  it("accepts a device named by subject CN, and the same group's API key, when the group allows both", async () => {
    expect((await post("meter-b1", { power: 102 }, { cert: certs.b1 })).status).toBe(202);
    expect((await post("meter-b1", { power: 103 }, { apiKey: KEYS.both })).status).toBe(202);
    await waitFor(() => received("meter-b1", 102) && received("meter-b1", 103));
  });

  it("still accepts API-key devices over HTTPS without a certificate", async () => {
    expect((await post("meter-k1", { power: 104 }, { apiKey: KEYS.keys })).status).toBe(202);
  });

  it("refuses a revoked, a foreign-CA and a device-less certificate with 401 CERTIFICATE_REJECTED and the reason", async () => {
    const revoked = await post("meter-c2", { power: 1 }, { cert: certs.c2 });
    expect([revoked.status, revoked.body.code]).toEqual([401, "CERTIFICATE_REJECTED"]);
    expect(revoked.body.detail).toContain("CERT_REVOKED");
    const foreign = await post("meter-c1", { power: 1 }, { cert: certs.foreign });
    expect([foreign.status, foreign.body.code]).toEqual([401, "CERTIFICATE_REJECTED"]);
    expect(foreign.body.detail).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|unable to verify/i);
    const nameless = await post("meter-c1", { power: 1 }, { cert: certs.nameless });
    expect([nameless.status, nameless.body.code]).toEqual([401, "CERTIFICATE_REJECTED"]);
    expect(nameless.body.detail).toContain("urn:ivf:device:<tenant>:<deviceId>");
  });

  it("refuses with 403 a certificate for another device, an unregistered device, or a group without certificates", async () => {
    const other = await post("meter-c2", { power: 1 }, { cert: certs.c1 });
    expect([other.status, other.body.code]).toEqual([403, "CERTIFICATE_NOT_ACCEPTED"]);
    expect(other.body.detail).toContain('the certificate is for device "meter-c1"');
    const ghost = await post("ghost", { power: 1 }, { cert: certs.ghost });
    expect([ghost.status, ghost.body.code]).toEqual([403, "CERTIFICATE_NOT_ACCEPTED"]);
    expect(ghost.body.detail).toContain("is not registered");
    const keysOnly = await post("meter-k1", { power: 1 }, { cert: certs.k1 });
    expect([keysOnly.status, keysOnly.body.code]).toEqual([403, "CERTIFICATE_NOT_ACCEPTED"]);
    expect(keysOnly.body.detail).toContain("does not accept certificate authentication");
  });

  it("refuses the API key of a certificate-only group with 403 API_KEY_NOT_ACCEPTED", async () => {
    const answer = await post("meter-c1", { power: 1 }, { apiKey: KEYS.certified });
    expect([answer.status, answer.body.code]).toEqual([403, "API_KEY_NOT_ACCEPTED"]);
  });
});

describe("field-gateway embedded broker over mqtts with client certificates", () => {
  it("takes telemetry from a certified device on ivf/v1/x509/<tenant>/<deviceId>/attrs", async () => {
    const device = await connectTls(certs.c1, "c1-session");
    try {
      await device.publishAsync("ivf/v1/x509/acme/meter-c1/attrs", JSON.stringify({ power: 201 }), {
        qos: 1,
      });
      await waitFor(() => received("meter-c1", 201));
      const primitive = gateway.received.find((entry) => entry.measurements.some((m) => m.value === 201))!;
      expect(primitive).toMatchObject({
        tenant: "acme",
        source: { protocol: "mqtt", endpoint: "ivf/v1/x509/acme/meter-c1/attrs" },
      });
    } finally {
      await device.endAsync();
    }
  });

  it("refuses sessions with a revoked, foreign, unregistered or keys-only-group certificate", async () => {
    for (const [name, certificate] of [
      ["revoked", certs.c2],
      ["foreign", certs.foreign],
      ["ghost", certs.ghost],
      ["keys-only", certs.k1],
    ] as const) {
      await expect(connectTls(certificate, `refused-${name}`), name).rejects.toThrow(/Not authorized/i);
    }
  });

  it("closes a session that publishes on another device's certificate topic, and drops the message", async () => {
    const device = await connectTls(certs.c1, "c1-forger");
    const closed = new Promise<void>((resolve) => device.once("close", () => resolve()));
    device.publish("ivf/v1/x509/acme/meter-c2/attrs", JSON.stringify({ power: 202 }), { qos: 1 });
    await closed;
    device.end(true);
    const anonymous = await connectTls(undefined, "no-cert-forger");
    const anonymousClosed = new Promise<void>((resolve) => anonymous.once("close", () => resolve()));
    anonymous.publish("ivf/v1/x509/acme/meter-c1/attrs", JSON.stringify({ power: 203 }), { qos: 1 });
    await anonymousClosed;
    anonymous.end(true);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(received("meter-c2", 202) || received("meter-c1", 203)).toBe(false);
  });

  it("takes API-key telemetry over mqtts from a device without a certificate", async () => {
    const device = await connectTls(undefined, "k1-session");
    try {
      await device.publishAsync(`ivf/v1/${KEYS.keys}/meter-k1/attrs`, JSON.stringify({ power: 204 }), {
        qos: 1,
      });
      await waitFor(() => received("meter-k1", 204));
    } finally {
      await device.endAsync();
    }
  });

  it("refuses device subscriptions with wildcards or $ topics; a certified device may subscribe to its own command topic only", async () => {
    const snoop = await mqtt.connectAsync(gateway.mqttUrl, { clientId: "snooper", clean: true });
    try {
      expect(
        await grantedQos(snoop, ["ivf/v1/+/+/attrs", "#", "$SYS/#", "ivf/v1/devices/acme/x/cmd"]),
      ).toEqual([128, 128, 128, 1]);
    } finally {
      await snoop.endAsync();
    }
    const device = await connectTls(certs.c1, "c1-subscriber");
    try {
      expect(
        await grantedQos(device, ["ivf/v1/devices/acme/meter-c1/cmd", "ivf/v1/devices/acme/meter-c2/cmd"]),
      ).toEqual([1, 128]);
    } finally {
      await device.endAsync();
    }
  });

  it("round-trips a command with a certified device: command on its own topic, reply on its x509 topic", async () => {
    const { bus } = gateway.running.context;
    const statuses: { commandId: string; status: string; result?: unknown }[] = [];
    const consumer = await bus.consume(
      { name: "test.command-status", exchange: "iot.commands", bindings: ["command-status.#"] },
      async (delivery) => {
        statuses.push(delivery.body as (typeof statuses)[number]);
      },
    );
    const device = await connectTls(certs.c1, "c1-commands");
    device.on("message", (_topic, payload) => {
      const command = JSON.parse(payload.toString()) as { commandId: string; value?: unknown };
      const reply = { commandId: command.commandId, status: "executed", result: { set: command.value } };
      void device.publishAsync("ivf/v1/x509/acme/meter-c1/cmdexe", JSON.stringify(reply), { qos: 1 });
    });
    try {
      expect(await grantedQos(device, ["ivf/v1/devices/acme/meter-c1/cmd"])).toEqual([1]);
      await bus.publish("iot.commands", {
        routingKey: "command.acme.meter-c1",
        body: {
          commandVersion: 1,
          commandId: "cmd-x509-1",
          tenant: "acme",
          deviceId: "meter-c1",
          command: "set",
          value: 7,
        },
      });
      await waitFor(() =>
        statuses.some((entry) => entry.commandId === "cmd-x509-1" && entry.status === "executed"),
      );
      expect(
        statuses.filter((entry) => entry.commandId === "cmd-x509-1").map((entry) => entry.status),
      ).toEqual(["delivered", "executed"]);
      expect(statuses.find((entry) => entry.status === "executed")?.result).toEqual({ set: 7 });
    } finally {
      await device.endAsync();
      await consumer.stop();
    }
  });

  it("answers an MQTT 5 CONNECT with 'unacceptable protocol version' (aedes speaks 3.1.1; use an external broker for MQTT 5)", async () => {
    await expect(
      mqtt.connectAsync(gateway.mqttUrl, { clientId: "v5-device", protocolVersion: 5, reconnectPeriod: 0 }),
    ).rejects.toThrow(/protocol|version/i);
  });
});
