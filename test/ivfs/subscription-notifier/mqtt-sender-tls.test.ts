import { readFileSync } from "node:fs";
import mqtt from "mqtt";
import { afterAll, beforeAll, expect, it } from "vitest";
import { MqttSender } from "../../../vnfs/subscription-notifier/delivery/mqtt-sender.js";
import { loadTlsMaterial } from "../../../vnfs/runtime-kit/http/tls-material.js";
import { describeWithServices } from "../../support/services.js";
import { TestPki } from "../../support/test-pki.js";
import { startTlsMosquitto, type TlsMosquitto } from "../../support/tls-mosquitto.js";

/**
 * MQTT notifications over mqtts to a broker that requires a client certificate
 * (IVF_NOTIFIER_MQTT_TLS_CA_FILE / _CERT_FILE / _KEY_FILE).
 */
await describeWithServices(["mosquitto"], "subscription notifier MQTT target over TLS", () => {
  const pki = new TestPki();
  const names = {
    caFile: "IVF_NOTIFIER_MQTT_TLS_CA_FILE",
    certFile: "IVF_NOTIFIER_MQTT_TLS_CERT_FILE",
    keyFile: "IVF_NOTIFIER_MQTT_TLS_KEY_FILE",
  };
  let broker: TlsMosquitto;
  beforeAll(async () => {
    broker = await startTlsMosquitto(pki);
  });
  afterAll(async () => {
    await broker?.stop();
    pki.remove();
  });

  it("publishes a notification over mqtts with the configured CA and client certificate", async () => {
    const notifier = pki.client("notifier", "ivf-subscription-notifier");
    const app = pki.client("app", "application");
    const receiver = await mqtt.connectAsync(broker.url, {
      clientId: "tls-app",
      ca: readFileSync(pki.caCertFile),
      cert: readFileSync(app.certFile),
      key: readFileSync(app.keyFile),
    });
    const received: string[] = [];
    receiver.on("message", (_topic, payload) => received.push(payload.toString()));
    await receiver.subscribeAsync("tls/notifications/acme/sub-1", { qos: 1 });
    const tls = loadTlsMaterial(
      { caFile: pki.caCertFile, certFile: notifier.certFile, keyFile: notifier.keyFile },
      names,
    );
    const sender = await MqttSender.connect(broker.url, "tls/notifications", "tls-notifier", tls);
    try {
      const outcome = await sender.send(sender.topic("acme", "sub-1"), '{"n":1}');
      expect(outcome).toEqual({ ok: true });
      await expect.poll(() => received, { timeout: 10_000 }).toEqual(['{"n":1}']);
    } finally {
      await sender.close();
      await receiver.endAsync();
    }
  });

  it("does not trust the broker without the CA", async () => {
    const notifier = pki.client("untrusting", "ivf-subscription-notifier");
    const tls = loadTlsMaterial({ certFile: notifier.certFile, keyFile: notifier.keyFile }, names);
    const attempt = MqttSender.connect(broker.url, "tls/notifications", "tls-notifier-2", tls);
    await expect(attempt).rejects.toThrow(/self-signed|unable to (get|verify)/i);
  });
});
