import { randomBytes } from "node:crypto";
import { readFileSync } from "node:fs";
import { createServer, type Server, type Socket } from "node:net";
import mqtt from "mqtt";
import mqttPacket from "mqtt-packet";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeWithServices, serviceAddresses } from "../../support/services.js";
import { TestPki } from "../../support/test-pki.js";
import { startTlsMosquitto } from "../../support/tls-mosquitto.js";
import { freePort } from "../../integration/support/mosquitto.js";
import { startGateway, waitFor, keys, type GatewayFixture } from "./gateway-fixture.js";

/**
 * The gateway's sessions to an external broker: MQTT 5 against the machine's Mosquitto (devices
 * on 3.1.1 and 5 side by side), mqtts with a CA and a client certificate against a private
 * Mosquitto that requires one, and the PUBACK reason codes an MQTT 5 session sends for refusals,
 * read by a minimal MQTT 5 peer that records every packet the gateway writes.
 */
const run = randomBytes(4).toString("hex");
const marker = (value: number) => (gateway: GatewayFixture, deviceId: string) =>
  gateway.received.some(
    (primitive) => primitive.deviceId === deviceId && primitive.measurements.some((m) => m.value === value),
  );

await describeWithServices(["mosquitto"], "field-gateway sessions to an external MQTT broker", () => {
  const pki = new TestPki();
  afterAll(() => pki.remove());

  it("speaks MQTT 5 to Mosquitto and takes telemetry from MQTT 5 and 3.1.1 devices", async () => {
    const prefix = `it5/${run}`;
    const gateway = await startGateway({
      IVF_MQTT_URL: serviceAddresses.mosquitto.url,
      IVF_MQTT_PROTOCOL_VERSION: "5",
      IVF_MQTT_TOPIC_PREFIX: prefix,
      IVF_MQTT_EMBEDDED_PORT: "",
      IVF_INSTANCE_ID: `fg5-${run}`,
    });
    const v5 = await mqtt.connectAsync(serviceAddresses.mosquitto.url, {
      clientId: `v5-${run}`,
      protocolVersion: 5,
    });
    const v4 = await mqtt.connectAsync(serviceAddresses.mosquitto.url, {
      clientId: `v4-${run}`,
      protocolVersion: 4,
    });
    try {
      await v5.publishAsync(`${prefix}/${keys.open}/dev-v5/attrs`, JSON.stringify({ power: 501 }), {
        qos: 1,
      });
      await v4.publishAsync(`${prefix}/${keys.open}/dev-v4/attrs`, JSON.stringify({ power: 401 }), {
        qos: 1,
      });
      await waitFor(() => marker(501)(gateway, "dev-v5") && marker(401)(gateway, "dev-v4"), 20_000);
    } finally {
      await Promise.all([v5.endAsync(), v4.endAsync()]);
      await gateway.stop();
    }
  }, 60_000);

  it("connects over mqtts with the configured CA and client certificate to a broker that requires one", async () => {
    const gatewayCert = pki.client("gateway", "ivf-field-gateway");
    const deviceCert = pki.client("device", "some-device");
    const broker = await startTlsMosquitto(pki);
    let gateway: GatewayFixture | undefined;
    try {
      const url = broker.url;
      gateway = await startGateway({
        IVF_MQTT_URL: url,
        IVF_MQTT_PROTOCOL_VERSION: "5",
        IVF_MQTT_TLS_CA_FILE: pki.caCertFile,
        IVF_MQTT_TLS_CERT_FILE: gatewayCert.certFile,
        IVF_MQTT_TLS_KEY_FILE: gatewayCert.keyFile,
        IVF_MQTT_EMBEDDED_PORT: "",
        IVF_MQTT_SHARED_SUBSCRIPTION: "false",
        IVF_INSTANCE_ID: `fg-tls-${run}`,
      });
      const device = await mqtt.connectAsync(url, {
        clientId: `tls-device-${run}`,
        ca: readFileSync(pki.caCertFile),
        cert: readFileSync(deviceCert.certFile),
        key: readFileSync(deviceCert.keyFile),
      });
      try {
        await device.publishAsync(`ivf/v1/${keys.open}/tls-dev/attrs`, JSON.stringify({ power: 601 }), {
          qos: 1,
        });
        await waitFor(() => marker(601)(gateway!, "tls-dev"), 20_000);
      } finally {
        await device.endAsync();
      }
    } finally {
      await gateway?.stop();
      await broker.stop();
    }
  }, 60_000);
});

describe("field-gateway MQTT 5 PUBACK reason codes", () => {
  let peer: RecordingPeer;
  let gateway: GatewayFixture;
  beforeAll(async () => {
    peer = await startRecordingPeer();
    gateway = await startGateway({
      IVF_MQTT_URL: peer.url,
      IVF_MQTT_PROTOCOL_VERSION: "5",
      IVF_MQTT_EMBEDDED_PORT: "",
      IVF_MQTT_SHARED_SUBSCRIPTION: "false",
    });
    await waitFor(() => peer.telemetrySession !== undefined, 10_000);
  }, 30_000);
  afterAll(async () => {
    await gateway?.stop();
    peer?.close();
  });

  it("acknowledges an accepted message with 0 and refusals with their reason code", async () => {
    const cases: [string, string, number][] = [
      [`ivf/v1/${keys.open}/ok-1/attrs`, JSON.stringify({ power: 1 }), 0x00],
      [`ivf/v1/${keys.open}/bad-json/attrs`, "{not json", 0x99],
      [`ivf/v1/wrong-key-0123456789/dev/attrs`, JSON.stringify({ power: 1 }), 0x87],
      [`ivf/v1/${keys.open}/dev/extra/attrs`, JSON.stringify({ power: 1 }), 0x90],
      [`ivf/v1/${keys.open}/$dev/attrs`, JSON.stringify({ power: 1 }), 0x90],
      [`ivf/v1/${keys.strict}/known-1/attrs`, JSON.stringify({ colour: "red" }), 0x83],
    ];
    cases.forEach(([topic, payload], index) => peer.publish(topic, payload, index + 1));
    await waitFor(() => peer.pubacks.size === cases.length, 10_000);
    expect(cases.map((_, index) => peer.pubacks.get(index + 1))).toEqual(cases.map(([, , code]) => code));
  });
});

interface RecordingPeer {
  url: string;
  telemetrySession: Socket | undefined;
  pubacks: Map<number, number>;
  publish(topic: string, payload: string, messageId: number): void;
  close(): void;
}

/** A minimal MQTT 5 server: accepts every session, grants every subscription, records PUBACKs. */
async function startRecordingPeer(): Promise<RecordingPeer> {
  const opts = { protocolVersion: 5 } as const;
  const state: RecordingPeer = {
    url: "",
    telemetrySession: undefined,
    pubacks: new Map(),
    publish(topic, payload, messageId) {
      const packet = {
        cmd: "publish",
        topic,
        payload,
        qos: 1,
        messageId,
        retain: false,
        dup: false,
      } as const;
      state.telemetrySession!.write(mqttPacket.generate(packet as mqttPacket.IPublishPacket, opts));
    },
    close: () => {
      for (const socket of sockets) socket.destroy();
      server.close();
    },
  };
  const sockets = new Set<Socket>();
  const server: Server = createServer((socket) => {
    sockets.add(socket);
    const parser = mqttPacket.parser(opts);
    parser.on("packet", (packet) => {
      if (packet.cmd === "connect") {
        const connack = { cmd: "connack", reasonCode: 0, sessionPresent: false } as mqttPacket.IConnackPacket;
        socket.write(mqttPacket.generate(connack, opts));
      } else if (packet.cmd === "subscribe") {
        const granted = packet.subscriptions.map(() => 1);
        socket.write(mqttPacket.generate({ cmd: "suback", messageId: packet.messageId!, granted }, opts));
        if (packet.subscriptions.some((s) => s.topic.endsWith("/attrs"))) state.telemetrySession = socket;
      } else if (packet.cmd === "puback") {
        state.pubacks.set(packet.messageId!, packet.reasonCode ?? 0);
      } else if (packet.cmd === "unsubscribe") {
        socket.write(
          mqttPacket.generate(
            { cmd: "unsuback", messageId: packet.messageId!, granted: packet.unsubscriptions.map(() => 0) },
            opts,
          ),
        );
      } else if (packet.cmd === "disconnect") {
        socket.end();
      } else if (packet.cmd === "pingreq") {
        socket.write(mqttPacket.generate({ cmd: "pingresp" }, opts));
      }
    });
    socket.on("data", (chunk) => parser.parse(chunk));
    socket.on("error", () => undefined);
  });
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, "127.0.0.1", resolve));
  state.url = `mqtt://127.0.0.1:${port}`;
  return state;
}
